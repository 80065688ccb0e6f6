extension Planner {
    /// The selected cases of a streamed suite, read again from its file when the run reaches it.
    /// Fails when the file no longer is what was planned (edited during the run).
    static func reload(_ planned: PlannedSuite) throws(Diagnostic) -> [TestCase] {
        let file = planned.suite.file
        let changed = Diagnostic(
            "suite file \(file) changed after it was checked; its remaining cases were not run",
            at: planned.suite.location, hint: "do not edit suites while a run is in progress")
        let loaded: (suite: Suite, fingerprint: UInt64)
        do {
            loaded = try SuiteLoader.loadWithFingerprint(file: file, splices: planned.splices)
        } catch {
            throw changed
        }
        guard loaded.fingerprint == planned.fingerprint else { throw changed }
        var cases: [TestCase] = []
        cases.reserveCapacity(planned.selection.count)
        for selected in planned.selection {
            guard selected.index < loaded.suite.cases.count, loaded.suite.cases[selected.index].name == selected.name
            else { throw changed }
            var testCase = loaded.suite.cases[selected.index]
            // As planned: a case the profile does not claim is skipped and resolves nothing.
            if let reason = planned.claims?.skipReason(for: testCase, in: planned.suite) {
                testCase.skip = testCase.skip ?? reason
                cases.append(testCase)
                continue
            }
            cases.append(try SuiteDecoder.decodeDeferredBlocks(of: testCase, scope: planned.scope))
        }
        return cases
    }
}
