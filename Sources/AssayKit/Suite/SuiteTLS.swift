import Foundation

/// `defaults.tls` of a suite: the client certificate (and key) for mutual TLS, and the CA bundle
/// that verifies the target, for every request of the suite. Paths are made absolute against the
/// suite file's folder when decoded; `--cert`, `--key` and `--cacert` beat them.
public struct SuiteTLS: Sendable {
    /// A PEM client certificate (may hold its key too).
    public var certPath: String?
    /// The PEM private key of `certPath`.
    public var keyPath: String?
    /// A PEM bundle of CA certificates to trust instead of the system store.
    public var caCertPath: String?
    public var location: SourceLocation

    /// Every path named, with what it is, for the planner's check that each can be read.
    public var files: [(what: String, path: String)] {
        [("cert", certPath), ("key", keyPath), ("cacert", caCertPath)].compactMap { what, path in
            path.map { (what, $0) }
        }
    }
}

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
