extension Planner {
    /// Decodes the blocks whose options use suite variables, now that the variables are known.
    static func decodeDeferredBlocks(of testCase: TestCase, scope: VariableScope) throws(Diagnostic) -> TestCase {
        guard testCase.hasDeferredBlocks else { return testCase }
        var result = testCase
        if let node = testCase.deferredReplay {
            result.replay = try SuiteDecoder.decodeReplay(scope.resolvingKnown(node))
        }
        if let node = testCase.deferredRateLimit {
            result.rateLimit = try SuiteDecoder.decodeRateLimit(scope.resolvingKnown(node))
        }
        for index in result.steps.indices {
            guard let node = result.steps[index].expect.deferredStream else { continue }
            let resolved = scope.resolvingKnown(node, excludingKeys: SuiteDecoder.streamRunTimeKeys)
            result.steps[index].expect.stream = try SuiteDecoder.decodeStream(resolved)
        }
        result.exclusive =
            testCase.exclusiveWritten
            ?? SuiteDecoder.runsExclusively(replay: result.replay, rateLimit: result.rateLimit)
        return result
    }

    /// The selected cases of a streamed suite, read again from its file when the run reaches it.
    /// Fails when the file no longer is what was planned (edited during the run).
    static func reload(_ planned: PlannedSuite) throws(Diagnostic) -> [TestCase] {
        let file = planned.suite.file
        let changed = Diagnostic(
            "suite file \(file) changed after it was checked; its remaining cases were not run",
            at: planned.suite.location, hint: "do not edit suites while a run is in progress")
        let loaded: (suite: Suite, fingerprint: UInt64)
        do {
            loaded = try SuiteLoader.loadWithFingerprint(file: file)
        } catch {
            throw changed
        }
        guard loaded.fingerprint == planned.fingerprint else { throw changed }
        var cases: [TestCase] = []
        cases.reserveCapacity(planned.selection.count)
        for selected in planned.selection {
            guard selected.index < loaded.suite.cases.count, loaded.suite.cases[selected.index].name == selected.name
            else { throw changed }
            cases.append(try decodeDeferredBlocks(of: loaded.suite.cases[selected.index], scope: planned.scope))
        }
        return cases
    }
}

extension TestCase {
    /// Whether the planner still has blocks to decode with the suite's variables.
    var hasDeferredBlocks: Bool {
        deferredReplay != nil || deferredRateLimit != nil || steps.contains { $0.expect.deferredStream != nil }
    }
}
