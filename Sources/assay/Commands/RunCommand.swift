import AssayKit
import Foundation

/// `assay run [PATH…] --target URL`: executes the suites and reports the verdict.
struct RunCommand: OptionsCommand {
    static let name = "run"
    static let summary = "Run suites against a target and report the verdict."
    static let usage = "assay run [PATH…] --target URL [options]"
    static let about = "Runs the suites in PATH (files or folders; default: Suites/) against URL."
    static let sendsRequests = true
    static let options: [Arguments.Option] =
        [
            .init(
                names: ["--target", "-t"], kind: .value(placeholder: "URL"), help: "Base URL of the API under test."),
            .init(
                names: ["--mode"], kind: .value(placeholder: "strict|permissive"),
                help: "Policy mode (default: strict, or ASSAY_MODE)."),
            .init(
                names: ["--record"], kind: .value(placeholder: "MODE"),
                help: "Golden recording: never (default), missing, failed, all."),
            .init(
                names: ["--parallel", "-j"], kind: .value(placeholder: "N"),
                help: "Cases in flight at once (default: 4)."),
            .init(
                names: ["--shard"], kind: .value(placeholder: "I/N"),
                help: "Run only shard I of N (stable split by case name)."),
            .init(
                names: ["--connect-timeout"], kind: .value(placeholder: "DURATION"),
                help: "Connect timeout; a bare number is seconds (default: 5s; beats suite defaults)."),
            .init(
                names: ["--timeout"], kind: .value(placeholder: "DURATION"),
                help: "Total time per request; a bare number is seconds (default: 30s; beats suite defaults)."),
            .init(
                names: ["--max-body"], kind: .value(placeholder: "BYTES"),
                help: "Largest response body accepted (default: 8388608)."),
            .init(names: ["--insecure", "-k"], kind: .flag, help: "Do not verify TLS certificates."),
            .init(names: ["--cacert"], kind: .value(placeholder: "FILE"), help: "Verify TLS with this CA bundle."),
            .init(names: ["--http1.1"], kind: .flag, help: "Use HTTP/1.1 only."),
            .init(names: ["--http2"], kind: .flag, help: "Use HTTP/2 (prior knowledge for http://)."),
            .init(
                names: ["--location", "-L"], kind: .flag,
                help: "Follow redirects (off by default); another origin gets no credentials and no body."),
            .init(
                names: ["--location-trusted"], kind: .flag,
                help: "Follow redirects and send every header and the body to any origin (as curl's option)."),
            .init(
                names: ["--max-redirs"], kind: .value(placeholder: "N"),
                help: "Most redirects followed with -L (default: 10); a case's `redirects.max` beats it."),
            .init(
                names: ["--proxy", "-x"], kind: .value(placeholder: "URL"),
                help: "Send every request through this proxy (beats the *_proxy variables)."),
            .init(
                names: ["--resolve"], kind: .value(placeholder: "HOST:PORT:ADDR"),
                help: "Answer HOST:PORT with ADDR instead of DNS, as curl's option.", repeatable: true),
            .init(
                names: ["--connect-to"], kind: .value(placeholder: "HOST:PORT:CHOST:CPORT"),
                help: "Connect to CHOST:CPORT for HOST:PORT, as curl's option.", repeatable: true),
            .init(
                names: ["--cert"], kind: .value(placeholder: "FILE"), help: "Client certificate (PEM) for mutual TLS."),
            .init(names: ["--key"], kind: .value(placeholder: "FILE"), help: "Private key (PEM) of --cert."),
            .init(
                names: ["--retry"], kind: .value(placeholder: "N"),
                help: "Send a plain step up to N more times while it does not pass (a step's `retry` beats it)."),
            .init(
                names: ["--retry-interval"], kind: .value(placeholder: "DURATION"),
                help: "Pause between attempts; a bare number is seconds (default: 1s)."),
            .init(
                names: ["--pace"], kind: .value(placeholder: "N/s|N/min"),
                help: "Space the run's requests: at most N per second or minute, across every case."),
            .init(
                names: ["--rate-limit-wait"], kind: .value(placeholder: "DURATION"),
                help:
                    "Wait out a 429's Retry-After up to this long per step, then call it rate limited (default with --pace: 60s)."
            ),
            .init(
                names: ["--verbose", "-v"], kind: .flag, help: "Print each exchange, redacted; -vv adds bodies.",
                repeatable: true),
            .init(names: ["-vv"], kind: .flag, help: "Same as -v -v."),
            .init(
                names: ["--keep-passing"], kind: .flag,
                help: "Keep passing steps' checks and headers in the reports (implied by -v)."),
            .init(names: ["--no-color"], kind: .flag, help: "No ANSI colours (also NO_COLOR)."),
            .init(
                names: ["--trace-header"], kind: .value(placeholder: "NAME"),
                help: "Response header carrying the trace id; any one given may carry it.", repeatable: true),
            .init(
                names: ["--trace-format"], kind: .value(placeholder: "hex32|uuid|traceparent|regex:…"),
                help: "Required trace-id format (enables the trace policy)."),
            .init(
                names: ["--openapi"], kind: .value(placeholder: "FILE|URL"),
                help: "Validate every exchange against this OpenAPI description (beats `openapi` in the config)."),
            .init(
                names: ["--openapi-validate"], kind: .value(placeholder: "all|success"),
                help: "Which responses --openapi validates (default: all, or the config's `validate`)."),
        ] + ReportOptions.options + SuiteSelection.options

