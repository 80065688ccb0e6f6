import AssayTargetKit
import Testing

@Suite struct HTTPRequestParserTests {
    let parser = HTTPRequestParser(maxBodyBytes: 64)

    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// Proves a Content-Length request parses and reports exactly the bytes it used.
    @Test func contentLength() {
        let input = bytes("POST /v1/x?a=1 HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhelloGET")
        guard case .complete(let request, let consumed) = parser.parse(input) else {
            Issue.record("not complete")
            return
        }
        #expect(request.method == "POST")
        #expect(request.path == "/v1/x")
        #expect(request.query == "a=1")
        #expect(request.body == bytes("hello"))
        #expect(consumed == input.count - 3)
    }

    /// Proves every strict prefix of a chunked request is incomplete and the whole decodes, wherever it is split.
    @Test func chunkedSplitAnywhere() {
        let input = bytes(
            "POST /v1/x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nX-T: 1\r\n\r\n"
        )
        for cut in 0..<input.count {
            #expect(parser.parse(Array(input[0..<cut])) == .incomplete(expectsContinue: false), "cut \(cut)")
        }
        guard case .complete(let request, let consumed) = parser.parse(input) else {
            Issue.record("not complete")
            return
        }
        #expect(request.body == bytes("Wikipedia"))
        #expect(consumed == input.count)
    }

    /// Proves the size limit answers bodyTooLarge for a declared length and for chunked data past the limit.
    @Test func sizeLimit() {
        let declared = bytes("POST / HTTP/1.1\r\nContent-Length: 65\r\n\r\n")
        #expect(parser.parse(declared) == .failure(.bodyTooLarge(limit: 64)))
        let chunk = String(repeating: "a", count: 40)
        let chunked = bytes("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n28\r\n\(chunk)\r\n28\r\n\(chunk)\r\n")
        #expect(parser.parse(chunked) == .failure(.bodyTooLarge(limit: 64)))
        let exact = bytes("POST / HTTP/1.1\r\nContent-Length: 64\r\n\r\n" + String(repeating: "b", count: 64))
        guard case .complete = parser.parse(exact) else {
            Issue.record("64 bytes should be accepted")
            return
        }
    }

    /// Proves malformed heads and chunk sizes are failures, not hangs.
    @Test func malformed() {
        #expect(isMalformed(parser.parse(bytes("NOT A REQUEST\r\n\r\n"))))
        #expect(isMalformed(parser.parse(bytes("GET / HTTP/1.1\r\nNoColon\r\n\r\n"))))
        #expect(isMalformed(parser.parse(bytes("GET / HTTP/1.1\r\nContent-Length: x\r\n\r\n"))))
        #expect(isMalformed(parser.parse(bytes("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"))))
        #expect(isMalformed(parser.parse(bytes("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n"))))
    }

    /// Proves `Expect: 100-continue` is reported once the head is complete, and LF-only heads are accepted.
    @Test func expectContinueAndBareLF() {
        let head = bytes("POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n")
        #expect(parser.parse(head) == .incomplete(expectsContinue: true))
        guard case .complete(let request, _) = parser.parse(bytes("GET /a HTTP/1.1\nHost: x\n\n")) else {
            Issue.record("LF-only head rejected")
            return
        }
        #expect(request.header("host") == "x")
    }

    /// Proves RFC 9112 framing: conflicting or signed lengths and TE with CL are malformed; equal
    /// repeated lengths are one length; blank lines before the request line are skipped and consumed.
    @Test func framingRules() {
        #expect(isMalformed(parser.parse(bytes("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab"))))
        #expect(isMalformed(parser.parse(bytes("POST / HTTP/1.1\r\nContent-Length: 1,2\r\n\r\nab"))))
        #expect(isMalformed(parser.parse(bytes("POST / HTTP/1.1\r\nContent-Length: +1\r\n\r\na"))))
        #expect(isMalformed(parser.parse(bytes("POST / HTTP/1.1\r\nContent-Length: 0x1\r\n\r\na"))))
        #expect(isMalformed(parser.parse(bytes("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n"))))
        #expect(
            isMalformed(
                parser.parse(
                    bytes("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 1\r\n\r\n0\r\n\r\n"))))
        #expect(isMalformed(parser.parse(bytes("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n"))))
        #expect(isMalformed(parser.parse(bytes("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nabc"))))
        let repeated = bytes("POST / HTTP/1.1\r\nContent-Length: 2\r\ncontent-length: 2, 2\r\n\r\nab")
        guard case .complete(let same, let used) = parser.parse(repeated) else {
            Issue.record("equal repeated lengths rejected")
            return
        }
        #expect(same.body == bytes("ab") && used == repeated.count)
        let blank = bytes("\r\n\n\r\nGET /a HTTP/1.1\r\n\r\n")
        guard case .complete(let request, let consumed) = parser.parse(blank) else {
            Issue.record("blank lines before the request line were not skipped")
            return
        }
        #expect(request.path == "/a" && consumed == blank.count)
        #expect(parser.parse(bytes("\r\n\r\n")) == .incomplete(expectsContinue: false))
    }

    /// Proves chunk trailers and chunk-size lines have caps, so no input is buffered without end.
    @Test func chunkCaps() {
        let small = HTTPRequestParser(maxBodyBytes: 64, maxTrailerBytes: 32)
        let head = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n"
        #expect(small.parse(bytes(head + "X-A: 1\r\n\r\n")).isComplete)
        #expect(
            small.parse(bytes(head + "X-A: " + String(repeating: "a", count: 40)))
                == .failure(.trailersTooLarge(limit: 32)))
        #expect(
            small.parse(bytes(head + "X-A: " + String(repeating: "a", count: 40) + "\r\n\r\n"))
                == .failure(.trailersTooLarge(limit: 32)))
        let longLine = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1;" + String(repeating: "e", count: 5000)
        #expect(isMalformed(small.parse(bytes(longLine))))
    }

    private func isMalformed(_ outcome: HTTPParseOutcome) -> Bool {
        if case .failure(.malformed) = outcome { return true }
        return false
    }
}

extension HTTPParseOutcome {
    var isComplete: Bool {
        if case .complete = self { return true }
        return false
    }
}
