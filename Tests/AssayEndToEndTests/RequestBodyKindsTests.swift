import AssayTestSupport
import Foundation
import Testing

/// `form`, `multipart`, `file` and `basicAuth` on the wire, read back by a loopback server, and
/// the credentials nowhere in the output.
@Suite("Request bodies and basic auth, end to end")
struct RequestBodyKindsTests {
    private static let suite = """
        { "name": "bodies", "cases": [
          { "name": "form", "request": { "method": "POST", "path": "/form",
              "form": { "user": "ada lovelace", "next": "/a&b=c", "n": 3 } } },
          { "name": "multipart", "request": { "method": "POST", "path": "/upload",
              "multipart": { "title": "notes", "doc": { "file": "data/note.txt", "contentType": "text/plain" } } } },
          { "name": "file", "request": { "method": "PUT", "path": "/raw", "file": "data/note.txt",
              "headers": { "Content-Type": "text/plain" } } },
          { "name": "auth", "request": { "path": "/private",
              "basicAuth": { "user": "ada", "password": "${env:BODY_TEST_PASSWORD}" } }, "expect": { "status": 201 } }
        ] }
        """

    @Test func eachBodyKindArrivesAsWritten() throws {
        let server = try LoopbackServer(scripts: [[.serve { _ in LoopbackServer.response(body: "{}") }]])
        let directory = try TemporaryDirectory()
        try directory.write(Self.suite, to: "Suites/bodies.jsonc")
        try directory.write("first line\nsecond line\n", to: "Suites/data/note.txt")
        let password = "pw-correct-horse-battery"
        let run = try CLIRun.assay(
            ["run", "Suites", "--target", server.baseURL, "-j", "1", "-vv", "--json", "out/report.json"],
            environment: ["BODY_TEST_PASSWORD": password], directory: directory.url)
        // Only `auth` fails (it expects 201), so its exchange and repro are printed in full.
        #expect(run.exitCode == 1, "\(run.allOutput)")
        let byPath = Dictionary(server.requests.map { ($0.target, $0) }, uniquingKeysWith: { first, _ in first })

        let form = try #require(byPath["/form"])
        #expect(form.header("Content-Type") == "application/x-www-form-urlencoded")
        #expect(String(decoding: form.body, as: UTF8.self) == "user=ada%20lovelace&next=%2Fa%26b%3Dc&n=3")

        let upload = try #require(byPath["/upload"])
        let contentType = try #require(upload.header("Content-Type"))
        #expect(contentType.hasPrefix("multipart/form-data; boundary="))
        let boundary = String(contentType.dropFirst("multipart/form-data; boundary=".count))
        let expected =
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nnotes\r\n"
            + "--\(boundary)\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"note.txt\"\r\n"
            + "Content-Type: text/plain\r\n\r\nfirst line\nsecond line\n\r\n--\(boundary)--\r\n"
        #expect(String(decoding: upload.body, as: UTF8.self) == expected)

        let raw = try #require(byPath["/raw"])
        #expect(String(decoding: raw.body, as: UTF8.self) == "first line\nsecond line\n")

        let auth = try #require(byPath["/private"])
        let encoded = Data("ada:\(password)".utf8).base64EncodedString()
        #expect(auth.header("Authorization") == "Basic \(encoded)")
        let report = try directory.read("out/report.json")
        for leak in [password, encoded, "ada:\(password)"] {
            #expect(!run.allOutput.contains(leak) && !report.contains(leak), "leaked \(leak)")
        }
    }

    /// A list value sends its name once per item, in order, in `query` and in `form`: Hurl's
    /// repeated `tag: a` / `tag: b` lines, which a JSON object cannot repeat as keys.
    @Test func aListValueRepeatsAQueryParameterOrAFormField() throws {
        let server = try LoopbackServer(scripts: [[.serve { _ in LoopbackServer.response(body: "{}") }]])
        let directory = try TemporaryDirectory()
        try directory.write(
            """
            { "name": "repeat", "variables": {"v": "b&c"}, "cases": [
              { "name": "query", "request": { "path": "/q", "query": { "tag": ["a", "${v}"], "n": 1 } } },
              { "name": "form", "request": { "method": "POST", "path": "/f", "form": { "tag": ["x", 2, true], "y": "z" } } }
            ] }
            """, to: "Suites/repeat.jsonc")
        let run = try CLIRun.assay(
            ["run", "Suites", "--target", server.baseURL, "-j", "1"], directory: directory.url)
        #expect(run.exitCode == 0, "\(run.allOutput)")
        let targets = server.requests.map(\.target)
        #expect(targets.contains("/q?tag=a&tag=b%26c&n=1"), "\(targets)")
        let form = try #require(server.requests.first { $0.target == "/f" })
        #expect(String(decoding: form.body, as: UTF8.self) == "tag=x&tag=2&tag=true&y=z")

        try directory.write(
            #"{ "cases": [ { "name": "c", "request": { "path": "/", "query": { "a": [] } } } ] }"#, to: "Bad/e.jsonc")
        let bad = try CLIRun.assay(["lint", "Bad"], directory: directory.url)
        #expect(bad.exitCode == 2)
        #expect(
            bad.allOutput.contains("expected query parameter `a` to list at least one value, found []"),
            "\(bad.allOutput)")
    }

    @Test func badBodiesArePositionedSuiteErrors() throws {
        let cases: [(suite: String, message: String, line: Int)] = [
            (
                #"{ "cases": [ { "name": "c", "request": { "path": "/",\#n "form": { "a": "b" }, "bodyText": "x" } } ] }"#,
                "request has both `bodyText` and `form`; give one body", 2
            ),
            (
                #"{ "cases": [ { "name": "c", "request": { "path": "/",\#n "file": "missing.bin" } } ] }"#,
                "missing.bin cannot be read", 1
            ),
            (
                #"{ "cases": [ { "name": "c", "request": { "path": "/", "multipart": {\#n "doc": { "filename": "x" } } } } ] }"#,
                "multipart part `doc` needs exactly one of `file` or `value`", 2
            ),
            (
                #"{ "cases": [ { "name": "c", "request": { "path": "/",\#n "basicAuth": { "user": "ada" } } } ] }"#,
                "password", 2
            ),
        ]
        for (suite, message, line) in cases {
            let directory = try TemporaryDirectory()
            try directory.write(suite, to: "Suites/bad.jsonc")
            let lint = try CLIRun.assay(["lint", "Suites"], directory: directory.url)
            #expect(lint.exitCode == 2, "\(lint.allOutput)")
            #expect(lint.allOutput.contains("bad.jsonc:\(line):"), "\(lint.allOutput)")
            #expect(lint.allOutput.contains(message), "\(lint.allOutput)")
        }
    }
}
