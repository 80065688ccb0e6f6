import Foundation

/// The plain-text view of a case's exchanges (already redacted records): used by the
/// console in verbose mode and on failure, and by JUnit's system-out. What the target sent is
/// made inert for terminals (`TextEscaping.terminal`).
public enum ExchangeText {
    /// How much of a body to show inline.
    public static let bodyExcerpt = 2048

    public static func render(_ testCase: CaseResult, includeBodies: Bool) -> String {
        var lines: [String] = []
        for step in testCase.steps {
            if testCase.steps.count > 1 { lines.append("step \"\(step.name)\": \(step.verdict.rawValue)") }
            for exchange in step.exchanges {
                lines += renderRaw(exchange, includeBodies: includeBodies)
            }
            if let curl = step.curl { lines.append("reproduce: \(curl)") }
        }
        return TextEscaping.terminal(lines.joined(separator: "\n"))
    }

    public static func render(_ exchange: ExchangeRecord, includeBodies: Bool) -> [String] {
        renderRaw(exchange, includeBodies: includeBodies).map(TextEscaping.terminal)
    }

    private static func renderRaw(_ exchange: ExchangeRecord, includeBodies: Bool) -> [String] {
        var lines = ["> \(exchange.request.method) \(exchange.request.url)"]
        lines += (exchange.request.headers ?? []).map { "> \($0.name): \($0.value)" }
        if includeBodies, let body = exchange.request.body, !body.isEmpty { lines.append("> " + excerpt(body)) }
        lines += redirectLines(exchange)
        if let response = exchange.response {
            lines.append(
                "< HTTP/\(response.httpVersion) \(response.status)\(response.reason.isEmpty ? "" : " " + response.reason)"
            )
            lines += (response.headers ?? []).map { "< \($0.name): \($0.value)" }
            if includeBodies, let body = response.body, !body.isEmpty {
                lines.append("< " + excerpt(body) + (response.bodyTruncated ? " […]" : ""))
            }
        }
        if let failure = exchange.failure {
            lines.append("! \(failure.kind.rawValue) (curl \(failure.curlCode)): \(failure.message)")
        }
        let t = exchange.timings
        lines.append(
            "  timings µs: dns \(t.dns), connect \(t.connect), tls \(t.tls), first byte \(t.firstByte), total \(t.total); connection \(exchange.connectionReused ? "reused" : "new")"
        )
        return lines
    }

    /// One line per redirect before the response: `< 302 → URL (another origin: not sent there: …)`.
    static func redirectLines(_ exchange: ExchangeRecord) -> [String] {
        (exchange.redirects ?? []).map { hop in
            var line = "< \(hop.status) → \(hop.to)"
            if !hop.droppedHeaders.isEmpty {
                line += " (another origin: not sent there: \(hop.droppedHeaders.joined(separator: ", ")))"
            }
            if let note = hop.note { line += " (\(note))" }
            return line
        }
    }

    static func excerpt(_ body: String) -> String {
        let trimmed = body.trimmingCharacters(in: .whitespacesAndNewlines)
        let flat = trimmed.count > bodyExcerpt ? String(trimmed.prefix(bodyExcerpt)) + "…" : trimmed
        return flat.replacingOccurrences(of: "\n", with: "\n  ")
    }
}
