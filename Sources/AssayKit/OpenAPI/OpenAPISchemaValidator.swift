import Foundation

/// Checks a JSON value against a schema of an OpenAPI description (3.0 with `nullable`, or 3.1's
/// JSON Schema): a pure function from value and schema to violations, each with the JSON path in
/// the value and the location of the broken keyword in the spec.
///
/// The mode decides what undeclared members mean: `strict` reports them where
/// `additionalProperties` is false, `permissive` ignores them.
public struct OpenAPISchemaValidator: Sendable {
    public let spec: OpenAPISpec
    public let mode: PolicyMode
    /// Schemas where null is accepted too, though the description does not say so: where a
    /// service is known to send null (`allowNull` of the run's `openapi` setting).
    public var nullAllowed: Set<SourceLocation> = []
    /// Deepest nesting of schema steps (`$ref`, `allOf`, …) followed for one value, so a schema that
    /// refers to itself without consuming the value ends.
    public static let maxDepth = 128

    public init(spec: OpenAPISpec, mode: PolicyMode) {
        self.spec = spec
        self.mode = mode
    }

    /// Every violation of `schema` by `value`.
    public func validate(_ value: JSONValue, against schema: OpenAPINode) -> [OpenAPIViolation] {
        var violations: [OpenAPIViolation] = []
        check(value, schema, path: "$", depth: 0, into: &violations)
        return violations
    }

    /// Whether `value` satisfies `schema` (for `oneOf` and `anyOf`).
    func accepts(_ value: JSONValue, _ schema: OpenAPINode, depth: Int) -> Bool {
        var violations: [OpenAPIViolation] = []
        check(value, schema, path: "$", depth: depth, into: &violations)
        return violations.isEmpty
    }

    func check(
        _ value: JSONValue, _ raw: OpenAPINode, path: String, depth: Int, into violations: inout [OpenAPIViolation]
    ) {
        func fail(_ keyword: String, _ message: String, at node: OpenAPINode? = nil) {
            violations.append(
                OpenAPIViolation(path: path, keyword: keyword, message: message, schemaLocation: (node ?? raw).location)
            )
        }
        guard depth < Self.maxDepth else { return }
        let schema: OpenAPINode
        do {
            schema = try spec.resolver.resolve(raw)
        } catch {
            fail("$ref", error.message)
            return
        }
        if let flag = schema.bool {
            if !flag { fail("false", "no value is allowed here") }
            return
        }
        // `nullable` is 3.0's, but 3.1 documents still write it (OpenAI's does, 111 times) and mean it.
        if case .null = value, schema["nullable"]?.bool == true || nullAllowed.contains(raw.location) { return }
        if let type = schema["type"], !matchesType(value, type) {
            let expected = type.string ?? type.items.compactMap(\.string).joined(separator: " or ")
            fail("type", "expected \(Self.article(expected)), got \(Self.describe(value))", at: type)
            return
        }
        if let options = schema["enum"], !options.items.contains(where: { $0.node.value == value }) {
            let allowed = options.items.map { JSONWriter.compact($0.node.value) }.joined(separator: ", ")
            fail("enum", "expected one of \(allowed), got \(Self.describe(value))", at: options)
        }
        if let constant = schema["const"], constant.node.value != value {
            fail(
                "const", "expected \(JSONWriter.compact(constant.node.value)), got \(Self.describe(value))",
                at: constant)
        }
        checkComposition(value, schema, path: path, depth: depth, into: &violations)
        switch value {
        case .object(let object): checkObject(object, schema, path: path, depth: depth, into: &violations)
        case .array(let items): checkArray(items, schema, path: path, depth: depth, into: &violations)
        case .string(let text):
            checkString(text, schema, fail: fail)
            checkContent(text, schema, path: path, depth: depth, into: &violations)
        case .number(let number): checkNumber(number, schema, fail: fail)
        default: break
        }
    }

