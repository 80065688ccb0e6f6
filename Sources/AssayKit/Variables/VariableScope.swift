import Foundation

#if canImport(Glibc)
    import Glibc
#endif

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
    /// When false, an undefined variable's error suggests no name: set while a batch that already
    /// reported `Suggestion.hintsPerBatch` errors goes on, so thousands of them stay linear work.
    var suggestsNames = true
    /// The run's redactor: every secret value this scope sets or reads from the environment is
    /// added to it as it is used, so `${env:…}` written straight into a header, query or body is
    /// masked too, not only through a variable.
    public var secretSink: Redactor?

    public init(environment: [String: String] = ProcessEnvironment.current()) {
        self.environment = environment
    }

    /// Sets a variable; its value is final (already interpolated).
    public mutating func set(_ name: String, to value: String, secret: Bool = false) {
        values[name] = value
        if secret {
            secretNames.insert(name)
            if !value.isEmpty && !secretValues.contains(value) { secretValues.append(value) }
            secretSink?.add(value, source: "variable `\(name)`")
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

    /// Resolves every string inside a JSON value (keys are left alone); all its strings together
    /// share one expansion budget, as one template would.
    public func resolve(_ value: JSONValue, at location: SourceLocation?) throws(Diagnostic) -> JSONValue {
        var expanded = 0
        return try resolve(value, at: location, expanded: &expanded)
    }

    private func resolve(_ value: JSONValue, at location: SourceLocation?, expanded: inout Int) throws(Diagnostic)
        -> JSONValue
    {
        switch value {
        case .string(let text): return .string(try interpolate(text, at: location, expanded: &expanded).value)
        case .array(let items):
            var resolved: [JSONValue] = []
            for item in items { resolved.append(try resolve(item, at: location, expanded: &expanded)) }
            return .array(resolved)
        case .object(let object):
            var resolved = JSONObject()
            for (key, item) in object { resolved[key] = try resolve(item, at: location, expanded: &expanded) }
            return .object(resolved)
        default: return value
        }
    }

    /// `template` with the references this scope can answer resolved and the others left as written.
    public func resolveKnown(_ template: String) -> String {
        guard template.mayReferenceVariables else { return template }
        return Self.scan(template) { reference in
            if reference.hasASCIIPrefix("env:") {
                return environmentValue(reference) ?? "${\(reference)}"
            }
            return values[reference] ?? "${\(reference)}"
        }
    }

    /// A variable or environment value a resolved template read.
    enum Binding: Sendable, Equatable {
        case variable(name: String, value: String)
        case environment(name: String, value: String)
    }

    /// `template` resolved, with every value it read, so the result can be reused wherever those
    /// values are the same (`holds`); nil when it cannot be resolved here or uses `${uuid}`,
    /// which must differ at every use.
    func resolveReusably(_ template: String) -> (value: String, bindings: [Binding])? {
        guard template.mayReferenceVariables else { return (template, []) }
        var bindings: [Binding] = []
        var reusable = true
        let value = Self.scan(template) { reference in
            if reference.hasASCIIPrefix("env:") {
                let (name, fallback) = Self.environmentReference(reference)
                // A default stands in for an unset or empty variable: reusable only while it does.
                guard let value = environment[name], !value.isEmpty || fallback == nil else {
                    reusable = reusable && fallback != nil
                    bindings.append(.environment(name: name, value: environment[name] ?? ""))
                    return fallback ?? ""
                }
                bindings.append(.environment(name: name, value: value))
                noteEnvironmentSecret(name, value)
                return value
            }
            // Checked before the variables, as `interpolate` does: the built-in wins.
            guard !Self.builtins.contains(reference), let value = values[reference] else {
                reusable = false
                return ""
            }
            bindings.append(.variable(name: reference, value: value))
            return value
        }
        return reusable ? (value, bindings) : nil
    }

    /// Whether this scope gives every binding the value it had when the template was resolved.
    func holds(_ bindings: [Binding]) -> Bool {
        bindings.allSatisfy { binding in
            switch binding {
            case .variable(let name, let value): values[name] == value
            case .environment(let name, let value): (environment[name] ?? "") == value
            }
        }
    }

    /// The names a template references (for static checks), excluding `env:` and built-ins.
    public static func references(in template: String) -> [String] {
        var names: [String] = []
        forEachReference(in: template) { names.append($0) }
        return names
    }

    /// Calls `body` with each name `template` references, excluding `env:` and built-ins; builds nothing
    /// for a template without references.
    static func forEachReference(
        in template: String, unterminated: (() -> Void)? = nil, _ body: (String) -> Void
    ) {
        guard template.mayReferenceVariables else { return }
        scan(template, unterminated: unterminated) { reference in
            if !reference.hasASCIIPrefix("env:") && !builtins.contains(reference) { body(reference) }
            return ""
        }
    }

    static let builtins: Set<String> = ["uuid"]

    /// The most bytes the references of one template may expand to. Each variable may use the one
    /// before it twice, so forty definitions could ask for 2^40 bytes; past this budget the template
    /// is an error naming the limit. 4 MiB is far more than any header, path or body template needs.
    public static let maximumExpansionBytes = 4 << 20

    /// `env:NAME` or `env:NAME:-default` split into the name and the default (as the shell's
    /// `${NAME:-default}`: used when the variable is unset or empty).
    static func environmentReference(_ reference: String) -> (name: String, fallback: String?) {
        let body = reference.dropFirst(4)
        guard let separator = body.range(of: ":-") else { return (String(body), nil) }
        return (String(body[..<separator.lowerBound]), String(body[separator.upperBound...]))
    }

    /// The value of an `env:` reference: the environment's (noted as secret), else its default;
    /// nil when it has neither.
    private func environmentValue(_ reference: String) -> String? {
        let (name, fallback) = Self.environmentReference(reference)
        if let value = environment[name], !value.isEmpty || fallback == nil {
            noteEnvironmentSecret(name, value)
            return value
        }
        return fallback
    }

    /// Every value read from the environment is secret, wherever the reference is written.
    private func noteEnvironmentSecret(_ name: String, _ value: String) {
        secretSink?.add(value, environmentName: name)
    }

    private func interpolate(_ template: String, at location: SourceLocation?) throws(Diagnostic) -> (
        value: String, usedSecret: Bool
    ) {
        var expanded = 0
        return try interpolate(template, at: location, expanded: &expanded)
    }

    /// `template` resolved; `expanded` counts the bytes references added, against `maximumExpansionBytes`.
    private func interpolate(_ template: String, at location: SourceLocation?, expanded: inout Int)
        throws(Diagnostic) -> (value: String, usedSecret: Bool)
    {
        guard template.mayReferenceVariables else { return (template, false) }
        var usedSecret = false
        var failure: Diagnostic?
        // Counts a value against the budget: within it the value, past it nothing (the template fails).
        func budgeted(_ value: String, for reference: String) -> String {
            expanded += value.utf8.count
            guard expanded > Self.maximumExpansionBytes else { return value }
            failure =
                failure
                ?? Diagnostic(
                    "variables expand to more than \(Self.maximumExpansionBytes) bytes here (at `${\(Diagnostic.excerpt(reference))}`), the limit of one value",
                    at: location, hint: "a variable that uses another twice doubles with each definition")
            return ""
        }
        let result = Self.scan(
            template,
            unterminated: {
                failure =
                    failure
                    ?? Diagnostic(
                        "unterminated `${`: a reference ends with `}`", at: location,
                        hint: "write `$${` for a literal `${`")
            }
        ) { reference in
            // Once over the budget, nothing more is looked up.
            guard expanded <= Self.maximumExpansionBytes else { return "" }
            if reference.hasASCIIPrefix("env:") {
                let (name, fallback) = Self.environmentReference(reference)
                if let fallback, (environment[name] ?? "").isEmpty { return budgeted(fallback, for: reference) }
                guard let value = environment[name] else {
                    if !requiresEnvironment { return "" }
                    failure =
                        failure
                        ?? Diagnostic(
                            "environment variable `\(name)` is not set (referenced as `${env:\(name)}`)", at: location)
                    return ""
                }
                usedSecret = true
                noteEnvironmentSecret(name, value)
                return budgeted(value, for: reference)
            }
            if reference == "uuid" { return RandomUUID.next() }
            guard let value = values[reference] else {
                let hint =
                    suggestsNames
                    ? Suggestion.nearest(to: reference, among: values.keys).map { "did you mean `${\($0)}`?" } : nil
                failure = failure ?? Diagnostic("undefined variable `${\(reference)}`", at: location, hint: hint)
                return ""
            }
            if secretNames.contains(reference) { usedSecret = true }
            return budgeted(value, for: reference)
        }
        if let failure { throw failure }
        return (result, usedSecret)
    }

    /// Walks `${…}` references, replacing each with `replace(name)`; `$${` is a literal `${`.
    /// Works on the UTF-8 bytes in place (the syntax is ASCII, so every cut falls between
    /// characters) and copies the text between references in runs: this runs for every request.
    /// `unterminated` is called for a `${` that no `}` closes (the text is then kept as written).
    @discardableResult
    static func scan(
        _ template: String, unterminated: (() -> Void)? = nil, _ replace: (String) -> String
    ) -> String {
        var template = template
        return template.withUTF8 { bytes in
            let dollar = UInt8(ascii: "$")
            let open = UInt8(ascii: "{")
            let close = UInt8(ascii: "}")
            func text(_ range: Range<Int>) -> String {
                String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            }
            var output = ""
            var copied = 0
            var index = 0
            while index < bytes.count {
                guard bytes[index] == dollar else {
                    index += 1
                    continue
                }
                let next = index + 1
                guard next < bytes.count else { break }
                if bytes[next] == dollar, next + 1 < bytes.count, bytes[next + 1] == open {
                    output += text(copied..<index)
                    output += "${"
                    index = next + 2
                    copied = index
                } else if bytes[next] == open, let end = bytes[next...].firstIndex(of: close) {
                    output += text(copied..<index)
                    output += replace(text(next + 1..<end).trimmingWhitespace())
                    index = end + 1
                    copied = index
                } else {
                    if bytes[next] == open { unterminated?() }
                    index = next
                }
            }
            output += text(copied..<bytes.count)
            return output
        }
    }
}

extension String {
    /// Whether the text may hold a `${…}` reference: a cheap byte scan that most strings fail. It
    /// runs on every string of every case when suites are checked, and on every request: memchr
    /// for the `$`, not the general substring search.
    var mayReferenceVariables: Bool {
        var text = self
        return text.withUTF8 { bytes in
            guard var position = bytes.baseAddress else { return false }
            let end = position + bytes.count
            while position < end, let dollar = memchr(position, 0x24, end - position) {
                let next = UnsafePointer(dollar.assumingMemoryBound(to: UInt8.self)) + 1
                if next < end && next.pointee == 0x7B { return true }
                position = next
            }
            return false
        }
    }
}
