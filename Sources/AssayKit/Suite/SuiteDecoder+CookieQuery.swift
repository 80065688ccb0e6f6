extension SuiteDecoder {
    /// `name` or `name[Attribute]` (Hurl's spelling): a cookie's value or one of its attributes.
    static func cookieQuery(_ argument: String, at location: SourceLocation) throws(Diagnostic) -> ResponseQuery {
        guard let open = argument.firstIndex(of: "[") else { return .cookie(argument) }
        let name = String(argument[..<open])
        let written = argument[argument.index(after: open)...]
        let choices = CookieAttribute.allCases.map(\.rawValue)
        guard !name.isEmpty, written.hasSuffix("]"),
            let attribute = CookieAttribute.allCases.first(where: {
                $0.rawValue.lowercased() == written.dropLast().lowercased()
            })
        else {
            let attempted = String(written.hasSuffix("]") ? written.dropLast() : written)
            throw Diagnostic(
                "expected a cookie query such as \"session\" or \"session[HttpOnly]\" (attributes: \(choices.joined(separator: ", "))), found \(JSONWriter.quote(argument))",
                at: location,
                hint: Suggestion.nearest(to: attempted, among: choices).map { "did you mean \"\(name)[\($0)]\"?" })
        }
        return .cookieAttribute(name, attribute)
    }
}
