extension SuiteDecoder {
    // A `replay`, `rateLimit` or `stream` block whose options use suite variables cannot be decoded
    // while the file is read: the run's variables are not known yet, and a suite's own `variables`
    // may come after its `cases`. The case keeps the block's node and the planner calls this.
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
}

extension TestCase {
    /// Whether the planner still has blocks to decode with the suite's variables.
    var hasDeferredBlocks: Bool {
        deferredReplay != nil || deferredRateLimit != nil || steps.contains { $0.expect.deferredStream != nil }
    }
}
