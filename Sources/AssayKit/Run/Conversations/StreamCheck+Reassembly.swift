import Foundation

/// Compares the reassembled delta text with a text golden, a string, or the non-streamed answer to
/// the same request.
extension StreamCheck {
    /// One result per comparison the spec asks for; `text` is the raw (unredacted) reassembled text.
    func reassemblyResults(_ text: String, request: HTTPRequest, performer: any Performer, scope: VariableScope)
        -> [CheckResult]
    {
        let reassembly = spec.reassembly
        var results: [CheckResult] = []
        if let golden = reassembly.golden {
            results.append(goldenResult(text, path: golden, at: reassembly.goldenLocation))
        }
        if let template = reassembly.equals {
            results.append(equalsResult(text, template: template, at: reassembly.equalsLocation, scope: scope))
        }
        if let comparison = reassembly.nonStream {
            results += nonStreamResults(text, comparison: comparison, request: request, performer: performer)
        }
        return results
    }

    private func goldenResult(_ text: String, path: String, at location: SourceLocation?) -> CheckResult {
        let outcome = GoldenVerdict.evaluate(
            store: goldens.store, path: path, actual: .text(text), compareMode: .exact, recordMode: goldens.record,
            explicit: goldens.recordExplicit, environment: goldens.environment, redactor: redactor, location: location)
        let subject = "reassembly"
        switch outcome {
        case .matched:
            return .pass("stream", "stream reassembly: text matches golden \(path)", subject: subject, at: location)
        case .recorded:
            return .pass("stream", "stream reassembly: recorded golden \(path)", subject: subject, at: location)
        case .missing:
            return .fail(
                "stream",
                "stream reassembly: golden \(path) does not exist; run with --record missing to create it from this stream",
                subject: subject, at: location)
        case .mismatched(let mismatches):
            let details = mismatches.map { redactor.redact($0.message) }
            return .fail(
                "stream", "stream reassembly: text differs from golden \(path): \(details.first ?? "")",
                subject: subject, details: details, at: location)
        case .invalid(let diagnostics):
            return .fail(
                "stream", "stream reassembly: golden \(path): \(diagnostics.first?.message ?? "invalid")",
                subject: subject, details: diagnostics.dropFirst().map(\.description),
                at: diagnostics.first?.location ?? location)
        }
    }

    private func equalsResult(_ text: String, template: String, at location: SourceLocation?, scope: VariableScope)
        -> CheckResult
    {
        let expected: String
        do throws(Diagnostic) {
            expected = try scope.resolve(template, at: location)
        } catch {
            return .fail("stream", "stream reassembly: \(error.message)", subject: "reassembly", at: location)
        }
        if let difference = StreamTextComparison.firstDifference(expected: expected, actual: text) {
            return .fail(
                "stream", redactor.redact("stream reassembly: reassembled text differs from `equals`: \(difference)"),
                subject: "reassembly", at: location)
        }
        return .pass(
            "stream", "stream reassembly: text equals the expected string", subject: "reassembly", at: location)
    }

    /// Sends the request again with `bodyMembers` merged into its JSON body, through the performer
    /// so run-wide checks (trace ids) see it too, and compares the text at `path`.
    private func nonStreamResults(
        _ text: String, comparison: NonStreamComparison, request original: HTTPRequest, performer: any Performer
    ) -> [CheckResult] {
        let location = comparison.location
        func fail(_ message: String) -> CheckResult {
            .fail("stream", redactor.redact("stream reassembly: \(message)"), subject: "reassembly", at: location)
        }
        guard let body = original.body, case .object(var object)? = try? JSONParser.parseValue(body) else {
            return [
                fail("`matchesNonStream` needs a JSON object request body to merge \(comparison.bodyMembers.keys) into")
            ]
        }
        for (key, value) in comparison.bodyMembers { object[key] = value }
        var request = original
        request.body = Data(JSONWriter.compact(.object(object)).utf8)
        if let accept = request.headers.first("Accept"), accept.lowercased().contains("text/event-stream") {
            request.headers.set(name: "Accept", value: "application/json")
        }
        let (exchange, runChecks) = performer.perform(request, options: baseOptions, label: nil, replayKey: nil)
        extraExchanges.append(exchange)
        var results = runChecks
        let what = "the non-streamed request (\(JSONWriter.compact(.object(comparison.bodyMembers))) merged)"
        guard let response = exchange.response, exchange.failure == nil else {
            let failure = exchange.failure.map { "\($0.kind.rawValue): \($0.message)" } ?? "no response"
            return results + [fail("could not execute \(what): \(failure)")]
        }
        let bodyStart = JSONValue.string(String(decoding: response.body.prefix(200), as: UTF8.self)).abbreviated()
        guard (200..<300).contains(response.status) else {
            return results + [fail("\(what) got status \(response.status); body \(bodyStart)")]
        }
        guard let answer = try? JSONParser.parseValue(response.body) else {
            return results + [fail("the answer to \(what) is not JSON; body \(bodyStart)")]
        }
        guard case .string(let expected)? = comparison.path.value(in: answer) else {
            let found = comparison.path.value(in: answer).map { "a \($0.typeName)" } ?? "nothing"
            return results + [fail("the answer to \(what) has no string at \(comparison.path), found \(found)")]
        }
        if let difference = StreamTextComparison.firstDifference(expected: expected, actual: text) {
            results.append(
                fail("reassembled text differs from the non-streamed answer at \(comparison.path): \(difference)"))
        } else {
            results.append(
                .pass(
                    "stream", "stream reassembly: text equals the non-streamed answer (\(expected.count) characters)",
                    subject: "reassembly", at: location))
        }
        return results
    }
}
