/// A JSONPath syntax error: what was expected, and where (a count of Unicode scalars into the query).
public struct JSONPathSyntaxError: Error, Sendable, CustomStringConvertible {
    public var offset: Int
    public var message: String
    public var description: String { "column \(offset + 1) of the query: \(message)" }
}

extension JSONPathQuery {
    /// Parses an RFC 9535 query; a syntax error says what was expected at which character.
    public init(parsing text: String) throws(JSONPathSyntaxError) {
        var parser = JSONPathParser(text)
        self.init(text: text, segments: try parser.query())
    }
}

/// Recursive descent over RFC 9535's grammar, one Unicode scalar at a time.
struct JSONPathParser {
    /// Filters nest through parentheses, `!` and function calls; a suite is parsed on the main
    /// thread, so a hostile query gets an error here instead of exhausting its stack.
    static let maximumNesting = 64
    /// I-JSON's exact integer range, which RFC 9535 requires of indices and slice bounds.
    static let integerLimit = 9_007_199_254_740_991

    private let scalars: [Unicode.Scalar]
    private var position = 0
    private var nesting = 0

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    private var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    private func error(_ message: String, at offset: Int? = nil) -> JSONPathSyntaxError {
        JSONPathSyntaxError(offset: offset ?? position, message: message)
    }

    private var found: String {
        guard let current else { return "the end of the query" }
        return current.properties.generalCategory == .control
            ? "U+" + String(current.value, radix: 16, uppercase: true) : "`\(Character(current))`"
    }

    private func peek(_ text: String) -> Bool {
        var index = position
        for scalar in text.unicodeScalars {
            guard index < scalars.count, scalars[index] == scalar else { return false }
            index += 1
        }
        return true
    }

    private mutating func take(_ text: String) -> Bool {
        guard peek(text) else { return false }
        position += text.unicodeScalars.count
        return true
    }

    private mutating func expect(_ text: String, _ what: String) throws(JSONPathSyntaxError) {
        guard take(text) else { throw error("expected \(what), found \(found)") }
    }

    private mutating func skipBlanks() {
        while let current, current == " " || current == "\t" || current == "\n" || current == "\r" { position += 1 }
    }

    mutating func query() throws(JSONPathSyntaxError) -> [JSONPathQuery.Segment] {
        guard take("$") else { throw error("expected the query to start with `$`, found \(found)") }
        let segments = try self.segments()
        guard current == nil else { throw error("expected `.`, `..` or `[` to continue the query, found \(found)") }
        return segments
    }

    private mutating func segments() throws(JSONPathSyntaxError) -> [JSONPathQuery.Segment] {
        var segments: [JSONPathQuery.Segment] = []
        while true {
            let start = position
            skipBlanks()
            if take("..") {
                if take("*") {
                    segments.append(.init(isDescendant: true, selectors: [.wildcard]))
                } else if current == "[" {
                    segments.append(.init(isDescendant: true, selectors: try bracketed()))
                } else if let name = try memberName() {
                    segments.append(.init(isDescendant: true, selectors: [.name(name)]))
                } else {
                    throw error("expected a member name, `*` or `[` after `..`, found \(found)")
                }
            } else if take(".") {
                if take("*") {
                    segments.append(.init(isDescendant: false, selectors: [.wildcard]))
                } else if let name = try memberName() {
                    segments.append(.init(isDescendant: false, selectors: [.name(name)]))
                } else {
                    throw error("expected a member name or `*` after `.`, found \(found)")
                }
            } else if current == "[" {
                segments.append(.init(isDescendant: false, selectors: try bracketed()))
            } else {
                position = start
                return segments
            }
        }
    }

    /// A shorthand name: a letter, `_` or non-ASCII, then those or digits.
    private mutating func memberName() throws(JSONPathSyntaxError) -> String? {
        func isFirst(_ scalar: Unicode.Scalar) -> Bool {
            (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value) || scalar == "_"
                || (0x80...0xD7FF).contains(scalar.value) || (0xE000...0x10FFFF).contains(scalar.value)
        }
        guard let first = current, isFirst(first) else { return nil }
        var name = String.UnicodeScalarView()
        while let scalar = current, isFirst(scalar) || (0x30...0x39).contains(scalar.value) {
            name.append(scalar)
            position += 1
        }
        return String(name)
    }

