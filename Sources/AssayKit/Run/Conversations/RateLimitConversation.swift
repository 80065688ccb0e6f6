import Foundation

/// The requests of one rate-limit case and what they produced: the budgeted burst until the
/// first 429, the checks on that 429 and the limit headers, then the cool-down request after the
/// advertised wait (capped by `maxWait`). Sends through its `Performer` (so every exchange is
/// trace-audited) and never past its budget; waits on its `ConversationClock`.
struct RateLimitConversation: Conversation {
    let spec: RateLimitSpec
    let performer: any Performer
    let clock: any ConversationClock
    let options: TransportOptions
    let redactor: Redactor
    /// The burst's budget plus the single cool-down request.
    var budget: RequestBudget
    var exchanges: [Exchange] = []
    var checks: [CheckResult] = []
    var error: String?
    var checkKind: String { "rateLimit" }
    var checkLocation: SourceLocation? { spec.location }

    init(
        spec: RateLimitSpec, performer: any Performer, clock: any ConversationClock, options: TransportOptions,
        redactor: Redactor
    ) {
        self.spec = spec
        self.performer = performer
        self.clock = clock
        self.options = options
        self.redactor = redactor
        self.budget = RequestBudget(limit: spec.budget + (spec.coolDown ? 1 : 0))
    }

    /// Runs the conversation; `judgeFirst` judges request 1 by the case's `expect` unless it is the 429.
    mutating func run(_ request: HTTPRequest, judgeFirst: (HTTPResponse, TransferTimings) -> [CheckResult]) {
        var responses: [(number: Int, response: HTTPResponse)] = []
        var limited: (number: Int, response: HTTPResponse)?
        for number in 1...spec.budget {
            guard let response = send(request, label: "request \(number)") else { return }
            responses.append((number, response))
            if number == 1, let timings = exchanges.last?.timings, response.status != 429 {
                checks += judgeFirst(response, timings)
            }
            if response.status == 429 {
                limited = (number, response)
                break
            }
            if !(200...299).contains(response.status) {
                fail("request \(number) answered \(response.status) before any 429; expected 2xx until the limit")
                return
            }
        }
        let successes = responses.count - (limited == nil ? 0 : 1)
        checkLimitHeaders(responses, successes: successes)
        guard let limited else {
            fail("sent \(spec.budget) requests, no 429; is the limit above the budget?")
            return
        }
        pass("request \(limited.number) got the first 429 after \(successes) success(es)")
        let advertised = checkLimited(limited.response, number: limited.number, now: clock.now)
        guard spec.coolDown else { return }
        // A wait past the cap the user chose is not the target's fault: the cool-down is then not
        // observed at all, rather than judged after a shorter wait than the target asked for.
        guard advertised.wait <= Double(spec.maxWaitMs) else {
            let asked =
                advertised.hinted
                ? "the target asked to wait \(Int(advertised.wait.rounded())) ms"
                : "the 429 gives no retry hint and the declared window is \(Int(advertised.wait.rounded())) ms"
            notExercised(
                "the cool-down: \(asked), longer than maxWait \(spec.maxWaitMs) ms; raise maxWait to observe it")
            return
        }
        clock.wait(milliseconds: advertised.wait)
        guard let after = send(request, label: "request after the cool-down") else { return }
        if (200...299).contains(after.status) {
            pass("after waiting \(Int(advertised.wait)) ms a request succeeded (\(after.status))")
        } else {
            fail("after waiting \(Int(advertised.wait)) ms the next request answered \(after.status); expected 2xx")
        }
    }

    /// Sends one request if the budget allows; nil when it is spent or the request could not be executed.
    mutating func send(_ request: HTTPRequest, label: String) -> HTTPResponse? {
        guard budget.take() else { return nil }
        return perform(request, label: label)
    }

    /// The 429's body and retry hints; returns how long to wait before the cool-down request, in ms,
    /// and whether the target said so (else it is the declared window, or `maxWait`).
    mutating func checkLimited(_ response: HTTPResponse, number: Int, now: Date) -> (wait: Double, hinted: Bool) {
        let what = "the 429 (request \(number))"
        if let violation = spec.envelope.violation(response) {
            fail("\(what): \(violation)")
        } else if spec.envelope != .none {
            pass("\(what) carries the \(spec.envelope.rawValue) error envelope")
        }
        let seconds = response.headers.first("Retry-After").map { RetryAfter.seconds($0, now: now) }
        let millis = response.headers.first("retry-after-ms").map { RetryAfter.milliseconds($0) }
        var wait: Double?
        if case .success(let value)? = seconds { wait = value * 1000 }
        // The OpenAI SDK reads retry-after-ms first; so does the cool-down.
        if case .success(let value)? = millis { wait = value }
        for case .failure(let problem)? in [seconds, millis] { fail("\(what): \(redactor.redact(problem.message))") }
        let missing: [String]
        switch spec.retryAfter {
        case .either: missing = seconds == nil && millis == nil ? ["Retry-After or retry-after-ms"] : []
        case .retryAfter: missing = seconds == nil ? ["Retry-After"] : []
        case .retryAfterMs: missing = millis == nil ? ["retry-after-ms"] : []
        case .both: missing = (seconds == nil ? ["Retry-After"] : []) + (millis == nil ? ["retry-after-ms"] : [])
        case .none: missing = []
        }
        for name in missing { fail("\(what) has no \(name) header") }
        if missing.isEmpty, let wait { pass("\(what) asks to wait \(Int(wait.rounded())) ms") }
        if let wait { return (wait, true) }
        return (Double(spec.windowMs ?? spec.maxWaitMs), false)
    }

    /// Every success must carry the declared limit headers, and `remaining` must fall across them
    /// (constant values are a finding; a repeat caused by refill is not). The 429 is not asked for
    /// them: OpenAI documents the headers on its answers, and the public captures of its 429s show
    /// none (docs/CONTRACTS.md, Rate limits), so requiring them there would fail OpenAI itself.
    mutating func checkLimitHeaders(_ responses: [(number: Int, response: HTTPResponse)], successes: Int) {
        for name in LimitHeaders.required(spec.limitHeaders) {
            let lacking = responses.prefix(successes).filter { !$0.response.headers.contains(name) }
            if !lacking.isEmpty {
                let list = lacking.prefix(5).map { "\($0.number) (\($0.response.status))" }.joined(separator: ", ")
                fail("\(lacking.count) response(s) lack \(name): request \(list)\(lacking.count > 5 ? ", …" : "")")
            }
        }
        guard spec.decreasing, spec.limitHeaders != .none, successes >= 2 else { return }
        let name = LimitHeaders.remainingName(spec.limitHeaders)
        let values = responses.prefix(successes).map {
            ($0.number, LimitHeaders.remaining(spec.limitHeaders, in: $0.response.headers))
        }
        guard values.allSatisfy({ $0.1 != nil }) else { return }  // absence is reported above
        let numbers = values.compactMap(\.1)
        if Set(numbers).count == 1, let constant = numbers.first {
            fail(
                "\(name) stayed at \(constant) across requests 1–\(successes); a constant remaining looks hard-coded")
            return
        }
        // A bucket that refills during the burst may repeat or raise a value between two requests;
        // that is not a finding. Remaining must end lower than it started.
        if let first = numbers.first, let last = numbers.last, last >= first {
            fail(
                "\(name) went from \(first) (request 1) to \(last) (request \(successes)); expected it to fall during the burst"
            )
            return
        }
        pass("\(name) fell from \(numbers.first ?? 0) to \(numbers.last ?? 0)")
    }
}
