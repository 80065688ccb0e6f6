import Foundation
import Testing

@testable import AssayKit

/// The pure parts of the transport: header lists and the line-by-line head parser.
@Suite struct TransportModelTests {
    /// Lookups ignore case, duplicates keep their order, and `set` collapses duplicates in place.
    @Test func headersLookupAndEdit() {
        var headers: HTTPHeaders = ["Accept": "a", "X-Dup": "1", "x-dup": "2", "Other": "o"]
        #expect(headers.first("X-DUP") == "1")
        #expect(headers.values("x-Dup") == ["1", "2"])
        #expect(headers.contains("accept"))
        headers.set(name: "X-Dup", value: "3")
        #expect(headers.map(\.name) == ["Accept", "X-Dup", "Other"])
        #expect(headers.values("x-dup") == ["3"])
        headers.removeAll(named: "ACCEPT")
        #expect(!headers.contains("Accept"))
        #expect(headers.first("missing") == nil)
    }

    /// Headers encode as an ordered JSON array and decode back identically, duplicates included.
    @Test func headersCodableRoundTrip() throws {
        let headers: HTTPHeaders = ["B": "2", "a": "1", "B": "3"]
        let data = try JSONEncoder().encode(headers)
        #expect(String(decoding: data, as: UTF8.self).hasPrefix(#"[{"#))
        #expect(try JSONDecoder().decode(HTTPHeaders.self, from: data) == headers)
    }

    /// Status lines parse with, without and with an empty reason phrase; non-HTTP text does not.
    @Test func statusLines() {
        let ok = HTTPHeadParser.statusLine("HTTP/1.1 200 OK")
        #expect(ok?.status == 200 && ok?.reason == "OK" && ok?.httpVersion == "1.1")
        let empty = HTTPHeadParser.statusLine("HTTP/1.1 529 ")
        #expect(empty?.status == 529 && empty?.reason == "")
        let h2 = HTTPHeadParser.statusLine("HTTP/2 204")
        #expect(h2?.status == 204 && h2?.reason == "" && h2?.httpVersion == "2")
        #expect(HTTPHeadParser.statusLine("HTTP/1.1 abc OK") == nil)
        #expect(HTTPHeadParser.statusLine("hello") == nil)
        #expect(HTTPHeadParser.statusLine("HTTP/1.1 2000 Big") == nil)
    }

    /// Only the final head is reported: 1xx and followed 3xx heads are skipped, trailers kept apart,
    /// and folded continuation lines join the previous value.
    @Test func parserKeepsFinalHead() {
        var parser = HTTPHeadParser(followsRedirects: true)
        let lines = [
            "HTTP/1.1 100 Continue\r\n", "\r\n",
            "HTTP/1.1 302 Found\r\n", "Location: /x\r\n", "\r\n",
            "HTTP/1.1 200 OK\r\n", "X-Long: part one\r\n", "  part two\r\n", "X-B: b\r\n",
        ]
        for line in lines { #expect(parser.consume(line: line) == nil) }
        let final = parser.consume(line: "\r\n")
        #expect(final?.status == 200)
        #expect(final?.headers.first("x-long") == "part one part two")
        #expect(parser.consume(line: "X-Trailer: t\r\n") == nil)
        #expect(parser.trailers.first("x-trailer") == "t")
        #expect(parser.finalHead?.headers.contains("X-Trailer") == false)
    }

    /// A parsed head keeps its fields as wire bytes; it must answer every lookup exactly as the same
    /// fields held as strings do, including a Latin-1 name (invalid UTF-8), and stay right when edited.
    @Test func wireHeadersAnswerLikePlainFields() throws {
        let raw: [[UInt8]] = [
            Array("Content-Type:  application/json \t".utf8), Array("X-Dup: 1".utf8), Array("x-dup:2".utf8),
            Array("Empty:".utf8), [0x58, 0x2D, 0xE9, 0x3A, 0x20, 0x76],  // "X-é: v" with é as Latin-1
            Array("X-Utf8: caf\u{E9}".utf8),
        ]
        var parser = HTTPHeadParser(followsRedirects: false)
        _ = parser.consume(line: "HTTP/1.1 200 OK\r\n")
        for line in raw { _ = line.withUnsafeBytes { parser.consume(bytes: $0) } }
        let wire = try #require(parser.consume(line: "\r\n")?.headers)
        let plain = HTTPHeaders(wire.map { HTTPHeader(name: $0.name, value: $0.value) })

        #expect(wire.map(\.name) == ["Content-Type", "X-Dup", "x-dup", "Empty", "X-\u{E9}", "X-Utf8"])
        #expect(wire.first("content-type") == "application/json")
        #expect(wire.first("Empty") == "")
        #expect(wire.first("X-\u{E9}") == "v")
        #expect(wire.first("x-utf8") == "caf\u{E9}")
        for name in ["X-DUP", "content-type", "X-\u{E9}", "x-\u{E9}", "Empty", "Missing", "X-Du", ""] {
            #expect(wire.first(name) == plain.first(name), "first(\(name))")
            #expect(wire.values(name) == plain.values(name), "values(\(name))")
            #expect(wire.contains(name) == plain.contains(name), "contains(\(name))")
        }
        #expect(wire == plain && wire.hashValue == plain.hashValue)

        var edited = wire
        edited.set(name: "x-dup", value: "3")
        edited.append(name: "Added", value: "a")
        #expect(edited.map(\.name) == ["Content-Type", "x-dup", "Empty", "X-\u{E9}", "X-Utf8", "Added"])
        #expect(wire.values("X-Dup") == ["1", "2"], "the parsed head is unchanged by edits to a copy")
        #expect(edited != wire)
    }

    /// Without redirect following, a 302 is the final head.
    @Test func parserRedirectIsFinalWhenNotFollowing() {
        var parser = HTTPHeadParser(followsRedirects: false)
        _ = parser.consume(line: "HTTP/1.1 302 Found\r\n")
        _ = parser.consume(line: "Location: /x\r\n")
        #expect(parser.consume(line: "\r\n")?.status == 302)
    }

    /// Durations round up to whole milliseconds, so a tiny timeout never becomes "no timeout" (0).
    @Test func durationMilliseconds() {
        #expect(Duration.milliseconds(300).wholeMilliseconds == 300)
        #expect(Duration.microseconds(1).wholeMilliseconds == 1)
        #expect(Duration.seconds(5).wholeMilliseconds == 5000)
    }
}
