import AssayKit
import AssayTestSupport
import Foundation
import Testing

/// JSON bodies in UTF-16 and UTF-32, told by a `charset` or a byte order mark (or, without
/// either, by the zero bytes an ASCII first character leaves), are decoded before they are
/// judged: their content passes or fails on its merits. A charset Assay cannot decode fails
/// with a diagnostic that names it.
@Suite("JSON body charsets, end to end")
struct BodyCharsetTests {
    /// `{"ok":<value>}` in `encoding`, behind a byte order mark when `bom`, with this Content-Type.
    static func reply(_ value: String, _ encoding: String.Encoding, bom: [UInt8] = [], contentType: String) -> Data {
        let body = Data(bom) + #"{"ok":\#(value)}"#.data(using: encoding)!
        var head = "HTTP/1.1 200 OK\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n"
        head += "Connection: close\r\n\r\n"
        return Data(head.utf8) + body
    }

    static let replies: [String: Data] = [
        "/utf16le-bom": reply("true", .utf16LittleEndian, bom: [0xFF, 0xFE], contentType: "application/json"),
        "/utf16be-charset": reply("true", .utf16BigEndian, contentType: "application/json; charset=UTF-16BE"),
        "/utf16-charset": reply("true", .utf16BigEndian, contentType: "application/json; charset=\"utf-16\""),
        "/utf32le-bare": reply("true", .utf32LittleEndian, contentType: "application/json"),
        "/utf8-bom": reply("true", .utf8, bom: [0xEF, 0xBB, 0xBF], contentType: "application/json"),
        "/utf16le-false": reply("false", .utf16LittleEndian, bom: [0xFF, 0xFE], contentType: "application/json"),
        "/shift-jis": reply("true", .utf8, contentType: "application/json; charset=Shift_JIS"),
    ]

    @Test func bodiesAreDecodedPerTheirCharset() throws {
        let server = try LoopbackServer(script: [
            .serve { request in Self.replies[request.target] ?? LoopbackServer.response(status: 404) }
        ])
        defer { server.stop() }
        let directory = try TemporaryDirectory()
        let cases = Self.replies.keys.sorted().map {
            #"{ "name": "\#($0.dropFirst())", "request": { "path": "\#($0)" }, "expect": { "status": 200, "body": { "ok": true } } }"#
        }
        try directory.write(
            #"{ "name": "charsets", "cases": [ "# + cases.joined(separator: ",\n") + " ] }", to: "Suites/c.jsonc")
        let outcome = try CLIRun.assay(
            ["run", "Suites", "--target", server.baseURL, "--json", "out/r.json"], directory: directory.url)
        let result = try JSONReport.read(Data(try directory.read("out/r.json").utf8))
        var verdicts: [String: Verdict] = [:]
        for testCase in result.cases { verdicts[testCase.name] = testCase.verdict }
        for name in ["utf16le-bom", "utf16be-charset", "utf16-charset", "utf32le-bare", "utf8-bom"] {
            #expect(verdicts[name] == .passed, "\(name): \(outcome.stdout)")
        }
        // Decoded, the body is judged on its content: `false` is a mismatch, not an undecodable body.
        #expect(verdicts["utf16le-false"] == .failed)
        #expect(outcome.stdout.contains("$.ok: expected true, got false"))
        #expect(verdicts["shift-jis"] == .failed)
        #expect(outcome.stdout.contains("the body declares charset=Shift_JIS, which Assay cannot decode as JSON"))
        #expect(!outcome.stdout.contains("found byte 0xFF"))
    }

    /// Text bodies are read in their declared charset too: `bodyText`, the `body` and `regex`
    /// queries and a `regex` capture see `café` in a Latin-1 or UTF-16 body, not `caf\u{FFFD}`.
    @Test func textBodiesAreDecodedPerTheirCharset() throws {
        func text(_ encoding: String.Encoding, _ contentType: String, bom: [UInt8] = []) -> Data {
            let body = Data(bom) + "café total: 42".data(using: encoding)!
            return Data(
                "HTTP/1.1 200 OK\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body
        }
        let replies = [
            "/latin1": text(.isoLatin1, "text/plain; charset=ISO-8859-1"),
            "/utf16": text(.utf16LittleEndian, "text/plain", bom: [0xFF, 0xFE]),
        ]
        let server = try LoopbackServer(script: [
            .serve { request in
                replies[request.target.components(separatedBy: "?")[0]] ?? LoopbackServer.response(status: 404)
            }
        ])
        defer { server.stop() }
        let directory = try TemporaryDirectory()
        let cases = replies.keys.sorted().map { path in
            """
            { "name": "\(path.dropFirst())", "steps": [
                { "name": "read", "request": { "path": "\(path)" }, "capture": { "word": { "regex": "^(\\\\w+) total" } },
                  "expect": { "bodyText": "café total: {{regex:\\\\d+}}",
                              "asserts": [ { "query": "body", "contains": "café" }, { "regex": "(caf.)", "==": "café" } ] } },
                { "name": "use", "request": { "path": "\(path)", "query": { "w": "${word}" } },
                  "expect": { "asserts": [ { "query": "status", "==": 200 } ] } } ] }
            """
        }
        try directory.write(
            #"{ "name": "text", "cases": [ "# + cases.joined(separator: ",\n") + " ] }", to: "Suites/t.jsonc")
        let outcome = try CLIRun.assay(["run", "Suites", "--target", server.baseURL], directory: directory.url)
        #expect(outcome.exitCode == 0, "\(outcome.allOutput)")
        let sent = server.requests.map(\.target).filter { $0.contains("?") }.sorted()
        #expect(sent == ["/latin1?w=caf%C3%A9", "/utf16?w=caf%C3%A9"], "\(sent)")
    }
}