    private mutating func bracketed() throws(JSONPathSyntaxError) -> [JSONPathQuery.Selector] {
        try expect("[", "`[`")
        var selectors: [JSONPathQuery.Selector] = []
        repeat {
            skipBlanks()
            selectors.append(try selector())
            skipBlanks()
        } while take(",")
        try expect("]", "`,` or `]`")
        return selectors
    }

    private mutating func selector() throws(JSONPathSyntaxError) -> JSONPathQuery.Selector {
        if current == "'" || current == "\"" { return .name(try stringLiteral()) }
        if take("*") { return .wildcard }
        if take("?") {
            skipBlanks()
            return .filter(try logicalOr())
        }
        if current == "-" || current == ":" || current.map({ (0x30...0x39).contains($0.value) }) == true {
            let start = current == ":" ? nil : try integer()
            skipBlanks()
            guard take(":") else {
                guard let start else { throw error("expected an index") }
                return .index(start)
            }
            skipBlanks()
            let end = current == "-" || current.map({ (0x30...0x39).contains($0.value) }) == true ? try integer() : nil
            skipBlanks()
            var step = 1
            if take(":") {
                skipBlanks()
                if current == "-" || current.map({ (0x30...0x39).contains($0.value) }) == true { step = try integer() }
            }
            return .slice(start: start, end: end, step: step)
        }
        throw error("expected a selector (a quoted name, `*`, an index, a slice or `?filter`), found \(found)")
    }

    /// An integer without leading zeros, within ±(2^53 − 1).
    private mutating func integer() throws(JSONPathSyntaxError) -> Int {
        let start = position
        let negative = take("-")
        var digits = ""
        while let scalar = current, (0x30...0x39).contains(scalar.value) {
            digits.unicodeScalars.append(scalar)
            position += 1
        }
        guard !digits.isEmpty else { throw error("expected a digit, found \(found)") }
        if digits.count > 1 && digits.hasPrefix("0") || negative && digits == "0" {
            throw error("expected an integer without leading zeros or `-0`", at: start)
        }
        guard digits.count <= 16, let value = Int(digits), value <= Self.integerLimit else {
            throw error("expected an integer between -\(Self.integerLimit) and \(Self.integerLimit)", at: start)
        }
        return negative ? -value : value
    }

