import AssayKit

/// A small command-line parser: declared options, `--name value` or `--name=value`,
/// repeatable options, flags and positional arguments. Errors name the bad argument
/// and suggest the nearest option, then exit with code 2.
struct Arguments {
    /// How an option takes its value.
    enum Kind {
        case flag
        case value(placeholder: String)
    }

    struct Option {
        let names: [String]
        let kind: Kind
        let help: String
        var repeatable = false

        /// The name values are stored under: the long form, so `-h` and `--help` are one option.
        var key: String { names.first { $0.hasPrefix("--") } ?? names[0] }
    }

    let command: String
    let options: [Option]
    private(set) var positionals: [String] = []
    /// What was given, by option key.
    private var given: [String: [String]] = [:]

    private func values(_ key: String) -> [String]? { given[key] }

    private mutating func add(_ value: String, to key: String) { given[key, default: []].append(value) }

    /// Parses `arguments` (without the command name) against `options`.
    init(command: String, options: [Option], arguments: [String]) throws(UsageError) {
        self.command = command
        self.options = options
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || !argument.hasPrefix("-") || argument == "-" {
                positionals.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositionals = true
                continue
            }
            var name = argument
            var inline: String?
            if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
                name = String(argument[..<equals])
                inline = String(argument[argument.index(after: equals)...])
            }
            guard let option = options.first(where: { $0.names.contains(name) }) else {
                let all = options.flatMap(\.names)
                let hint = Suggestion.nearest(to: name, among: all).map { " (did you mean \($0)?)" } ?? ""
                throw UsageError("unknown option \(name) for `assay \(command)`\(hint)")
            }
            let key = option.key
            switch option.kind {
            case .flag:
                if inline != nil { throw UsageError("\(name) takes no value") }
                add("true", to: key)
            case .value(let placeholder):
                let value: String
                if let inline {
                    value = inline
                } else {
                    guard index < arguments.count else { throw UsageError("\(name) needs a value (\(placeholder))") }
                    value = arguments[index]
                    index += 1
                }
                if !option.repeatable, values(key) != nil {
                    throw UsageError("\(name) was given twice")
                }
                add(value, to: key)
            }
        }
    }

    func flag(_ name: String) -> Bool { values(name) != nil }
    func count(_ name: String) -> Int { values(name)?.count ?? 0 }
    func value(_ name: String) -> String? { values(name)?.last }
    func all(_ name: String) -> [String] { values(name) ?? [] }

    /// An integer option within a range.
    func integer(_ name: String, in range: ClosedRange<Int>) throws(UsageError) -> Int? {
        guard let text = value(name) else { return nil }
        guard let number = Int(text), range.contains(number) else {
            throw UsageError(
                "\(name) expects a whole number from \(range.lowerBound) to \(range.upperBound), got \"\(text)\"")
        }
        return number
    }

    /// A duration option in milliseconds: "500ms", "2s", "1m", or a bare number of seconds as curl
    /// reads `--max-time 2`. Zero is refused: a limit of nothing would mean "no limit" to libcurl.
    func milliseconds(_ name: String) throws(UsageError) -> Int? {
        guard let text = value(name) else { return nil }
        switch DurationText.reading(text, bareUnit: .seconds) {
        case .milliseconds(0):
            throw UsageError("\(name) must be more than 0 (Assay has no \"no limit\"), got \"\(text)\"")
        case .milliseconds(let value): return value
        case .tooLong: throw UsageError("\(name) must be at most \(DurationText.limitDescription), got \"\(text)\"")
        case .invalid:
            throw UsageError("\(name) expects a duration such as 2 (seconds), 500ms, 2s or 1m, got \"\(text)\"")
        }
    }

    /// Renders the options for `--help`.
    static func helpText(_ options: [Option]) -> String {
        let rows = options.map { option -> (String, String) in
            var left = option.names.joined(separator: ", ")
            if case .value(let placeholder) = option.kind { left += " \(placeholder)" }
            return (left, option.help + (option.repeatable ? " (repeatable)" : ""))
        }
        let width = min(34, (rows.map(\.0.count).max() ?? 0) + 2)
        return rows.map { left, right in
            let padding =
                left.count < width
                ? String(repeating: " ", count: width - left.count) : "\n" + String(repeating: " ", count: width + 2)
            return "  " + left + padding + right
        }.joined(separator: "\n")
    }
}

/// A mistake on the command line: printed with a pointer to `--help`, exit code 2.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
