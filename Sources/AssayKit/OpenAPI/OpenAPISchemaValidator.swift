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
        var walk = OpenAPISchemaWalk()
        check(value, schema, depth: 0, walk: &walk)
        return walk.violations
    }

    /// Whether `value` satisfies `schema` (for `oneOf` and `anyOf`): a quiet walk, which builds
    /// no message and stops at the first failure.
    func accepts(_ value: JSONValue, _ schema: OpenAPINode, depth: Int) -> Bool {
        var walk = OpenAPISchemaWalk(quiet: true)
        check(value, schema, depth: depth, walk: &walk)
        return walk.failures == 0
    }

    func check(_ value: JSONValue, _ raw: OpenAPINode, depth: Int, walk: inout OpenAPISchemaWalk) {
        guard depth < Self.maxDepth, !walk.isDone else { return }
        let schema: OpenAPINode
        do {
            schema = try spec.resolver.resolve(raw)
        } catch {
            walk.fail("$ref", error.message, at: raw.location)
            return
        }
        if let flag = schema.bool {
            if !flag { walk.fail("false", "no value is allowed here", at: raw.location) }
            return
        }
        // `nullable` is 3.0's, but 3.1 documents still write it (OpenAI's does, 111 times) and mean it.
        if case .null = value, schema["nullable"]?.bool == true || nullAllowed.contains(raw.location) { return }
        if let type = schema["type"], !matchesType(value, type) {
            walk.fail(
                "type",
                "expected \(Self.article(type.string ?? type.items.compactMap(\.string).joined(separator: " or "))), got \(Self.describe(value))",
                at: type.location)
            return
        }
        if let options = schema["enum"], !options.items.contains(where: { $0.node.value == value }) {
            walk.fail(
                "enum",
                "expected one of \(options.items.map { JSONWriter.compact($0.node.value) }.joined(separator: ", ")), got \(Self.describe(value))",
                at: options.location)
        }
        if let constant = schema["const"], constant.node.value != value {
            walk.fail(
                "const", "expected \(JSONWriter.compact(constant.node.value)), got \(Self.describe(value))",
                at: constant.location)
        }
        checkComposition(value, schema, depth: depth, walk: &walk)
        switch value {
        case .object(let object): checkObject(object, schema, depth: depth, walk: &walk)
        case .array(let items): checkArray(items, schema, depth: depth, walk: &walk)
        case .string(let text):
            checkString(text, schema, walk: &walk)
            checkContent(text, schema, depth: depth, walk: &walk)
        case .number(let number): checkNumber(number, schema, walk: &walk)
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
    private func checkContent(_ text: String, _ schema: OpenAPINode, depth: Int, walk: inout OpenAPISchemaWalk) {
        guard let content = schema["contentSchema"],
            let mediaType = schema["contentMediaType"]?.string, OpenAPIResponseValidator.isJSON(mediaType)
        else { return }
        do {
            check(try JSONParser.parseValue(text, file: "<content>"), content, depth: depth + 1, walk: &walk)
        } catch {
            walk.fail(
                "contentMediaType", "expected JSON: \(error.message)",
                at: schema["contentMediaType"]?.location ?? content.location)
        }
    }

    private func checkObject(_ object: JSONObject, _ schema: OpenAPINode, depth: Int, walk: inout OpenAPISchemaWalk) {
        let properties = schema["properties"]
        if let required = schema["required"] {
            for name in required.items.compactMap(\.string) where object[name] == nil {
                walk.fail(member: name, "required", "required member is missing", at: required.location)
            }
        }
        let additional = schema["additionalProperties"]
        for (key, member) in object {
            if walk.isDone { return }
            if let property = properties?[key] {
                walk.enter(.member(key))
                check(member, property, depth: depth + 1, walk: &walk)
                walk.leave()
            } else if let additional {
                if additional.bool == false {
                    if mode == .strict {
                        walk.fail(
                            member: key, "additionalProperties", "member `\(key)` is not declared",
                            at: additional.location)
                    }
                } else if additional.bool == nil {
                    walk.enter(.member(key))
                    check(member, additional, depth: depth + 1, walk: &walk)
                    walk.leave()
                }
            }
        }
        if let minimum = schema["minProperties"], let bound = minimum.number?.integer, object.count < bound {
            walk.fail(
                "minProperties", "has \(object.count) member(s), minProperties is \(bound)", at: minimum.location)
        }
        if let maximum = schema["maxProperties"], let bound = maximum.number?.integer, object.count > bound {
            walk.fail(
                "maxProperties", "has \(object.count) member(s), maxProperties is \(bound)", at: maximum.location)
        }
    }

    private func checkArray(_ items: [JSONValue], _ schema: OpenAPINode, depth: Int, walk: inout OpenAPISchemaWalk) {
        let prefix = schema["prefixItems"]?.items ?? []
        let itemSchema = schema["items"]
        for (index, item) in items.enumerated() {
            if walk.isDone { return }
            walk.enter(.index(index))
            if index < prefix.count {
                check(item, prefix[index], depth: depth + 1, walk: &walk)
            } else if let itemSchema, itemSchema.bool == nil {
                check(item, itemSchema, depth: depth + 1, walk: &walk)
            } else if let itemSchema, itemSchema.bool == false {
                walk.fail("items", "no item is allowed past the \(prefix.count) declared", at: itemSchema.location)
            }
            walk.leave()
        }
        if let minimum = schema["minItems"], let bound = minimum.number?.integer, items.count < bound {
            walk.fail("minItems", "has \(items.count) item(s), fewer than \(bound)", at: minimum.location)
        }
        if let maximum = schema["maxItems"], let bound = maximum.number?.integer, items.count > bound {
            walk.fail("maxItems", "has \(items.count) item(s), more than \(bound)", at: maximum.location)
        }
    }

    private func checkString(_ text: String, _ schema: OpenAPINode, walk: inout OpenAPISchemaWalk) {
        if let minimum = schema["minLength"], let bound = minimum.number?.integer {
            let length = text.unicodeScalars.count
            if length < bound {
                walk.fail("minLength", "is \(length) character(s) long, shorter than \(bound)", at: minimum.location)
            }
        }
        if let maximum = schema["maxLength"], let bound = maximum.number?.integer {
            let length = text.unicodeScalars.count
            if length > bound {
                walk.fail("maxLength", "is \(length) character(s) long, longer than \(bound)", at: maximum.location)
            }
        }
        if let pattern = schema["pattern"], let source = pattern.string {
            if let regex = OpenAPIPatternCache.shared.regex(source) {
                let range = NSRange(text.startIndex..., in: text)
                if regex.firstMatch(in: text, range: range) == nil {
                    walk.fail("pattern", "\(JSONWriter.quote(text)) does not match /\(source)/", at: pattern.location)
                }
            } else {
                walk.fail(
                    "pattern", "the schema's pattern /\(source)/ is not a valid regular expression",
                    at: pattern.location)
            }
        }
        if let format = schema["format"], let name = format.string, !OpenAPIFormats.accepts(text, format: name) {
            walk.fail("format", "\(JSONWriter.quote(text)) is not a valid \(name)", at: format.location)
        }
    }

    private func checkNumber(_ number: JSONNumber, _ schema: OpenAPINode, walk: inout OpenAPISchemaWalk) {
        let value = number.double
        if let minimum = schema["minimum"], let bound = minimum.number?.double {
            let exclusive = schema["exclusiveMinimum"]?.bool == true
            if value < bound || (exclusive && value == bound) {
                walk.fail(
                    "minimum",
                    "\(number) is less than \(exclusive ? "or equal to " : "")the minimum \(bound.cleanText)",
                    at: minimum.location)
            }
        }
        if let minimum = schema["exclusiveMinimum"], let bound = minimum.number?.double, value <= bound {
            walk.fail("exclusiveMinimum", "\(number) is not greater than \(bound.cleanText)", at: minimum.location)
        }
        if let maximum = schema["maximum"], let bound = maximum.number?.double {
            let exclusive = schema["exclusiveMaximum"]?.bool == true
            if value > bound || (exclusive && value == bound) {
                walk.fail(
                    "maximum",
                    "\(number) is greater than \(exclusive ? "or equal to " : "")the maximum \(bound.cleanText)",
                    at: maximum.location)
            }
        }
        if let maximum = schema["exclusiveMaximum"], let bound = maximum.number?.double, value >= bound {
            walk.fail("exclusiveMaximum", "\(number) is not less than \(bound.cleanText)", at: maximum.location)
        }
        if let format = schema["format"], let name = format.string, !OpenAPIFormats.accepts(number, format: name) {
            walk.fail("format", "\(number) does not fit \(name)", at: format.location)
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