    /// A single- or double-quoted string with JSON's escapes (and `\'` in single quotes).
    private mutating func stringLiteral() throws(JSONPathSyntaxError) -> String {
        guard let quote = current else { throw error("expected a string") }
        position += 1
        var text = String.UnicodeScalarView()
        while true {
            guard let scalar = current else { throw error("expected a closing \(quote == "'" ? "'" : "\"")") }
            position += 1
            if scalar == quote { return String(text) }
            if scalar.value < 0x20 {
                throw error("expected an escape such as `\\n` instead of a control character", at: position - 1)
            }
            guard scalar == "\\" else {
                text.append(scalar)
                continue
            }
            guard let escaped = current else { throw error("expected an escape after `\\`") }
            position += 1
            switch escaped {
            case "b": text.append("\u{08}")
            case "f": text.append("\u{0C}")
            case "n": text.append("\n")
            case "r": text.append("\r")
            case "t": text.append("\t")
            case "/", "\\": text.append(escaped)
            case "'" where quote == "'", "\"" where quote == "\"": text.append(escaped)
            case "u": text.append(try unicodeEscape())
            default:
                throw error(
                    "expected a valid escape (\\b \\f \\n \\r \\t \\/ \\\\ \\uXXXX or the quote)", at: position - 2)
            }
        }
    }

    private mutating func unicodeEscape() throws(JSONPathSyntaxError) -> Unicode.Scalar {
        let start = position - 2
        func hex(_ parser: inout JSONPathParser) throws(JSONPathSyntaxError) -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let scalar = parser.current, let digit = Character(scalar).hexDigitValue else {
                    throw parser.error("expected four hex digits after `\\u`")
                }
                value = value * 16 + UInt32(digit)
                parser.position += 1
            }
            return value
        }
        let high = try hex(&self)
        if (0xD800...0xDBFF).contains(high) {
            guard take("\\u") else {
                throw error("expected a low surrogate `\\uDC00`…`\\uDFFF` after a high one", at: start)
            }
            let low = try hex(&self)
            guard (0xDC00...0xDFFF).contains(low),
                let scalar = Unicode.Scalar(0x10000 + (high - 0xD800) << 10 + (low - 0xDC00))
            else { throw error("expected a low surrogate `\\uDC00`…`\\uDFFF` after a high one", at: start) }
            return scalar
        }
        guard let scalar = Unicode.Scalar(high) else {
            throw error("expected a high surrogate before a low one", at: start)
        }
        return scalar
    }

    // MARK: Filters

    private mutating func nested<T>(_ body: (inout JSONPathParser) throws(JSONPathSyntaxError) -> T)
        throws(JSONPathSyntaxError) -> T
    {
        nesting += 1
        defer { nesting -= 1 }
        guard nesting <= Self.maximumNesting else {
            throw error("the filter nests deeper than \(Self.maximumNesting) levels")
        }
        return try body(&self)
    }

    private mutating func logicalOr() throws(JSONPathSyntaxError) -> FilterExpression {
        var parts = [try logicalAnd()]
        while true {
            skipBlanks()
            guard take("||") else { break }
            skipBlanks()
            parts.append(try logicalAnd())
        }
        return parts.count == 1 ? parts[0] : .or(parts)
    }

    private mutating func logicalAnd() throws(JSONPathSyntaxError) -> FilterExpression {
        var parts = [try basic()]
        while true {
            let start = position
            skipBlanks()
            guard take("&&") else {
                position = start
                break
            }
            skipBlanks()
            parts.append(try basic())
        }
        return parts.count == 1 ? parts[0] : .and(parts)
    }

    private mutating func basic() throws(JSONPathSyntaxError) -> FilterExpression {
        if take("!") {
            skipBlanks()
            if take("(") {
                return .not(try parenthesized())
            }
            let start = position
            switch try operand() {
            case .query(let query): return .not(.exists(query))
            case .function(let function) where !function.returnsValue: return .not(.function(function))
            default: throw error("expected a query or match()/search() after `!`", at: start)
            }
        }
        if take("(") { return try parenthesized() }
        let start = position
        let left = try operand()
        let afterLeft = position
        skipBlanks()
        for op in ComparisonOperator.allCases where take(op.rawValue) {
            try requireComparable(left, at: start)
            skipBlanks()
            let rightStart = position
            let right = try operand()
            try requireComparable(right, at: rightStart)
            return .comparison(left, op, right)
        }
        position = afterLeft
        switch left {
        case .query(let query): return .exists(query)
        case .function(let function) where !function.returnsValue: return .function(function)
        case .function: throw error("expected a comparison after a function that returns a value", at: position)
        case .literal:
            throw error("expected a comparison operator (==, !=, <, <=, >, >=) after the literal, found \(found)")
        }
    }

    private mutating func parenthesized() throws(JSONPathSyntaxError) -> FilterExpression {
        try nested { (parser: inout JSONPathParser) throws(JSONPathSyntaxError) -> FilterExpression in
            parser.skipBlanks()
            let inner = try parser.logicalOr()
            parser.skipBlanks()
            try parser.expect(")", "`)`")
            return inner
        }
    }

    private func requireComparable(_ operand: FilterOperand, at offset: Int) throws(JSONPathSyntaxError) {
        switch operand {
        case .query(let query) where !query.isSingular:
            throw error("expected a singular query (names and indices only) in a comparison", at: offset)
        case .function(let function) where !function.returnsValue:
            throw error("match() and search() return a logical result and cannot be compared", at: offset)
        default: break
        }
    }

    private mutating func operand() throws(JSONPathSyntaxError) -> FilterOperand {
        guard let scalar = current else {
            throw error("expected a query, a literal or a function, found the end of the query")
        }
        switch scalar {
        case "@", "$":
            position += 1
            return .query(FilterQuery(isRelative: scalar == "@", segments: try segments()))
        case "'", "\"": return .literal(.string(try stringLiteral()))
        case "-", "0"..."9": return .literal(.number(try numberLiteral()))
        default:
            if take("true") { return .literal(.bool(true)) }
            if take("false") { return .literal(.bool(false)) }
            if take("null") { return .literal(.null) }
            if (0x61...0x7A).contains(scalar.value) { return .function(try function()) }
            throw error("expected a query (`@…`, `$…`), a literal or a function, found \(found)")
        }
    }

    private mutating func numberLiteral() throws(JSONPathSyntaxError) -> JSONNumber {
        let start = position
        var text = ""
        func digits(_ parser: inout JSONPathParser, into text: inout String) -> Int {
            var count = 0
            while let scalar = parser.current, (0x30...0x39).contains(scalar.value) {
                text.unicodeScalars.append(scalar)
                parser.position += 1
                count += 1
            }
            return count
        }
        if take("-") { text = "-" }
        let firstDigit = current
        let integerDigits = digits(&self, into: &text)
        guard integerDigits > 0 else { throw error("expected a digit, found \(found)") }
        if integerDigits > 1 && firstDigit == "0" { throw error("expected a number without leading zeros", at: start) }
        if take(".") {
            text += "."
            guard digits(&self, into: &text) > 0 else { throw error("expected a digit after `.`, found \(found)") }
        }
        if current == "e" || current == "E" {
            position += 1
            text += "e"
            if take("-") { text += "-" } else if take("+") { text += "+" }
            guard digits(&self, into: &text) > 0 else {
                throw error("expected a digit in the exponent, found \(found)")
            }
        }
        return JSONNumber(text: text)
    }

    private mutating func function() throws(JSONPathSyntaxError) -> FilterFunction {
        let start = position
        var name = ""
        while let scalar = current,
            (0x61...0x7A).contains(scalar.value) || (0x30...0x39).contains(scalar.value) || scalar == "_"
        {
            name.unicodeScalars.append(scalar)
            position += 1
        }
        let known = ["length", "count", "match", "search", "value"]
        guard known.contains(name) else {
            throw error("unknown function `\(name)`; expected one of \(known.joined(separator: ", "))", at: start)
        }
        guard take("(") else { throw error("expected `(` after `\(name)`, found \(found)") }
        return try nested { (parser: inout JSONPathParser) throws(JSONPathSyntaxError) -> FilterFunction in
            var arguments: [(FilterOperand, Int)] = []
            parser.skipBlanks()
            repeat {
                parser.skipBlanks()
                let at = parser.position
                arguments.append((try parser.operand(), at))
                parser.skipBlanks()
            } while parser.take(",")
            try parser.expect(")", "`,` or `)`")
            let arity = name == "match" || name == "search" ? 2 : 1
            guard arguments.count == arity else {
                throw parser.error(
                    "`\(name)` takes \(arity) argument\(arity == 1 ? "" : "s"), found \(arguments.count)", at: start)
            }
            func query(_ index: Int) throws(JSONPathSyntaxError) -> FilterQuery {
                guard case .query(let query) = arguments[index].0 else {
                    throw parser.error("`\(name)` takes a query", at: arguments[index].1)
                }
                return query
            }
            func value(_ index: Int) throws(JSONPathSyntaxError) -> FilterOperand {
                try parser.requireComparable(arguments[index].0, at: arguments[index].1)
                return arguments[index].0
            }
            switch name {
            case "length": return .length(try value(0))
            case "count": return .count(try query(0))
            case "value": return .value(try query(0))
            case "match": return .match(try value(0), try value(1))
            default: return .search(try value(0), try value(1))
            }
        }
    }
}
