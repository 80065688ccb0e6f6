import AssayKit
import Foundation

/// `assay openapi check SPEC`: the document-level contract, rule by rule.
struct OpenAPICheckCommand: OptionsCommand {
    static let name = "openapi check"
    static let summary = "The document-level contract of a description."
    static let usage = "assay openapi check SPEC [--rule RULE]… [--skip RULE]…"
    static let ruleNames = OpenAPIDocumentCheck.Rule.allCases.map(\.rawValue)
    /// Computed from the rules, so a new rule is listed without editing the help.
    static var about: String {
        """
        Checks an OpenAPI 3.0/3.1 description (YAML or JSON, a file or an http(s) URL) for the
        document-level contract.
        Rules: \(ruleNames.joined(separator: ", ")).
        Exit 0 when every rule holds, 1 when one does not, 2 on bad input.
        """
    }
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
    ]

    let arguments: Arguments

    func execute() throws -> Int32 {
        guard arguments.positionals.count == 1 else { throw UsageError("give one description: SPEC") }
        var check = OpenAPIDocumentCheck()
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

    /// The rules named by a repeatable option, each checked against the known ones.
    private func rules(_ option: String) throws -> [OpenAPIDocumentCheck.Rule] {
        try arguments.all(option).map { name in
            guard let rule = OpenAPIDocumentCheck.Rule(rawValue: name) else {
                let names = Self.ruleNames
                let hint = Suggestion.nearest(to: name, among: names).map { " (did you mean `\($0)`?)" } ?? ""
                throw UsageError("unknown rule `\(name)`\(hint); rules: \(names.joined(separator: ", "))")
            }
            return rule
        }
    }
}
