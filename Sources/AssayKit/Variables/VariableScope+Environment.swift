extension VariableScope {
    /// The first environment variable `template` reads that is unset and has no default, if any.
    /// A profile names every principal's token, but a run needs only those its selected cases use.
    public func unsetEnvironmentVariable(in template: String) -> String? {
        guard template.mayReferenceVariables else { return nil }
        var missing: String?
        _ = Self.scan(template) { reference in
            guard missing == nil, reference.hasASCIIPrefix("env:") else { return "" }
            let (name, fallback) = Self.environmentReference(reference)
            if environment[name] == nil && fallback == nil { missing = name }
            return ""
        }
        return missing
    }
}
