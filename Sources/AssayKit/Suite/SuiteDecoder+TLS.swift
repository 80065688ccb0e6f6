import Foundation

extension SuiteDecoder {
    /// `tls: {cert?, key?, cacert?}`; a `key` needs a `cert`, and the block must name something.
    static func decodeTLS(_ node: JSONNode?) throws(Diagnostic) -> SuiteTLS? {
        guard let node else { return nil }
        var reader = try NodeReader(node, context: "tls")
        reader.allow("cert", "key", "cacert")
        try reader.finish()
        func path(_ key: String) throws(Diagnostic) -> String? {
            guard let member = reader.member(key) else { return nil }
            let written = try member.requireString("`tls.\(key)`")
            guard !written.isEmpty else {
                throw Diagnostic("expected `tls.\(key)` to name a PEM file, found \"\"", at: member.location)
            }
            if written.hasPrefix("/") { return written }
            let folder = (member.location.file as NSString).deletingLastPathComponent
            return folder.isEmpty ? written : folder + "/" + written
        }
        let tls = SuiteTLS(
            certPath: try path("cert"), keyPath: try path("key"), caCertPath: try path("cacert"),
            location: node.location)
        if tls.keyPath != nil && tls.certPath == nil {
            throw Diagnostic("`tls.key` needs `tls.cert` (the key belongs to a client certificate)", at: node.location)
        }
        if tls.files.isEmpty {
            throw Diagnostic("`tls` needs `cert` (and `key`) or `cacert`", at: node.location)
        }
        return tls
    }
}
