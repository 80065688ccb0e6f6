/// A planned suite as its cases share it while they run: every case in flight, on any lane,
/// refers to this one object. Holding the `PlannedSuite` itself (a struct of a dozen strings,
/// lists and dictionaries) copied and retained each of them again at every hop of every case.
final class SharedSuite: Sendable {
    let planned: PlannedSuite
    /// The suite's default headers resolved in its scope, for requests whose scope agrees.
    let defaultHeaders: ResolvedHeaders?
    /// One jar for every case of the suite, in file order, when the suite says `cookieJar: "suite"`.
    let cookieJar: CookieJar?

    init(_ planned: PlannedSuite) {
        self.planned = planned
        defaultHeaders = ResolvedHeaders(planned.suite.defaults.headers, scope: planned.scope)
        cookieJar = planned.suite.cookieJar == .suite ? CookieJar() : nil
    }

    /// The suite's header (name, defaults, trace policy), lent rather than copied.
    var suite: Suite {
        _read { yield planned.suite }
    }
}
