/// The per-exchange part of the trace policy: presence, format, echo and equality.
/// Pure; the run-wide uniqueness ledger lives in `TraceAuditor`.
struct TraceRules {
    let policy: TracePolicy
    let redactor: Redactor

    /// What one response showed: the checks, the ids it carried, and whether it had none.
    struct Outcome {
        var checks: [CheckResult] = []
        /// Distinct ids seen in the policy's headers, with the header that carried each,
        /// excluding values the client itself sent (echoes are not the server's ids).
        var ids: [(header: String, value: String)] = []
        var missing = false
    }

    func evaluate(request: HTTPRequest, response: HTTPResponse) -> Outcome {
        var outcome = Outcome()
        let status = response.status
        let present = policy.headers.compactMap { name in response.headers.first(name).map { (name, $0) } }
        if present.isEmpty {
            outcome.missing = true
            if policy.required {
                let names = policy.headers.joined(separator: " or ")
                outcome.checks.append(fail("\(status) response has no \(names) header", subject: policy.headers.first))
            }
        }
        var echoed: Set<String> = []
        for name in policy.echo {
            guard let sent = request.headers.first(name) else { continue }
            echoed.insert(sent)
            let back = response.headers.first(name)
            if back != sent {
                let shown = back.map { "came back as \(quote($0))" } ?? "did not come back"
                outcome.checks.append(
                    fail("\(name) sent as \(quote(sent)) \(shown) on the \(status) response", subject: name))
            }
        }
        for (name, value) in present {
            let clientSent = request.headers.first(name) == value
            if let format = policy.format, !clientSent, let reason = format.violation(value) {
                outcome.checks.append(
                    fail(
                        "\(name) \(quote(value)) on the \(status) response is not \(format) (\(reason))", subject: name)
                )
            }
            if !clientSent && !echoed.contains(value) && !outcome.ids.contains(where: { $0.value == value }) {
                outcome.ids.append((name, value))
            }
        }
        let equalPresent = policy.requireEqual.compactMap { name in response.headers.first(name).map { (name, $0) } }
        if let first = equalPresent.first {
            for (name, value) in equalPresent.dropFirst() where value != first.1 {
                outcome.checks.append(
                    fail(
                        "\(first.0) \(quote(first.1)) differs from \(name) \(quote(value)) on the \(status) response",
                        subject: name))
            }
        }
        return outcome
    }

    func fail(_ message: String, subject: String?) -> CheckResult {
        .fail("trace", "trace: " + message, subject: subject, at: policy.location)
    }

    func quote(_ value: String) -> String {
        // Masked before it is cut, so a secret across the cut loses its start too.
        "\"\(String(redactor.redact(value).prefix(120)))\""
    }
}
