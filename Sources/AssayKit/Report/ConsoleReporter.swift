import Foundation

/// The console: one line per case with its duration, the details of every failure
/// (what differs, what came back, how to reproduce), and as the very last line
/// exactly `N passed, N failed, N skipped`.
public final class ConsoleReporter: RunObserver {
    private let style: ConsoleStyle
    /// 0: cases and failures; 1: every exchange, redacted; 2: with bodies.
    private let verbosity: Int
    /// The compatibility score's label, printed on the line before the counts.
    private let scoreLabel: String
    /// Every line goes to the console through `output`, which masks the run's secrets last.
    private let write: (String) -> Void
    private var redactor = Redactor()
    private var started = ContinuousClock.now
    /// Whether the lines of a round of finished cases go to `write` together, as one text.
    private let writesRounds: Bool
    /// The round's lines not yet written (with `writesRounds`).
    private var pending = ""

    /// `writesRounds`: hand `write` the lines of each round of finished cases at once (a round is
    /// every case the scheduler had ready), so stdout gets one write(2) a round rather than one a
    /// case. The output keeps up with the run either way: a round is written as soon as it is
    /// delivered. Leave it off when a progress line shares the terminal.
    public init(
        style: ConsoleStyle, verbosity: Int = 0, scoreLabel: String = "Contract", writesRounds: Bool = false,
        write: @escaping (String) -> Void = ConsoleReporter.writeLine
    ) {
        self.style = style
        self.verbosity = verbosity
        self.scoreLabel = scoreLabel
        self.writesRounds = writesRounds && !style.progress
        self.write = write
    }

    public func runStarted(plan: RunPlan, context: RunContext) {
        started = .now
        redactor = plan.redactor
        output(
            style.dim(
                "assay \(AssayVersion.current): \(plan.caseCount) case(s) against \(plan.redactor.redact(context.target)), \(context.mode.rawValue) mode"
            ))
    }