    private func matchesType(_ value: JSONValue, _ type: OpenAPINode) -> Bool {
        let names = type.string.map { [$0] } ?? type.items.compactMap(\.string)
        return names.contains { name in
            switch (name, value) {
            case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object),
                ("number", .number):
                true
            case ("integer", .number(let number)): number.integer != nil || number.double.rounded() == number.double
            default: false
            }
        }
    }

    /// A string holding JSON (`contentMediaType: application/json`) checked against its
    /// `contentSchema`, e.g. an SSE event's `data`.
    private func checkContent(
        _ text: String, _ schema: OpenAPINode, path: String, depth: Int, into violations: inout [OpenAPIViolation]
    ) {
        guard let content = schema["contentSchema"],
            let mediaType = schema["contentMediaType"]?.string, OpenAPIResponseValidator.isJSON(mediaType)
        else { return }
        do {
            check(
                try JSONParser.parseValue(text, file: "<content>"), content, path: path, depth: depth + 1,
                into: &violations)
        } catch {
            violations.append(
                OpenAPIViolation(
                    path: path, keyword: "contentMediaType", message: "expected JSON: \(error.message)",
                    schemaLocation: schema["contentMediaType"]?.location ?? content.location))
        }
    }

    private func checkObject(
        _ object: JSONObject, _ schema: OpenAPINode, path: String, depth: Int, into violations: inout [OpenAPIViolation]
    ) {
        let properties = schema["properties"]
        if let required = schema["required"] {
            for name in required.items.compactMap(\.string) where object[name] == nil {
                violations.append(
                    OpenAPIViolation(
                        path: Self.append(name, to: path), keyword: "required", message: "required member is missing",
                        schemaLocation: required.location))
            }
        }
        let additional = schema["additionalProperties"]
        for (key, member) in object {
            let memberPath = Self.append(key, to: path)
            if let property = properties?[key] {
                check(member, property, path: memberPath, depth: depth + 1, into: &violations)
            } else if let additional {
                if additional.bool == false {
                    if mode == .strict {
                        violations.append(
                            OpenAPIViolation(
                                path: memberPath, keyword: "additionalProperties",
                                message: "member `\(key)` is not declared", schemaLocation: additional.location))
                    }
                } else if additional.bool == nil {
                    check(member, additional, path: memberPath, depth: depth + 1, into: &violations)
                }
            }
        }
        for (keyword, limit, count) in [("minProperties", 1, object.count), ("maxProperties", -1, object.count)] {
            guard let bound = schema[keyword]?.number?.integer else { continue }
            if (limit > 0 && count < bound) || (limit < 0 && count > bound) {
                violations.append(
                    OpenAPIViolation(
                        path: path, keyword: keyword, message: "has \(count) member(s), \(keyword) is \(bound)",
                        schemaLocation: schema[keyword]!.location))
            }
        }
    }

    private func checkArray(
        _ items: [JSONValue], _ schema: OpenAPINode, path: String, depth: Int, into violations: inout [OpenAPIViolation]
    ) {
        let prefix = schema["prefixItems"]?.items ?? []
        for (index, item) in items.enumerated() {
            let itemPath = path + "[\(index)]"
            if index < prefix.count {
                check(item, prefix[index], path: itemPath, depth: depth + 1, into: &violations)
            } else if let itemSchema = schema["items"], itemSchema.bool == nil {
                check(item, itemSchema, path: itemPath, depth: depth + 1, into: &violations)
            } else if schema["items"]?.bool == false {
                violations.append(
                    OpenAPIViolation(
                        path: itemPath, keyword: "items",
                        message: "no item is allowed past the \(prefix.count) declared",
                        schemaLocation: schema["items"]!.location))
            }
        }
        if let minimum = schema["minItems"], let bound = minimum.number?.integer, items.count < bound {
            violations.append(
                OpenAPIViolation(
                    path: path, keyword: "minItems", message: "has \(items.count) item(s), fewer than \(bound)",
                    schemaLocation: minimum.location))
        }
        if let maximum = schema["maxItems"], let bound = maximum.number?.integer, items.count > bound {
            violations.append(
                OpenAPIViolation(
                    path: path, keyword: "maxItems", message: "has \(items.count) item(s), more than \(bound)",
                    schemaLocation: maximum.location))
        }
    }

    private func checkString(_ text: String, _ schema: OpenAPINode, fail: (String, String, OpenAPINode?) -> Void) {
        let length = text.unicodeScalars.count
        if let minimum = schema["minLength"], let bound = minimum.number?.integer, length < bound {
            fail("minLength", "is \(length) character(s) long, shorter than \(bound)", minimum)
        }
        if let maximum = schema["maxLength"], let bound = maximum.number?.integer, length > bound {
            fail("maxLength", "is \(length) character(s) long, longer than \(bound)", maximum)
        }
        if let pattern = schema["pattern"], let source = pattern.string {
            if let regex = OpenAPIPatternCache.shared.regex(source) {
                let range = NSRange(text.startIndex..., in: text)
                if regex.firstMatch(in: text, range: range) == nil {
                    fail("pattern", "\(JSONWriter.quote(text)) does not match /\(source)/", pattern)
                }
            } else {
                fail("pattern", "the schema's pattern /\(source)/ is not a valid regular expression", pattern)
            }
        }
        if let format = schema["format"], let name = format.string, !OpenAPIFormats.accepts(text, format: name) {
            fail("format", "\(JSONWriter.quote(text)) is not a valid \(name)", format)
        }
    }

    private func checkNumber(_ number: JSONNumber, _ schema: OpenAPINode, fail: (String, String, OpenAPINode?) -> Void)
    {
        let value = number.double
        if let minimum = schema["minimum"], let bound = minimum.number?.double {
            let exclusive = schema["exclusiveMinimum"]?.bool == true
            if value < bound || (exclusive && value == bound) {
                fail(
                    "minimum",
                    "\(number) is less than \(exclusive ? "or equal to " : "")the minimum \(bound.cleanText)", minimum)
            }
        }
        if let minimum = schema["exclusiveMinimum"], let bound = minimum.number?.double, value <= bound {
            fail("exclusiveMinimum", "\(number) is not greater than \(bound.cleanText)", minimum)
        }
        if let maximum = schema["maximum"], let bound = maximum.number?.double {
            let exclusive = schema["exclusiveMaximum"]?.bool == true
            if value > bound || (exclusive && value == bound) {
                fail(
                    "maximum",
                    "\(number) is greater than \(exclusive ? "or equal to " : "")the maximum \(bound.cleanText)",
                    maximum)
            }
        }
        if let maximum = schema["exclusiveMaximum"], let bound = maximum.number?.double, value >= bound {
            fail("exclusiveMaximum", "\(number) is not less than \(bound.cleanText)", maximum)
        }
        if let format = schema["format"], let name = format.string, !OpenAPIFormats.accepts(number, format: name) {
            fail("format", "\(number) does not fit \(name)", format)
        }
    }

    static func append(_ key: String, to path: String) -> String {
        let plain =
            !key.isEmpty
            && key.utf8.allSatisfy {
                $0 == UInt8(ascii: "_") || (0x30...0x39).contains($0) || (0x41...0x5A).contains($0)
                    || (0x61...0x7A).contains($0)
            }
        return plain ? path + "." + key : path + "[" + JSONWriter.quote(key) + "]"
    }

    static func describe(_ value: JSONValue) -> String {
        let text = JSONWriter.compact(value)
        return text.count > 60 ? "\(value.typeName) " + String(text.prefix(57)) + "…" : text
    }

    static func article(_ type: String) -> String {
        let vowel = type.first.map { "aeiou".contains($0) } ?? false
        return (vowel ? "an " : "a ") + type
    }
}

extension Double {
    /// `5` rather than `5.0` in messages.
    var cleanText: String { rounded() == self && abs(self) < 1e15 ? String(Int64(self)) : String(self) }
}
