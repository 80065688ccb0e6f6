import Foundation

/// Runs one step's stream expectation: supplies the transfer observer that records and watches the
/// stream, then turns the recorded timeline into `stream` check results (one per finding), checks
/// the reassembled text, and keeps what reports show.
///
/// It is given what it needs (options, goldens, redactor, the start instant; the performer when it
/// judges), not the run's context. One instance per step, used on the worker thread that performs
/// the step, so it is a plain (non-`Sendable`) class: the observer it hands to the transport is
/// filled during `perform`, read after.
final class StreamCheck {
    /// Extra time given to libcurl's total timeout beyond the stream deadline, so the watch, not
    /// libcurl, ends a stream at its deadline and the finding names the rule.
    static let deadlineMargin: Duration = .seconds(2)

    /// Event data is JSON more often than not; anything else is compared as a string.
    static let decode: StreamJSONDecoding = { text in try? JSONParser.parseValue(text) }

    let spec: StreamExpectation
    /// Where a reassembled text's golden lives and whether it may be written.
    let goldens: GoldenSettings
    let redactor: Redactor
    private let streamObserver: StreamTransferObserver
    /// The step's options, without an encoding (see `streamOptions`); the non-streamed comparison
    /// request uses these.
    let baseOptions: TransportOptions
    /// The evaluation of the stream, once `results` ran.
    private(set) var evaluation: StreamEvaluation?
    /// Every event of the stream, once `results` ran (for OpenAPI validation).
    private(set) var events: [SSEEvent]?
    /// Requests sent besides the streamed one (the non-streamed comparison), for reports.
    var extraExchanges: [Exchange] = []

    /// Prepares the check for a request sent with `options`; its stream clocks count from `start`,
    /// the moment the request goes out.
    init(
        spec: StreamExpectation, options: TransportOptions, goldens: GoldenSettings, redactor: Redactor,
        start: ContinuousClock.Instant = .now
    ) {
        self.spec = spec
        self.goldens = goldens
        self.redactor = redactor
        var base = options
        base.decompress = false
        self.baseOptions = base
        self.streamObserver = StreamTransferObserver(
            expectation: spec, start: start, grace: spec.terminatorGrace, decode: Self.decode)
    }

    /// The observer to pass to the transport.
    var observer: (any TransferObserver)? { streamObserver }

    /// The first bytes of the streamed body, for reports.
    var observedBodyPrefix: Data { streamObserver.bodyPrefix }

    /// Every body byte received on the streamed request.
    var observedByteCount: Int { streamObserver.byteCount }

    /// The streamed request's options: the total timeout raised to at least the stream deadline plus
    /// a margin. No encoding is offered: the stream clocks judge bytes as they arrive, and a decoder
    /// between the wire and the clocks changed when heartbeats are seen (the fault matrix showed it).
    var streamOptions: TransportOptions {
        var options = baseOptions
        guard let deadline = spec.deadline else { return options }
        options.totalTimeout = max(options.totalTimeout, deadline + Self.deadlineMargin)
        return options
    }

    /// Evaluates the finished exchange: content type, every stream finding, event data, reassembly.
    func results(for exchange: Exchange, performer: any Performer, scope: VariableScope) -> [CheckResult] {
        // No head and a transport failure: the runner reports "could not execute"; there is no stream to judge.
        if exchange.response == nil, exchange.failure != nil { return [] }
        let timeline = streamObserver.finish(at: exchange.finishedAt, reason: endReason(of: exchange))
        events = timeline.items.compactMap { if case .event(let event) = $0 { event } else { nil } }
        if let response = exchange.response, let answered = errorAnsweredInstead(response) { return [answered] }
        var results: [CheckResult] = []
        // Every event is classified, its JSON decoded, once: the evaluators and the reassembly share it.
        let observation = StreamObservation(timeline: timeline, expectation: spec, decode: Self.decode)
        let (evaluation, eventProblems) = evaluate(observation, scope: scope)
        self.evaluation = evaluation
        if let response = exchange.response, let problem = contentTypeProblem(response) {
            results.append(problem)
            // A JSON answer to a streaming request has no events: every stream rule would repeat this one fact.
            let streamed = timeline.items.contains { if case .discarded = $0 { false } else { true } }
            if !streamed { return results }
        }
        if let response = exchange.response, let problem = contentEncodingProblem(response) { results.append(problem) }
        results += eventProblems
        if streamObserver.stopReason == .itemLimit {
            results.append(
                .fail(
                    "stream", "stream item_limit: \(streamObserver.kept.message)", subject: "item_limit",
                    at: spec.location))
        }
        for finding in evaluation.findings {
            let location = spec.ruleLocations[finding.rule] ?? spec.location
            let rule = finding.rule.rawValue
            results.append(
                finding.notExercised
                    ? .notExercised(
                        "stream", "stream \(rule): not exercised: \(finding.message)", subject: rule, at: location)
                    : .fail("stream", "stream \(rule): \(finding.message)", subject: rule, at: location))
        }
        if !results.contains(where: \.failed) {
            results.append(.pass("stream", summaryLine(evaluation.summary), at: spec.location))
        }
        if !spec.reassembly.isEmpty {
            let text = observation.reassembledText(rules: spec.deltas)
            results += reassemblyResults(text, request: exchange.request, performer: performer, scope: scope)
        }
        return results
    }

    /// How the transfer ended, in the SSE module's terms: a cut after the head is a truncation finding.
    func endReason(of exchange: Exchange) -> StreamEndReason {
        if exchange.stoppedByObserver { return .stopped(streamObserver.stopReason ?? .deadline) }
        guard let failure = exchange.failure else { return .cleanEOF }
        switch failure.kind {
        case .timeout: return .deadline
        case .connectionCut: return .cut(detail: "curl \(failure.curlCode): \(failure.message)")
        default: return .cut(detail: "\(failure.kind.rawValue), curl \(failure.curlCode): \(failure.message)")
        }
    }

