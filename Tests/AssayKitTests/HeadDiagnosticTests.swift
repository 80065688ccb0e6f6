import AssayTestSupport
import Foundation
import Testing

@testable import AssayKit

/// A response head libcurl refuses is reported in HTTP's terms: a status line whose code is not
/// three digits is a broken status line (not "Unsupported HTTP version"), a head over libcurl's
/// limits is "response head too large" (not "Out of memory"); a well-formed line with a version
/// libcurl does not speak keeps libcurl's precise words.
@Suite struct HeadDiagnosticTests {
    static func failure(of reply: String) throws -> TransportFailure? {
        let server = try LoopbackServer(script: [.readRequest, .write(reply), .close])
        defer { server.stop() }
        let client = try #require(CurlClient())
        return client.perform(HTTPRequest(url: server.baseURL + "/")).failure
    }

    @Test(arguments: [
        "HTTP/1.1 abc\r\n\r\n", "HTTP/1.1 2x0 What\r\n\r\n", "HTTP/1.1 20\u{1B}[31m0 OK\r\n\r\n",
        "HTTP/1.1\r\nContent-Length: 0\r\n\r\n",
    ])
    func garbageStatusLineIsABrokenStatusLine(reply: String) throws {
        let failure = try #require(try Self.failure(of: reply))
        #expect(failure.kind == .protocolError)
        #expect(failure.message.hasPrefix("broken status line: the response does not start with"))
    }

    /// The control: a well-formed status line with a version libcurl does not speak says so.
    @Test func unknownVersionKeepsLibcurlsWords() throws {
        let failure = try #require(try Self.failure(of: "HTTP/9.9 200 OK\r\nContent-Length: 0\r\n\r\n"))
        #expect(!failure.message.hasPrefix("broken status line"))
        #expect(failure.message.contains("9.9"))
    }

    /// Header lines that pass libcurl's total limit: too large, named as the head's problem.
    @Test func headOverTheTotalLimitIsTooLarge() throws {
        let line = "X-Filler: " + String(repeating: "f", count: 8000) + "\r\n"
        let failure = try #require(
            try Self.failure(of: "HTTP/1.1 200 OK\r\n" + String(repeating: line, count: 64) + "\r\n"))
        #expect(failure.message.hasPrefix("response head too large"))
        #expect(!failure.message.hasPrefix("Out of memory"))
    }

    /// The control: an ordinary reply has no failure at all.
    @Test func wellFormedHeadHasNoFailure() throws {
        #expect(try Self.failure(of: "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n") == nil)
    }
}
