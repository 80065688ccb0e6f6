import Foundation
import Testing

@testable import AssayKit

/// Every recursive walk over a tree a target or a suite controls, at the deepest nesting the parser
/// accepts, must fit the stack of the threads that run it (`ThreadStack`) with room to spare; and
/// input past the limit must be refused before it can use more. Not under a sanitizer: ASan may keep
/// frames off the stack, so painting it measures nothing (the deep-body end-to-end test still runs).
@Suite("Stack budget of the recursive walks", .enabled(if: !StackHighWater.underSanitizer))
struct StackBudgetTests {
    static let depth = JSONParser.maxDepth

    static func arrays(_ depth: Int, leaf: String = "1") -> String {
        String(repeating: "[", count: depth) + leaf + String(repeating: "]", count: depth)
    }

    static func objects(_ depth: Int, leaf: String = "1") -> String {
        String(repeating: #"{"a":"#, count: depth) + leaf + String(repeating: "}", count: depth)
    }

    static func value(_ text: String) throws -> JSONValue {
        try JSONParser.parseValue(Data(text.utf8))
    }

    /// A deep tree made before the measurement, so each walk is measured alone (the parser is one
    /// of the walks); `release` drops it inside the measurement.
    final class Prepared: @unchecked Sendable {
        // @unchecked: made on the test's thread, then used only by the measuring thread.
        let text: String
        var value: JSONValue?
        let other: JSONValue
        let expectation: AssayKit.Expectation

        /// Throws unless the parser accepts `text` (so the walks below see the whole depth).
        init(_ text: String) throws {
            self.text = text
            value = try StackBudgetTests.value(text)
            other = try StackBudgetTests.value(text.replacingOccurrences(of: "1", with: "2"))
            let withMatcher = text.replacingOccurrences(of: "1", with: #""{{string}}""#)
            expectation = try AssayKit.Expectation(parsing: StackBudgetTests.value(withMatcher))
        }
    }

    /// The walks, each given a document nested `depth` deep (arrays or objects).
    static let walks: [(name: String, walk: @Sendable (Prepared) -> Void)] = [
        ("parse a body", { _ = try? value($0.text) }),
        ("parse a suite node", { _ = try? JSONParser.parseNode($0.text, file: "deep.jsonc") }),
        ("release a body", { $0.value = nil }),
        ("equality", { _ = $0.value == $0.other }),
        ("compact writer", { _ = JSONWriter.compact($0.value!) }),
        ("pretty writer", { _ = JSONWriter.pretty($0.value!) }),
        ("expectation", { _ = try? AssayKit.Expectation(parsing: $0.other) }),
        (
            "comparator and its messages",
            { _ = JSONComparator.compare(expected: $0.expectation, actual: $0.other, mode: .exact).map(\.message) }
        ),
        (
            "golden record",
            { _ = GoldenRecorder(redactor: Redactor()).jsonText(existing: $0.expectation, actual: $0.value!) }
        ),
        ("resolve variables", { _ = try? VariableScope().resolve($0.value!, at: nil) }),
    ]

    @Test(arguments: 0..<walks.count)
    func walkAtTheLimitFitsTheThreadStack(index: Int) throws {
        let (name, walk) = Self.walks[index]
        for document in [Self.arrays(Self.depth), Self.objects(Self.depth)] {
            let prepared = try Prepared(document)
            let used = StackHighWater.bytesUsed { walk(prepared) }
            // The budget `ThreadStack` states: under 8 KiB a level, a quarter of the stack.
            #expect(used < Self.depth * 8 << 10, "\(name): \(used) bytes at depth \(Self.depth)")
            #expect(used * 4 <= ThreadStack.size, "\(name): \(used) bytes")
        }
    }

    /// Past the limit the parser stops at the limit, however deep the input goes.
    @Test(arguments: [JSONParser.maxDepth + 1, 10_000, 1_000_000])
    func deeperInputIsRefusedWithinTheBudget(depth: Int) {
        for document in [Self.arrays(depth), Self.objects(depth)] {
            let used = StackHighWater.bytesUsed {
                do throws(Diagnostic) {
                    _ = try JSONParser.parseValue(Data(document.utf8))
                    Issue.record("a body nested \(depth) deep was accepted")
                } catch {
                    #expect(error.message == "nesting depth exceeds the limit of \(JSONParser.maxDepth)")
                }
            }
            #expect(used * 4 <= ThreadStack.size, "\(used) bytes")
        }
    }
}
