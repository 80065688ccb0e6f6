import Foundation

/// Parses JSON text into located trees (suites, configs, goldens) or plain values
/// (response bodies). Every error is a `Diagnostic` at the offending character.
public enum JSONParser {
    /// Deepest nesting of arrays and objects accepted, so hostile input fails cleanly
    /// instead of overflowing the stack.
    public static let maxDepth = 512

    /// The file name used in diagnostics about response bodies.
    public static let bodyFileName = "<body>"

    /// Parses source text into a located tree; JSONC (comments, trailing commas) when
    /// `allowComments`, strict RFC 8259 otherwise.
    public static func parseNode(_ text: String, file: String, allowComments: Bool = true) throws(Diagnostic)
        -> JSONNode
    {
        try withBytes(text) { (bytes) throws(Diagnostic) -> JSONNode in
            var parser = JSONByteParser<JSONNodeBuilder>(
                bytes: bytes, file: file, allowComments: allowComments, validateUTF8: false, maxDepth: maxDepth)
            return try parser.parseDocument()
        }
    }

    /// Parses source text into a located tree, handing the items of the array under the root
    /// object's member `member` to `items` as each is parsed; that array is left empty in the tree.
    static func parseNode(
        _ text: String, file: String, streaming member: String, items: @escaping (consuming JSONNode) -> Void
    ) throws(Diagnostic) -> JSONNode {
        try withBytes(text) { (bytes) throws(Diagnostic) -> JSONNode in
            var parser = JSONByteParser<JSONNodeBuilder>(
                bytes: bytes, file: file, allowComments: true, validateUTF8: false, maxDepth: maxDepth)
            parser.streamedMember = member
            parser.streamedItems = items
            return try parser.parseDocument()
        }
    }

    /// Parses file bytes into a located tree, rejecting invalid UTF-8 inside strings, and hands the
    /// items of the array under the root object's member `member` to `items` as each is parsed;
    /// that array is left empty in the tree.
    static func parseNode(
        bytes: UnsafeBufferPointer<UInt8>, file: String, streaming member: String,
        items: @escaping (consuming JSONNode) -> Void
    ) throws(Diagnostic) -> JSONNode {
        var parser = JSONByteParser<JSONNodeBuilder>(
            bytes: bytes, file: file, allowComments: true, validateUTF8: true, maxDepth: maxDepth)
        parser.streamedMember = member
        parser.streamedItems = items
        return try parser.parseDocument()
    }

    /// Parses file bytes into a located tree, rejecting invalid UTF-8 inside strings.
    public static func parseNode(data: Data, file: String, allowComments: Bool = true) throws(Diagnostic) -> JSONNode {
        try withBytes(data) { (bytes) throws(Diagnostic) -> JSONNode in
            var parser = JSONByteParser<JSONNodeBuilder>(
                bytes: bytes, file: file, allowComments: allowComments, validateUTF8: true, maxDepth: maxDepth)
            return try parser.parseDocument()
        }
    }

    /// Parses a response body as strict JSON into a plain value; diagnostics name the file `<body>`.
    public static func parseValue(_ data: Data) throws(Diagnostic) -> JSONValue {
        try withBytes(data) { (bytes) throws(Diagnostic) -> JSONValue in
            var parser = JSONByteParser<JSONValueBuilder>(
                bytes: bytes, file: bodyFileName, allowComments: false, validateUTF8: true, maxDepth: maxDepth)
            return try parser.parseDocument()
        }
    }

    /// Parses strict JSON text into a plain value, e.g. an argument written inside a matcher.
    public static func parseValue(_ text: String, file: String = bodyFileName) throws(Diagnostic) -> JSONValue {
        try withBytes(text) { (bytes) throws(Diagnostic) -> JSONValue in
            var parser = JSONByteParser<JSONValueBuilder>(
                bytes: bytes, file: file, allowComments: false, validateUTF8: false, maxDepth: maxDepth)
            return try parser.parseDocument()
        }
    }

    // `withUTF8` and `withUnsafeBytes` rethrow untyped errors, so the typed error crosses as a Result.
    private static func withBytes<Result>(
        _ text: String, _ body: (UnsafeBufferPointer<UInt8>) throws(Diagnostic) -> Result
    ) throws(Diagnostic) -> Result {
        var text = text
        let outcome: Swift.Result<Result, Diagnostic> = text.withUTF8 { bytes in
            do throws(Diagnostic) {
                return .success(try body(bytes))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    private static func withBytes<Result>(
        _ data: Data, _ body: (UnsafeBufferPointer<UInt8>) throws(Diagnostic) -> Result
    ) throws(Diagnostic) -> Result {
        let outcome: Swift.Result<Result, Diagnostic> = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            do throws(Diagnostic) {
                return .success(try body(bytes))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }
}
