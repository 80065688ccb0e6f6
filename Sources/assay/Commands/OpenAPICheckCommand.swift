import AssayKit
import Foundation

/// `assay openapi check SPEC`: the document-level contract, rule by rule.
struct OpenAPICheckCommand {
    static let options: [Arguments.Option] = [
        .init(
            names: ["--rule"], kind: .value(placeholder: "RULE"), help: "Check only this rule (default: all).",
            repeatable: true),
        .init(names: ["--skip"], kind: .value(placeholder: "RULE"), help: "Leave this rule out.", repeatable: true),
        .init(names: ["--trace-header"], kind: .value(placeholder: "NAME"), help: "The trace-id header (X-Trace-Id)."),
        .init(
            names: ["--idempotency-header"], kind: .value(placeholder: "NAME"),
            help: "The idempotency header (Idempotency-Key)."),
        .init(
            names: ["--error-member"], kind: .value(placeholder: "NAME"),
            help: "The member an error envelope requires (error)."),
        .init(names: ["-h", "--help"], kind: .flag, help: "Show this help."),
    ]

    let arguments: Arguments

    init(arguments: [String]) throws {
        self.arguments = try Arguments(command: "openapi check", options: Self.options, arguments: arguments)
    }

    func execute() throws -> Int32 {
        let ruleNames = OpenAPIDocumentCheck.Rule.allCases.map(\.rawValue)
        if arguments.flag("--help") {
            print(
                """
                USAGE: assay openapi check SPEC [--rule RULE]… [--skip RULE]…

                Checks an OpenAPI 3.0/3.1 description (YAML or JSON, a file or an http(s) URL) for the
                document-level contract.
                Rules: \(ruleNames.joined(separator: ", ")).
                Exit 0 when every rule holds, 1 when one does not, 2 on bad input.

                OPTIONS:
                \(Arguments.helpText(Self.options))
                """)
            return ExitCode.success
        }
        guard arguments.positionals.count == 1 else { throw UsageError("give one description: SPEC") }
        var check = OpenAPIDocumentCheck()
        func rules(_ option: String) throws -> [OpenAPIDocumentCheck.Rule] {
            try arguments.all(option).map { name in
                guard let rule = OpenAPIDocumentCheck.Rule(rawValue: name) else {
                    let hint = Suggestion.nearest(to: name, among: ruleNames).map { " (did you mean `\($0)`?)" } ?? ""
                    throw UsageError("unknown rule `\(name)`\(hint); rules: \(ruleNames.joined(separator: ", "))")
                }
                return rule
            }
        }
        let only = try rules("--rule")
        let skipped = try rules("--skip")
        check.rules = (only.isEmpty ? OpenAPIDocumentCheck.Rule.allCases : only).filter { !skipped.contains($0) }
        if let name = arguments.value("--trace-header") { check.traceHeader = name }
        if let name = arguments.value("--idempotency-header") { check.idempotencyHeader = name }
        if let name = arguments.value("--error-member") { check.errorMember = name }
        let spec: OpenAPISpec
        do throws(Diagnostic) {
            spec = try OpenAPICommand.loadSpec(arguments.positionals[0])
        } catch {
            return OpenAPICommand.report(error)
        }
        let findings = check.check(spec)
        for rendered in DiagnosticRenderer.render(all: findings.map(\.diagnostic)) { print(rendered) }
        let failed = Set(findings.map(\.rule))
        for rule in check.rules {
            print("\(failed.contains(rule) ? "FAIL" : "ok  ") \(rule.rawValue)")
        }
        print("\(check.rules.count) rule(s), \(findings.count) problem(s) in \(spec.file)")
        return findings.isEmpty ? ExitCode.success : ExitCode.contractFailed
    }
}

/// `assay openapi scaffold SPEC`: writes a starter suite.
struct OpenAPIScaffoldCommand {
    static let options: [Arguments.Option] = [
        .init(
            names: ["-o", "--out"], kind: .value(placeholder: "FILE"), help: "Write the suite here (default: stdout)."),
        .init(
            names: ["--base-path"], kind: .value(placeholder: "PATH"),
            help: "Prefix for every path (default: the first server's path, e.g. /v1)."),
        .init(names: ["-h", "--help"], kind: .flag, help: "Show this help."),
    ]

    let arguments: Arguments

    init(arguments: [String]) throws {
        self.arguments = try Arguments(command: "openapi scaffold", options: Self.options, arguments: arguments)
    }

    func execute() throws -> Int32 {
        if arguments.flag("--help") {
            print(
                """
                USAGE: assay openapi scaffold SPEC [--out FILE] [--base-path PATH]

                Writes a starter suite: one case per operation (path parameters and request bodies from
                the spec's examples, the first success status and its content type expected) and one
                case per secured operation that sends no credentials and expects the 401 envelope.

                OPTIONS:
                \(Arguments.helpText(Self.options))
                """)
            return ExitCode.success
        }
        guard arguments.positionals.count == 1 else { throw UsageError("give one description: SPEC") }
        let spec: OpenAPISpec
        do throws(Diagnostic) {
            spec = try OpenAPICommand.loadSpec(arguments.positionals[0])
        } catch {
            return OpenAPICommand.report(error)
        }
        let suite = OpenAPIScaffold.suite(spec, basePath: arguments.value("--base-path"))
        if let path = arguments.value("--out") {
            try AtomicFile.write(suite, to: path)
            print("wrote \(path): \(spec.operations.count) operation(s)")
        } else {
            print(suite, terminator: "")
        }
        return ExitCode.success
    }
}