    let arguments: Arguments

    func execute() throws -> Int32 {
        let environment = ProcessEnvironment.current()
        let selection = try SuiteSelection(arguments)
        guard let target = arguments.value("--target") ?? environment["ASSAY_TARGET"] ?? selection.config.target else {
            throw UsageError("no target: give --target URL, set ASSAY_TARGET, or set \"target\" in assay.jsonc")
        }
        guard let url = URL(string: target), let scheme = url.scheme, ["http", "https"].contains(scheme.lowercased()),
            url.host != nil
        else {
            // Named where it came from: a bad `target` in a config is not fixed on the command line.
            let source =
                arguments.value("--target") != nil
                ? "--target"
                : environment["ASSAY_TARGET"] != nil
                    ? "ASSAY_TARGET" : "`target` in \(selection.config.file ?? "the config file")"
            throw UsageError("\(source) must be an http:// or https:// URL, got \"\(target)\"")
        }
        let mode = try Self.mode(arguments.value("--mode") ?? environment["ASSAY_MODE"], config: selection.config.mode)
        let record = try Self.recordMode(arguments.value("--record"))
        let shard = try arguments.value("--shard").map { text throws -> Shard in
            guard let shard = Shard(text) else {
                throw UsageError("--shard expects I/N with 1 ≤ I ≤ N, got \"\(text)\"")
            }
            return shard
        }
        // libcurl is loading meanwhile (`CommandDispatcher` started it): the checks that must pass
        // before any request run alongside.
        let goldens = GoldenStore(root: URL(fileURLWithPath: selection.goldensRoot), cache: GoldenCache())
        // Every suite is checked (matchers, goldens) before the first request is sent.
        var linter = SuiteLinter(goldens: goldens, requireGoldens: false)
        let plan: RunPlan
        do throws(DiagnosticList) {
            plan = try selection.plan(target: target, shard: shard, environment: environment, linter: &linter)
        } catch {
            return Self.report(error)
        }
        if plan.caseCount == 0 {
            throw UsageError(
                "no case matches the selection (check --tag, --skip-tag, --filter and --shard); nothing was run")
        }
        var context = RunContext(
            target: target, mode: mode, transport: try transportOptions(), goldens: goldens,
            record: record, recordExplicit: arguments.value("--record") != nil, environment: environment)
        context.commandLine = try Self.commandLineOverrides(arguments)
        context.traceAuditor = try traceAuditor(config: selection.config, plan: plan)
        try Self.applyAttemptOptions(arguments, config: selection.config, to: &context)
        if let setting = try openAPISetting(config: selection.config) {
            // Read once, with the plan: a bad description is an error before anything is sent.
            do throws(Diagnostic) {
                context.openAPI = try OpenAPICommand.exchangeCheck(setting, mode: mode, target: target)
            } catch {
                return OpenAPICommand.report(error)
            }
        }
        do {
            _ = try record.checked(explicit: context.recordExplicit, environment: environment)
        } catch {
            throw UsageError(error.message + (error.hint.map { " (\($0))" } ?? ""))
        }
        let parallel = try arguments.integer("--parallel", in: 1...256) ?? selection.config.parallel ?? 4
        context.keepsPassingDetails = ReportOptions.verbosity(arguments) > 0 || arguments.flag("--keep-passing")
        // `-vv` prints the bodies of passing cases, so they must be kept for them.
        context.keepsPassingBodies = ReportOptions.verbosity(arguments) > 1
        let observers = try ReportOptions(arguments, environment: environment).observers(
            arguments, environment: environment)
        let runner = Runner(plan: plan, context: context, parallelism: parallel)
        let reportFiles = observers.compactMap { $0 as? FileReportWriter }
        InterruptHandler.install(
            onFirst: { runner.cancel() },
            onSecond: {
                let snapshot = runner.snapshot()
                for writer in reportFiles { writer.writeUnlessWritten(snapshot) }
            })
        let result = runner.run(observers: observers)
        if result.interrupted { return InterruptHandler.exitCode ?? ExitCode.interrupted(bySignal: SIGINT) }
        return result.summary.exitCode
    }

