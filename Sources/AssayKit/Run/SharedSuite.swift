/// A planned suite as its cases share it while they run: every case in flight, on any lane,
/// refers to this one object. Holding the `PlannedSuite` itself (a struct of a dozen strings,
/// lists and dictionaries) copied and retained each of them again at every hop of every case,
/// ≈ 2 k instructions a case.
final class SharedSuite: Sendable {
    let planned: PlannedSuite

    init(_ planned: PlannedSuite) {
        self.planned = planned
    }

    /// The suite's header (name, defaults, trace policy), lent rather than copied.
    var suite: Suite {
        _read { yield planned.suite }
    }
}
