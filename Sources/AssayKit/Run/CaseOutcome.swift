/// What a worker produced for a case: its result, or its result still waiting for the last
/// response to be judged. Judging needs no connection, so the scheduler does it on another
/// thread while the worker sends the next case's request (the request path stays short).
enum CaseOutcome: Sendable {
    case finished(CaseResult)
    case judging(@Sendable () -> CaseResult)
}