    /// The run's trace auditor: the config's `trace` block with `--trace-header`/`--trace-format`
    /// applied over it; nil when neither they nor any planned suite declares a policy.
    func traceAuditor(config: ConfigFile, plan: RunPlan) throws -> TraceAuditor? {
        let headers = arguments.all("--trace-header")
        for name in headers where name.isEmpty || name.contains(where: { $0 == ":" || $0 == " " }) {
            throw UsageError("--trace-header expects a header name, got \"\(name)\"")
        }
        let format = try arguments.value("--trace-format").map { text throws -> TraceFormat in
            guard let format = TraceFormat(parsing: text) else {
                throw UsageError("--trace-format expects hex32, uuid, traceparent or regex:PATTERN, got \"\(text)\"")
            }
            return format
        }
        var policy = config.trace
        if !headers.isEmpty || format != nil {
            policy = (policy ?? TracePolicy()).overriding(headers: headers, format: format)
        }
        return TraceAuditor.forRun(
            policy: policy, suitesDeclareOne: plan.declaresTracePolicy, redactor: plan.redactor)
    }

    /// The description to validate against: `--openapi` (a file relative to the working directory)
    /// over the config's `openapi`; `--openapi-validate` over either's scope.
    func openAPISetting(config: ConfigFile) throws -> OpenAPISetting? {
        let scope = try arguments.value("--openapi-validate").map { text throws -> OpenAPISetting.Scope in
            guard let scope = OpenAPISetting.Scope(rawValue: text) else {
                throw UsageError("--openapi-validate expects all or success, got \"\(text)\"")
            }
            return scope
        }
        var setting = arguments.value("--openapi").map { OpenAPISetting(source: $0) } ?? config.openAPI
        if let scope {
            guard setting != nil else {
                throw UsageError("--openapi-validate needs --openapi or `openapi` in the config")
            }
            setting?.scope = scope
        }
        return setting
    }

    func transportOptions() throws -> TransportOptions { try Self.transportOptions(arguments) }

    /// The transport flags (`--timeout`, `--insecure`, `--http2`, …) of any command that sends requests.
    static func transportOptions(_ arguments: Arguments) throws -> TransportOptions {
        var options = TransportOptions()
        if let connect = try arguments.milliseconds("--connect-timeout") {
            options.connectTimeout = .milliseconds(connect)
        }
        if let total = try arguments.milliseconds("--timeout") { options.totalTimeout = .milliseconds(total) }
        if let cap = try arguments.integer("--max-body", in: 1...Int(Int32.max)) { options.maxBodyBytes = cap }
        options.verifyTLS = !arguments.flag("--insecure")
        if let caCert = arguments.value("--cacert") {
            guard FileManager.default.fileExists(atPath: caCert) else {
                throw UsageError("--cacert: no such file \(caCert)")
            }
            options.caCertPath = caCert
        }
        if arguments.flag("--http1.1") && arguments.flag("--http2") {
            throw UsageError("--http1.1 and --http2 exclude each other")
        }
        if arguments.flag("--http1.1") { options.httpVersion = .http1_1 }
        if arguments.flag("--http2") { options.httpVersion = .http2 }
        options.followRedirects = arguments.flag("--location") || arguments.flag("--location-trusted")
        options.redirectsKeepCredentials = arguments.flag("--location-trusted")
        if let most = try arguments.integer("--max-redirs", in: 0...1000) { options.maxRedirects = most }
        options.proxy = arguments.value("--proxy")
        options.resolve = try arguments.all("--resolve").map { entry throws -> String in
            try checkedHostMapping(entry, option: "--resolve", parts: 3, shape: "HOST:PORT:ADDR")
        }
        options.connectTo = try arguments.all("--connect-to").map { entry throws -> String in
            try checkedHostMapping(
                entry, option: "--connect-to", parts: 4, shape: "HOST:PORT:CONNECT-HOST:CONNECT-PORT")
        }
        for (option, path) in [("--cert", arguments.value("--cert")), ("--key", arguments.value("--key"))] {
            if let path, !FileManager.default.fileExists(atPath: path) {
                throw UsageError("\(option): no such file \(path)")
            }
        }
        if arguments.value("--key") != nil && arguments.value("--cert") == nil {
            throw UsageError("--key needs --cert (the key belongs to a client certificate)")
        }
        options.clientCertPath = arguments.value("--cert")
        options.clientKeyPath = arguments.value("--key")
        return options
    }

