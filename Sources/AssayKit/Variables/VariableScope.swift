import Foundation

/// The variables visible to a step, and which of their values are secret.
///
/// `${name}` reads a variable, `${env:NAME}` an environment variable (always secret),
/// `${uuid}` a fresh UUID per use, and `$${` writes a literal `${`.
public struct VariableScope: Sendable {
    public private(set) var values: [String: String] = [:]
    /// Names whose values are secret (declared secret, from the environment, or built from a secret).
    public private(set) var secretNames: Set<String> = []
    /// The environment `${env:…}` reads from; injected so tests never depend on the real one.
    public var environment: [String: String]
    /// Every secret value seen so far, for the redactor.
    public private(set) var secretValues: [String] = []
    /// When false, an unset `${env:…}` reads as empty instead of failing (for `assay lint`, which needs no secrets).
    public var requiresEnvironment = true

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// Sets a variable; its value is final (already interpolated).
    public mutating func set(_ name: String, to value: String, secret: Bool = false) {
        values[name] = value
        if secret {
            secretNames.insert(name)
            if !value.isEmpty && !secretValues.contains(value) { secretValues.append(value) }
        } else {
            secretNames.remove(name)
        }
    }

    /// Defines a variable from a template that may reference others; referencing a secret
    /// or the environment makes it secret too.
    public mutating func define(_ name: String, template: String, secret: Bool, at location: SourceLocation?)
        throws(Diagnostic)
    {
        let (value, usedSecret) = try interpolate(template, at: location)
        set(name, to: value, secret: secret || usedSecret)
    }

    /// Resolves every `${…}` in `template`.
    public func resolve(_ template: String, at location: SourceLocation?) throws(Diagnostic) -> String {
        try interpolate(template, at: location).value
    }

    /// Resolves every string inside a JSON value (keys are left alone).
    public func resolve(_ value: JSONValue, at location: SourceLocation?) throws(Diagnostic) -> JSONValue {
        switch value {
        case .string(let text): return .string(try resolve(text, at: location))
        case .array(let items):
            var resolved: [JSONValue] = []
            for item in items { resolved.append(try resolve(item, at: location)) }
            return .array(resolved)
        case .object(let object):
            var resolved = JSONObject()
            for (key, item) in object { resolved[key] = try resolve(item, at: location) }
            return .object(resolved)
        default: return value
        }
    }

    /// `template` with the references this scope can answer resolved and the others left as written.
    public func resolveKnown(_ template: String) -> String {
        guard template.containsBytes("${") else { return template }
        return Self.scan(template) { reference in
            if reference.hasPrefix("env:") { return environment[String(reference.dropFirst(4))] ?? "${\(reference)}" }
            return values[reference] ?? "${\(reference)}"
        }
    }

    /// The names a template references (for static checks), excluding `env:` and built-ins.
    public static func references(in template: String) -> [String] {
        var names: [String] = []
        Self.scan(template) { reference in
            if !reference.hasPrefix("env:") && !builtins.contains(reference) { names.append(reference) }
            return ""
        }
        return names
    }

    static let builtins: Set<String> = ["uuid"]

    private func interpolate(_ template: String, at location: SourceLocation?) throws(Diagnostic) -> (
        value: String, usedSecret: Bool
    ) {
        guard template.containsBytes("${") else { return (template, false) }
        var usedSecret = false
        var failure: Diagnostic?
        let result = Self.scan(template) { reference in
            if reference.hasPrefix("env:") {
                let name = String(reference.dropFirst(4))
                guard let value = environment[name] else {
                    if !requiresEnvironment { return "" }
                    failure =
                        failure
                        ?? Diagnostic(
                            "environment variable `\(name)` is not set (referenced as `${env:\(name)}`)", at: location)
                    return ""
                }
                usedSecret = true
                return value
            }
            if reference == "uuid" { return UUID().uuidString.lowercased() }
            guard let value = values[reference] else {
                let hint = Suggestion.nearest(to: reference, among: Array(values.keys)).map {
                    "did you mean `${\($0)}`?"
                }
                failure = failure ?? Diagnostic("undefined variable `${\(reference)}`", at: location, hint: hint)
                return ""
            }
            if secretNames.contains(reference) { usedSecret = true }
            return value
        }
        if let failure { throw failure }
        return (result, usedSecret)
    }

    /// Walks `${…}` references, replacing each with `replace(name)`; `$${` is a literal `${`.
    @discardableResult
    private static func scan(_ template: String, _ replace: (String) -> String) -> String {
        var output = ""
        var index = template.startIndex
        while index < template.endIndex {
            let rest = template[index...]
            if rest.hasPrefix("$${") {
                output += "${"
                index = template.index(index, offsetBy: 3)
            } else if rest.hasPrefix("${"), let close = rest.firstIndex(of: "}") {
                let name = String(rest[rest.index(index, offsetBy: 2)..<close]).trimmingCharacters(in: .whitespaces)
                output += replace(name)
                index = template.index(after: close)
            } else {
                output.append(template[index])
                index = template.index(after: index)
            }
        }
        return output
    }
}
