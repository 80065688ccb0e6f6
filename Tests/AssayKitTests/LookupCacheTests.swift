import Foundation
import Synchronization
import Testing

@testable import AssayKit

/// The caches on the per-response path answer exactly what computing again would: the most recent
/// entry never stands in for another key, invalidation reaches it, and each thread's string cache
/// is its own.
@Suite("Lookup caches")
struct LookupCacheTests {
    private func text(_ golden: Golden?) -> String? {
        if case .text(let text) = golden { return text }
        return nil
    }

    @Test func goldenCacheLoadsOncePerPathAndForgetsWrittenOnes() throws {
        let cache = GoldenCache()
        var loads: [String] = []
        func golden(_ path: String, _ content: String) throws -> String? {
            try text(
                cache.golden(path) { () throws(Diagnostic) -> Golden? in
                    loads.append(path)
                    return .text(content)
                })
        }
        #expect(try golden("a", "A1") == "A1")
        #expect(try golden("a", "ignored") == "A1")
        #expect(try golden("b", "B1") == "B1")
        #expect(try golden("b", "ignored") == "B1")
        #expect(try golden("a", "ignored") == "A1")
        cache.invalidate("a")
        #expect(try golden("a", "A2") == "A2")
        #expect(loads == ["a", "b", "a"])
        // A golden found absent is remembered as absent.
        #expect(try text(cache.golden("missing") { () throws(Diagnostic) -> Golden? in nil }) == nil)
        #expect(try text(cache.golden("missing") { () throws(Diagnostic) -> Golden? in .text("late") }) == nil)

        var parses = 0
        func expectation(_ path: String, _ value: JSONValue) throws -> String {
            try cache.expectation(path) { () throws(DiagnosticList) -> AssayKit.Expectation in
                parses += 1
                return try AssayKit.Expectation(parsing: value)
            }.summary
        }
        #expect(try expectation("x", .string("one")) == #""one""#)
        #expect(try expectation("y", .string("two")) == #""two""#)
        #expect(try expectation("x", .string("other")) == #""one""#)
        cache.invalidate("x")
        #expect(try expectation("x", .string("three")) == #""three""#)
        #expect(parses == 3)
    }

    @Test func memoComputesOncePerKey() {
        let computed = Mutex<[String]>([])
        let memo = Memo<String, String?> { key in
            computed.withLock { $0.append(key) }
            return key == "bad" ? nil : key.uppercased()
        }
        #expect(memo.value(for: "x") == "X")
        #expect(memo.value(for: "x") == "X")
        #expect(memo.value(for: "y") == "Y")
        #expect(memo.value(for: "x") == "X")
        #expect(memo.value(for: "bad") == nil)
        #expect(memo.value(for: "bad") == nil)
        #expect(computed.withLock { $0 } == ["x", "y", "bad"])
    }

    /// Bodies parsed on several threads at once, each through its own thread's string cache, come
    /// out exactly as written.
    @Test func bodiesParseAlikeOnManyThreads() async {
        let failures = await withTaskGroup(of: Int.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    var failures = 0
                    for index in 0..<500 {
                        let id = "w\(worker)-\(index % 37)"
                        let body = Data(
                            #"{"object":"model","id":"\#(id)","owned_by":"o\#(index % 5)","pad":"................"}"#
                                .utf8)
                        let expected: JSONValue = .object(
                            JSONObject([
                                ("object", .string("model")), ("id", .string(id)),
                                ("owned_by", .string("o\(index % 5)")),
                                ("pad", .string("................")),
                            ]))
                        if (try? JSONParser.parseValue(body)) != expected { failures += 1 }
                    }
                    return failures
                }
            }
            return await group.reduce(0, +)
        }
        #expect(failures == 0)
    }
}
