import AssayTestSupport
import Foundation
import Testing

@testable import AssayKit

/// Hostile suites and options end in a positioned error naming the limit they hit, never in a trap,
/// an allocation failure or work that grows faster than the input.
@Suite("Budgets against hostile suites and options")
struct HostileInputBudgetTests {
    /// Durations out of `Int`'s range (or a day's) are refused before any conversion could trap.
    @Test(arguments: ["9223372036854775807ms", "1e308s", "1e18s", "1e300s", "inf", "1441m", "86400001"])
    func outOfRangeDurationsAreTooLong(text: String) {
        #expect(DurationText.reading(text) == .tooLong)
        #expect(DurationText.milliseconds(text) == nil)
    }

    @Test func durationsWithinTheLimitStillRead() {
        #expect(DurationText.reading("1440m") == .milliseconds(86_400_000))
        #expect(DurationText.reading("nan") == .invalid)
        #expect(DurationText.reading(.nan) == .invalid)
        #expect(DurationText.reading(.infinity) == .tooLong)
        #expect(DurationText.reading(-0.4) == .invalid)
        #expect(DurationText.reading(0) == .milliseconds(0))
    }

    /// A duration in a suite, as a string or a number, fails where it is written.
    @Test(arguments: [#""9223372036854775807ms""#, #""1e308s""#, "1e300", "9223372036854775807"])
    func suiteDurationsOutOfRangeArePositionedErrors(value: String) {
        let text = #"{"cases": [{"name": "c", "request": {"path": "/"}, "expect": {"maxDuration": \#(value)}}]}"#
        do throws(Diagnostic) {
            _ = try SuiteDecoder.decode(JSONParser.parseNode(text, file: "d.jsonc"), file: "d.jsonc")
            Issue.record("\(value) was accepted")
        } catch {
            #expect(error.message.contains("at most 24 hours (86400000 ms)"), "\(error.message)")
            #expect(error.location?.line == 1 && error.location?.column == 78, "\(String(describing: error.location))")
        }
    }

    /// Forty variables, each using the one before twice, stop at the expansion budget with one error.
    @Test func doublingVariablesHitTheExpansionBudget() {
        var definitions = [VariableDefinition(name: "a0", value: "xx", secret: false, location: nil)]
        for index in 1..<40 {
            definitions.append(
                VariableDefinition(
                    name: "a\(index)", value: "${a\(index - 1)}${a\(index - 1)}", secret: false, location: nil))
        }
        var scope = VariableScope(environment: [:])
        var problems: [Diagnostic] = []
        scope.define(definitions, problems: &problems)
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("more than 4194304 bytes") == true, "\(problems)")
        #expect(scope.values.values.allSatisfy { $0.utf8.count <= VariableScope.maximumExpansionBytes })
    }

    /// The strings of one JSON body share the budget: many references to a large value are refused
    /// together, though each string alone fits.
    @Test func aBodyOfManyLargeReferencesSharesOneBudget() throws {
        var scope = VariableScope(environment: [:])
        scope.set("big", to: String(repeating: "x", count: 1 << 20))
        _ = try scope.resolve(.array([.string("${big}"), .string("${big}")]), at: nil)
        let many = JSONValue.array(Array(repeating: .string("${big}"), count: 5))
        #expect(throws: Diagnostic.self) { try scope.resolve(many, at: nil) }
    }

    /// Three thousand chained undefined variables: every one is reported, only the first few
    /// search for a suggestion, so the work is linear in their number.
    @Test func chainedUndefinedVariablesSuggestForTheFirstFewOnly() {
        let count = 3_000
        let definitions = (0..<count).map {
            VariableDefinition(name: "v\($0)", value: "${v\($0 + 1)}", secret: false, location: nil)
        }
        var scope = VariableScope(environment: [:])
        var problems: [Diagnostic] = []
        scope.define(definitions, problems: &problems)
        #expect(problems.count == count)
        #expect(problems.filter { $0.hint != nil }.count <= Suggestion.hintsPerBatch)
        #expect(scope.suggestsNames, "the batch restores suggestions for later errors")
    }

    /// One suggestion search does bounded work however many candidates there are, and a very long
    /// word (a megabyte-long unknown key) is not searched at all.
    @Test func oneSuggestionSearchIsBounded() {
        let names = (0..<50_000).map { "name\($0)" }
        let (_, cells) = Suggestion.search("nane49999", among: names)
        #expect(cells <= Suggestion.maximumCells + 81)
        let (match, longCells) = Suggestion.search(String(repeating: "x", count: 1 << 20), among: names)
        #expect(match == nil && longCells == 0)
        // Close names are still found.
        #expect(Suggestion.nearest(to: "hedaers", among: ["headers", "body"]) == "headers")
        #expect(Suggestion.nearest(to: "bool", among: ["boolean"]) == "boolean")
    }

    /// A megabyte-long unknown key makes a one-line message and a short source excerpt.
    @Test func aHugeUnknownKeyMakesAShortDiagnostic() {
        let key = String(repeating: "k", count: 1 << 20)
        let text = #"{"cases": [{"name": "c", "request": {"path": "/"}, "\#(key)": 1}]}"#
        do throws(Diagnostic) {
            _ = try SuiteDecoder.decode(JSONParser.parseNode(text, file: "k.jsonc"), file: "k.jsonc")
            Issue.record("the unknown key was accepted")
        } catch {
            #expect(error.message.utf8.count < 400)
            #expect(error.hint == nil)
            let rendered = DiagnosticRenderer.render(error) { _ in text }
            #expect(rendered.utf8.count < 1_000, "\(rendered.prefix(300))")
            #expect(rendered.contains("^"))
        }
    }

    /// A suite file over the size limit is refused from its size, before a byte of it is read
    /// (the file here is sparse: it takes no room on disk).
    @Test func anOversizedSuiteFileIsRefusedBeforeItIsRead() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("{", to: "big.jsonc")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(SuiteLoader.maximumFileBytes + 1))
        try handle.close()
        do throws(Diagnostic) {
            _ = try SuiteLoader.load(file: path)
            Issue.record("the oversized suite was loaded")
        } catch {
            #expect(
                error.message
                    == "cannot read suite file: the file has \(SuiteLoader.maximumFileBytes + 1) bytes, over the limit of \(SuiteLoader.maximumFileBytes) bytes"
            )
            #expect(error.location?.line == 1)
        }
    }

    /// Found by `make fuzz` (pattern target): a text pattern with invalid UTF-8 and a long run of
    /// `|` around an `{{any}}` hole compiles (Foundation leaks a little memory doing so, suppressed in
    /// scripts/lsan.supp) and matches only what it spells.
    @Test func fuzzedTextPatternCompilesAndMatchesLiterally() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Fuzz/Corpus/pattern/foundation-regex-leak")
        let input = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        let parts = input.split(separator: "\0", maxSplits: 1, omittingEmptySubsequences: false)
        let pattern = try TextPattern(parsing: String(parts[0]))
        #expect(pattern.mismatch(String(parts[1])) != nil)
        #expect(!pattern.matches("total: 3"))
    }
}