    /// Runs the evaluator; event expectations with a non-default comparison run in a second pass
    /// whose only findings kept are `event_match`, since the matcher is injected per evaluator.
    private func evaluate(_ observation: StreamObservation, scope: VariableScope) -> (StreamEvaluation, [CheckResult]) {
        var problems: [CheckResult] = []
        var groups: [(CompareMode, [EventMatch])] = []
        for check in spec.events {
            let value: JSONValue
            do throws(Diagnostic) {
                value = try scope.resolve(check.data.value, at: check.data.location)
            } catch {
                problems.append(
                    .fail(
                        "stream", "stream event_match: \(redactor.redact(error.message))", subject: "event_match",
                        at: error.location ?? check.location))
                continue
            }
            let match = EventMatch(check.selector, expected: value)
            if let index = groups.firstIndex(where: { $0.0 == check.compare }) {
                groups[index].1.append(match)
            } else {
                groups.append((check.compare, [match]))
            }
        }
        var evaluation = StreamEvaluator(
            expectation: spec, eventMatches: groups.first?.1 ?? [], decode: Self.decode,
            match: Self.matcher(groups.first?.0 ?? .subset), redactor: redactor, errorMatch: Self.matcher(.subset)
        ).evaluate(observation)
        for (mode, matches) in groups.dropFirst() {
            let only = StreamExpectation(
                heartbeat: spec.heartbeat, terminator: spec.terminator, errorFrames: nil, deltas: spec.deltas)
            evaluation.findings += StreamEvaluator(
                expectation: only, eventMatches: matches, decode: Self.decode, match: Self.matcher(mode),
                redactor: redactor
            ).findings(for: observation).filter { $0.rule == .eventMatch }
        }
        return (evaluation, problems)
    }

    /// The JSON comparison the evaluator uses for event data, with `{{matchers}}`.
    static func matcher(_ mode: CompareMode) -> StreamJSONMatching {
        { expected, actual in
            do throws(DiagnosticList) {
                let expectation = try Expectation(parsing: expected)
                return JSONComparator.compare(expected: expectation, actual: actual, mode: mode).map(\.message)
            } catch {
                return error.diagnostics.map { "invalid expectation: \($0.message)" }
            }
        }
    }

    /// With `expectError`, a non-2xx answer that is not an event stream is the error sent before the
    /// stream began: judged by its body alone, since there are no events for the stream rules.
    private func errorAnsweredInstead(_ response: HTTPResponse) -> CheckResult? {
        guard let expected = spec.expectedError, !(200..<300).contains(response.status) else { return nil }
        let contentType = response.headers.first("Content-Type")
        if let contentType, MediaType.matches(expected: "text/event-stream", actual: contentType) { return nil }
        let body = String(decoding: streamObserver.bodyPrefix, as: UTF8.self)
        let location = spec.ruleLocations[.errorSignal] ?? spec.location
        guard
            let problem = expected.answerProblem(
                status: response.status, body: body, match: Self.matcher(.subset), decode: Self.decode)
        else {
            return .pass(
                "stream", "stream: the error was answered before the stream (status \(response.status))", at: location)
        }
        return .fail(
            "stream", redactor.redact("stream error_signal: \(problem)"), subject: "error_signal", at: location)
    }

    /// A finding when the response is not declared an event stream (quoting the start of its body).
    private func contentTypeProblem(_ response: HTTPResponse) -> CheckResult? {
        let contentType = response.headers.first("Content-Type")
        if let contentType, MediaType.matches(expected: "text/event-stream", actual: contentType) { return nil }
        let shown = contentType.map { "\"\($0)\"" } ?? "no Content-Type header"
        let start = String(decoding: streamObserver.bodyPrefix.prefix(200), as: UTF8.self)
        var message = "stream content_type: expected text/event-stream, got \(shown) (status \(response.status))"
        if !start.isEmpty { message += "; body starts \(JSONValue.string(start).abbreviated())" }
        return .fail("stream", redactor.redact(message), subject: "content_type", at: spec.location)
    }

    /// A finding when the server encoded the stream although no encoding was offered: the events are
    /// read from the encoded bytes as they arrive, so every other finding would otherwise be a riddle.
    private func contentEncodingProblem(_ response: HTTPResponse) -> CheckResult? {
        let encodings = response.headers.values("Content-Encoding")
            .flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && $0.lowercased() != "identity" }
        guard !encodings.isEmpty else { return nil }
        let message =
            "stream content_encoding: the stream arrived with Content-Encoding: \(encodings.joined(separator: ", ")) "
            + "although no encoding was offered (a streamed step sends no Accept-Encoding); its events were read "
            + "from the encoded bytes"
        return .fail("stream", redactor.redact(message), subject: "content_encoding", at: spec.location)
    }

    /// One line for a passing stream, e.g. `stream: 12 real events, terminator [DONE], first event after 84 ms`.
    private func summaryLine(_ summary: StreamSummary) -> String {
        var parts = ["\(summary.realEventCount) real events"]
        if summary.heartbeatCount > 0 { parts.append("\(summary.heartbeatCount) heartbeats") }
        parts.append("terminator \(summary.terminator ?? "none")")
        if spec.expectedError != nil { parts.append("ending in the expected error") }
        if let first = summary.timeToFirstEvent { parts.append("first event after \(StreamTime.ms(first))") }
        parts.append("ended by \(summary.endReason?.description ?? "finish") after \(StreamTime.ms(summary.total))")
        return "stream: " + parts.joined(separator: ", ")
    }
}
