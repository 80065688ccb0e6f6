/// The config variables that read an unset environment variable, and which of them the selected
/// cases use: a profile names every principal's token, but a run that selects no case of the
/// rate-limit clause must not need the rate-limit token.
struct NeededEnvironment {
    /// Variable name → why it has no value (the environment variable it reads is unset).
    let unavailable: [String: Diagnostic]
    /// One problem per unavailable variable a selected case uses, naming the first such case.
    private(set) var problems: [Diagnostic] = []
    private var reported = Set<String>()

    init(unavailable: [String: Diagnostic]) { self.unavailable = unavailable }

    /// Notes that case `caseName` uses variable `name` (`unavailable` has the suite's own too).
    mutating func use(_ name: String, by caseName: String, unavailable: [String: Diagnostic]) {
        guard let reason = unavailable[name], reported.insert(name).inserted else { return }
        var problem = reason
        problem.message += "; case \"\(caseName)\" uses `${\(name)}`"
        problem.hint =
            problem.hint ?? "export it, or leave out the cases that use it (--skip-tag, or the profile's claims)"
        problems.append(problem)
    }
}

extension VariableScope {
    /// `definitions` without those that read an unset environment variable, or a variable already
    /// unavailable; those are set empty here and recorded in `unavailable` instead.
    mutating func deferringUnsetEnvironment(
        _ definitions: [VariableDefinition], into unavailable: inout [String: Diagnostic]
    ) -> [VariableDefinition] {
        var kept: [VariableDefinition] = []
        for definition in definitions {
            var reason: Diagnostic?
            if let name = unsetEnvironmentVariable(in: definition.value) {
                reason = Diagnostic(
                    "environment variable `\(name)` is not set (variable `\(definition.name)` reads it)",
                    at: definition.location)
            } else {
                Self.forEachReference(in: definition.value) { name in
                    if reason == nil, let inherited = unavailable[name] { reason = inherited }
                }
            }
            if let reason {
                unavailable[definition.name] = reason
                set(definition.name, to: "", secret: true)
            } else {
                kept.append(definition)
            }
        }
        return kept
    }
}