    public func caseFinished(_ result: CaseResult, index: Int, of total: Int) {
        // Clear the progress line first, so a short case line does not leave its tail behind.
        if style.progress { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        var duration = style.dim("(" + result.durationMs.fixed(1) + " ms)")
        if let attempts = result.attemptsLine { duration += " " + style.dim(TextEscaping.terminal(attempts)) }
        switch result.verdict {
        case .passed: emit(Self.caseLine(style.green("✓"), result, duration))
        case .skipped:
            emit(
                Self.caseLine(
                    style.yellow("-"), result, style.dim("skipped: \(TextEscaping.terminal(result.reason ?? ""))")))
        case .notExercised:
            emit(
                Self.caseLine(
                    style.yellow("○"), result,
                    duration + " " + style.yellow("not exercised: \(TextEscaping.terminal(result.notExercisedReason))"))
            )
        case .notRun:
            emit(
                Self.caseLine(
                    style.yellow("-"), result, style.yellow(TextEscaping.terminal(result.reason ?? "not run"))))
        case .failed: emit(Self.caseLine(style.red("✗"), result, duration))
        case .error: emit(Self.caseLine(style.red("!"), result, duration + " " + style.red("could not be executed")))
        }
        if result.verdict == .failed || result.verdict == .error {
            emit(
                Self.failureDetails(result).map(TextEscaping.terminal).flatMap {
                    $0.split(separator: "\n", omittingEmptySubsequences: false)
                }.map { "    " + $0 }.joined(separator: "\n"))
        } else if verbosity > 0, result.verdict == .passed {
            emit(
                ExchangeText.render(result, includeBodies: verbosity > 1).split(separator: "\n").map { "    " + $0 }
                    .joined(separator: "\n"))
        }
        if style.progress {
            let elapsed = started.duration(to: .now).milliseconds / 1000
            FileHandle.standardError.write(
                Data("\r\u{1B}[2K[\(index + 1)/\(total)] \(elapsed.fixed(1)) s\r".utf8))
            if index + 1 == total { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        }
    }

    public func casesDelivered() {
        guard !pending.isEmpty else { return }
        output(pending)
        pending.removeAll(keepingCapacity: true)
    }

    /// Writes a case's text now, or adds it to the round's.
    private func emit(_ text: String) {
        guard writesRounds else { return output(text) }
        if !pending.isEmpty { pending += "\n" }
        pending += text
    }

    public func runFinished(_ result: RunResult) {
        // An interrupted run may end between a round's cases and its delivery.
        casesDelivered()
        let summary = result.summary
        if result.interrupted {
            let finished = summary.total - summary.notRun
            output(
                style.yellow(
                    "interrupted: \(finished) case(s) finished, \(summary.notRun) not run; every report lists them all")
            )
        }
        if summary.errors > 0 { output(style.red("\(summary.errors) case(s) could not be executed")) }
        if let trace = result.traceSummary, trace.responses > 0 {
            let line = TextEscaping.terminal(trace.line)
            output(trace.missing > 0 ? style.yellow(line) : line)
        }
        // Through the redactor, as the target on the first line is.
        if let openAPI = result.openAPISummary { output(TextEscaping.terminal(redactor.redact(openAPI.line))) }
        output(style.dim((result.durationMs / 1000).fixed(2) + " s"))
        for source in redactor.tooShortSources {
            output(
                style.yellow(
                    "warning: \(source) holds a secret shorter than \(Redactor.minimumLength) bytes; it is not masked (it would be found inside ordinary words)"
                ))
        }
        let score = CompatibilityScore(result, label: scoreLabel)
        if summary.total > 0, score.applies { output(score.line) }
        // The counts line is last and never coloured: CI scripts parse it.
        output(summary.line)
    }

    /// The one way out to the console: secrets masked on the final text, and no line able to start
    /// a GitHub workflow command (the content was made terminal-safe before it was styled).
    private func output(_ text: String) {
        write(TextEscaping.noWorkflowCommands(redactor.redact(text)))
    }

    /// `✓ suite / case (1.2 ms)`.
    static func caseLine(_ mark: String, _ result: CaseResult, _ tail: String) -> String {
        "\(mark) \(result.suite) / \(result.name) \(tail)"
    }

    /// Writes a line to stdout at once (unbuffered), so CI logs and pipes see each case as it ends.
    public static func writeLine(_ line: String) {
        StandardOutput.emit(line + "\n")
    }

    /// How many responses of a failed step the console shows.
    static let exchangesShown = 2

    /// What a user needs to act on a failed case: each mismatch, the response, and the repro.
    static func failureDetails(_ result: CaseResult) -> [String] {
        var lines: [String] = []
        // A case that could not start (libcurl missing, its file edited after the check) has no
        // steps, only the reason.
        if let reason = result.reason, result.verdict != .skipped { lines.append(reason) }
        for step in result.steps where step.verdict == .failed || step.verdict == .error {
            if result.steps.count > 1 { lines.append("step \"\(step.name)\":") }
            if let error = step.error { lines.append(error) }
            for check in step.checks where check.failed {
                lines.append(check.message)
                lines += check.details.prefix(20).map { "  " + $0 }
                if check.details.count > 20 { lines.append("  … \(check.details.count - 20) more") }
            }
            if let location = step.location { lines.append("at \(location)") }
            // Replay and rate-limit steps send many requests; the last ones are where they went wrong,
            // and the reports keep them all.
            let shown = step.exchanges.suffix(Self.exchangesShown)
            if step.exchanges.count > shown.count {
                lines.append(
                    "(\(step.exchanges.count - shown.count) earlier exchange(s) of this step are in the reports)")
            }
            for exchange in shown {
                lines += ExchangeText.redirectLines(exchange)
                if let response = exchange.response {
                    lines.append(
                        "response: HTTP/\(response.httpVersion) \(response.status)\(response.reason.isEmpty ? "" : " " + response.reason)"
                    )
                    lines += (response.headers ?? []).map { "  \($0.name): \($0.value)" }
                    if let body = response.body, !body.isEmpty {
                        lines.append("  " + ExchangeText.excerpt(body) + (response.bodyTruncated ? " […]" : ""))
                    }
                }
            }
            if let curl = step.curl { lines.append("reproduce: \(curl)") }
        }
        return lines
    }
}
