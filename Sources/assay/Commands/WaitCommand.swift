import AssayKit
import Foundation

/// `assay wait URL`: asks URL again and again until it answers with a wanted status, or gives up at
/// the deadline with what it last saw; so a CI job needs no shell loop before `assay run`.
struct WaitCommand: OptionsCommand {
    static let name = "wait"
    static let summary = "Wait until a URL answers with a wanted status (a deploy is up)."
    static let usage = "assay wait URL [--status 2xx] [--deadline 60s] [--interval 1s] [options]"
    static let about = """
        Sends GET URL until it answers with one of the wanted statuses, waiting --interval between
        attempts. Exit 0 when it did; exit 1, with the last answer or failure, when the deadline
        passed first. A bare number is seconds (--deadline 60).
        """
    static let sendsRequests = true
    static let transportNames: Set<String> = [
        "--connect-timeout", "--insecure", "--cacert", "--http1.1", "--http2", "--location", "--max-redirs",
        "--proxy", "--resolve", "--connect-to", "--cert", "--key",
    ]
    static let options: [Arguments.Option] =
        [
            .init(
                names: ["--status"], kind: .value(placeholder: "CODES"),
                help: "Wanted statuses: 200, 2xx, or a list such as 200,204 (default: 2xx)."),
            .init(
                names: ["--deadline"], kind: .value(placeholder: "DURATION"),
                help: "Give up after this long (default: 60s)."),
            .init(
                names: ["--interval"], kind: .value(placeholder: "DURATION"),
                help: "Pause between attempts (default: 1s)."),
        ] + RunCommand.options.filter { transportNames.contains($0.key) }

    let arguments: Arguments

    func execute() throws -> Int32 {
        guard arguments.positionals.count == 1, let target = arguments.positionals.first else {
            throw UsageError("assay wait takes one URL, got \(arguments.positionals.count)")
        }
        guard let url = URL(string: target), let scheme = url.scheme, ["http", "https"].contains(scheme.lowercased()),
            url.host != nil
        else {
            throw UsageError("assay wait expects an http:// or https:// URL, got \"\(target)\"")
        }
        let wanted = try Self.statuses(arguments.value("--status") ?? "2xx")
        let deadline = Duration.milliseconds(try arguments.milliseconds("--deadline") ?? 60_000)
        let interval = Duration.milliseconds(try arguments.milliseconds("--interval") ?? 1000)
        var options = try RunCommand.transportOptions(arguments)
        guard let client = CurlClient() else { throw UsageError("libcurl could not allocate a transfer") }
        let clock = ContinuousClock()
        let start = clock.now
        var attempts = 0
        var last = "no attempt"
        while true {
            attempts += 1
            // No attempt may outlast the deadline.
            let remaining = deadline - (clock.now - start)
            options.totalTimeout = max(min(remaining, .seconds(30)), .milliseconds(1))
            let exchange = client.perform(HTTPRequest(method: "GET", url: target), options: options)
            if let status = exchange.response?.status {
                if wanted.contains(where: { $0.contains(status) }) {
                    print("ready: \(target) answered \(status) after \(attempts) attempt(s)")
                    return ExitCode.success
                }
                last = "last answer: \(status)"
            } else if let failure = exchange.failure {
                last = "last attempt failed: \(failure.message)"
            }
            let elapsed = clock.now - start
            if elapsed + interval >= deadline {
                let message =
                    "assay wait: gave up on \(target) after \(attempts) attempt(s) in \(Self.seconds(elapsed)); "
                    + "\(last) (wanted \(arguments.value("--status") ?? "2xx"))\n"
                FileHandle.standardError.write(Data(message.utf8))
                return ExitCode.contractFailed
            }
            Thread.sleep(forTimeInterval: interval.milliseconds / 1000)
        }
    }

    /// `200`, `2xx` or a comma-separated list of them, as status ranges.
    static func statuses(_ text: String) throws -> [ClosedRange<Int>] {
        try text.split(separator: ",").map { item throws -> ClosedRange<Int> in
            let word = item.trimmingCharacters(in: .whitespaces).lowercased()
            if word.count == 3, word.hasSuffix("xx"), let digit = Int(word.prefix(1)), (1...5).contains(digit) {
                return digit * 100...digit * 100 + 99
            }
            guard let code = Int(word), (100...599).contains(code) else {
                throw UsageError("--status expects codes such as 200, 2xx or 200,204, got \"\(text)\"")
            }
            return code...code
        }
    }

    private static func seconds(_ duration: Duration) -> String {
        String(format: "%.1f s", duration.milliseconds / 1000)
    }
}

extension Duration {
    /// This duration in milliseconds, as a Double.
    fileprivate var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