    /// A `--resolve` or `--connect-to` entry, checked before libcurl would ignore a malformed one
    /// silently. An IPv6 address sits in brackets, so its colons do not count.
    static func checkedHostMapping(_ entry: String, option: String, parts: Int, shape: String) throws -> String {
        var fields: [String] = []
        var current = ""
        var inBrackets = false
        for character in entry {
            if character == "[" { inBrackets = true }
            if character == "]" { inBrackets = false }
            if character == ":" && !inBrackets && fields.count < parts - 1 {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        let port = fields.count > 1 ? fields[1] : ""
        guard fields.count == parts, !fields[0].isEmpty || option == "--connect-to", let number = Int(port),
            (1...65535).contains(number), !fields[parts - 1].isEmpty
        else {
            throw UsageError(
                "\(option) expects \(shape) (e.g. \(option == "--resolve" ? "api.example.test:443:127.0.0.1" : "api.example.test:443:127.0.0.1:8443")), got \"\(entry)\""
            )
        }
        return entry
    }

    /// The settings the command line gave explicitly, which beat a suite's `defaults`.
    static func commandLineOverrides(_ arguments: Arguments) throws -> CommandLineOverrides {
        CommandLineOverrides(
            connectTimeout: try arguments.milliseconds("--connect-timeout").map { .milliseconds($0) },
            totalTimeout: try arguments.milliseconds("--timeout").map { .milliseconds($0) })
    }

    /// `--retry`, `--retry-interval`, `--pace` and `--rate-limit-wait`, each beating the config's key.
    static func applyAttemptOptions(_ arguments: Arguments, config: ConfigFile, to context: inout RunContext) throws {
        let interval = try arguments.milliseconds("--retry-interval")
        if let count = try arguments.integer("--retry", in: 0...RetrySpec.maximumRetries) {
            context.retry = RetrySpec(
                count: count, intervalMs: interval ?? config.retry?.intervalMs ?? RetrySpec.defaultIntervalMs)
        } else if var retry = config.retry {
            if let interval { retry.intervalMs = interval }
            context.retry = retry
        } else if interval != nil {
            throw UsageError("--retry-interval needs --retry N (how many times to send a step again)")
        }
        if context.retry?.count == 0 { context.retry = nil }
        let pace = try arguments.value("--pace").map { text throws -> Pace in
            guard let pace = Pace(parsing: text) else {
                throw UsageError("--pace expects requests per unit such as 3/min or 10/s, got \"\(text)\"")
            }
            return pace
        }
        context.pacer = (pace ?? config.pace).map(RequestPacer.init)
        context.rateLimitWaitMs =
            try arguments.milliseconds("--rate-limit-wait") ?? config.rateLimitWaitMs
            ?? (context.pacer == nil ? nil : Self.defaultRateLimitWaitMs)
    }

    /// How long a paced run waits out 429s per step unless told otherwise.
    static let defaultRateLimitWaitMs = 60_000

    static func mode(_ text: String?, config: PolicyMode?) throws -> PolicyMode {
        guard let text else { return config ?? .strict }
        guard let mode = PolicyMode(rawValue: text) else {
            throw UsageError("--mode expects strict or permissive, got \"\(text)\"")
        }
        return mode
    }

    static func recordMode(_ text: String?) throws -> RecordMode {
        guard let text else { return .never }
        guard let mode = RecordMode(rawValue: text) else {
            throw UsageError("--record expects never, missing, failed or all, got \"\(text)\"")
        }
        return mode
    }

    /// Prints suite diagnostics and returns exit code 2.
    static func report(_ problems: DiagnosticList) -> Int32 {
        for rendered in DiagnosticRenderer.render(all: problems.diagnostics) {
            FileHandle.standardError.write(Data((rendered + "\n").utf8))
        }
        // On GitHub Actions each one is also an annotation at its line, as failed cases are.
        if GitHubAnnotations.enabled(ProcessEnvironment.current()) {
            let lines = problems.diagnostics.compactMap(GitHubAnnotations.line)
            if !lines.isEmpty { FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8)) }
        }
        FileHandle.standardError.write(Data("\(problems.diagnostics.count) suite error(s); nothing was run.\n".utf8))
        return ExitCode.usageOrSuite
    }
}
