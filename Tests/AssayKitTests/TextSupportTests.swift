import Foundation
import Testing

@testable import AssayKit

/// The byte-level string helpers that replaced Foundation calls on the per-request path behave like
/// the calls they replaced.
@Suite struct TextSupportTests {
    @Test func containsBytesFindsSubstrings() {
        #expect("Bearer sk-123".containsBytes("sk-1"))
        #expect("abc".containsBytes("abc"))
        #expect("abc".containsBytes(""))
        #expect(!"abc".containsBytes("abcd"))
        #expect(!"".containsBytes("a"))
        #expect("prefix ${token} suffix".containsBytes("${"))
        #expect(!"no reference here $ {".containsBytes("${"))
        #expect("héllo wörld".containsBytes("wö"))
        #expect("aaab"[...].containsBytes("aab"))
    }

    @Test func asciiCaseInsensitiveEquality() {
        #expect("Content-Type".equalsIgnoringASCIICase("content-type"))
        #expect("X-REQUEST-ID".equalsIgnoringASCIICase("x-request-id"))
        #expect(!"Content-Type".equalsIgnoringASCIICase("Content-Typo"))
        #expect(!"Etag".equalsIgnoringASCIICase("ETags"))
        // Only ASCII letters fold: "[" (0x5B) is not "{" (0x7B).
        #expect(!"a[".equalsIgnoringASCIICase("a{"))
        #expect(HTTPHeader(name: "Set-Cookie", value: "").hasName("set-cookie"))
    }

    @Test func fixedMatchesPrintf() {
        for value in [0, 0.04, 0.05, 0.96, 1.25, 12.345, 999.95, 1234.5678, -3.14159, -0.04, 86_400_000.5] {
            for decimals in 0...3 {
                let expected = String(format: "%.\(decimals)f", value)
                let actual = value.fixed(decimals)
                // printf rounds the exact binary value; `fixed` the scaled one. They may differ only in
                // the last digit of a value that sits exactly on a half.
                #expect(
                    actual == expected
                        || abs(Double(actual)! - Double(expected)!) <= pow(10, -Double(decimals)) * 1.001,
                    "\(value) with \(decimals) decimals: \(actual) vs \(expected)")
            }
        }
        #expect((12.345).fixed(1) == "12.3")
        #expect((0.0).fixed(2) == "0.00")
        #expect((-0.001).fixed(1) == "0.0")
        #expect(Double.infinity.fixed(1) == String(format: "%.1f", Double.infinity))
    }

    /// Header bytes are decoded as UTF-8 when valid and as ISO-8859-1 otherwise, so no byte is lost.
    @Test func headerBytesDecodeAsUTF8OrLatin1() {
        var parser = HTTPHeadParser(followsRedirects: false)
        let lines: [[UInt8]] = [
            Array("HTTP/1.1 200 OK\r\n".utf8),
            Array("X-Utf8: caf\u{E9}\r\n".utf8),
            Array("X-Latin1: caf".utf8) + [0xE9] + Array("\r\n".utf8),
            Array("X-Spaces: \t padded \t\r\n".utf8),
            Array("\r\n".utf8),
        ]
        var final: HTTPHeadParser.Head?
        for line in lines {
            final = line.withUnsafeBytes { parser.consume(bytes: $0) } ?? final
        }
        #expect(final?.headers.first("x-utf8") == "caf\u{E9}")
        #expect(final?.headers.first("x-latin1") == "caf\u{E9}")
        #expect(final?.headers.first("x-spaces") == "padded")
    }
}
