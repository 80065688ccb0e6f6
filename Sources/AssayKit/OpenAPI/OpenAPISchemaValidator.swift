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
    public let nullAllowed: Set<SourceLocation>
    /// Each schema's keywords, read once for the run (see `OpenAPICompiledSchema`).
    let compiler: OpenAPISchemaCompiler
    /// Deepest nesting of schema steps (`allOf`, items, …) followed for one value, so a schema that
    /// refers to itself without consuming the value ends.
    public static let maxDepth = 128

    public init(spec: OpenAPISpec, mode: PolicyMode, nullAllowed: Set<SourceLocation> = []) {
        self.spec = spec
        self.mode = mode
        self.nullAllowed = nullAllowed
        compiler = OpenAPISchemaCompiler(spec: spec, nullAllowed: nullAllowed)
    }

    /// Every violation of `schema` by `value`.
    public func validate(_ value: JSONValue, against schema: OpenAPINode) -> [OpenAPIViolation] {
        validate(value, against: compiler.schema(schema))
    }

    /// Every violation of a compiled schema by `value`.
    func validate(_ value: JSONValue, against schema: OpenAPICompiledSchema) -> [OpenAPIViolation] {
        var walk = OpenAPISchemaWalk()
        check(value, schema, depth: 0, walk: &walk)
        return walk.violations
    }

    /// The compiled form of `schema`, for callers that validate against it many times.
    func compiled(_ schema: OpenAPINode) -> OpenAPICompiledSchema { compiler.schema(schema) }

    /// Whether `value` satisfies `schema` (for `oneOf` and `anyOf`): a quiet walk, which builds
    /// no message and stops at the first failure.
    func accepts(_ value: JSONValue, _ schema: OpenAPICompiledSchema, depth: Int) -> Bool {
        var walk = OpenAPISchemaWalk(quiet: true)
        check(value, schema, depth: depth, walk: &walk)
        return walk.failures == 0
    }

    func check(_ value: JSONValue, _ schema: OpenAPICompiledSchema, depth: Int, walk: inout OpenAPISchemaWalk) {
        guard depth < Self.maxDepth, !walk.isDone else { return }
        if let problem = schema.brokenReference {
            walk.fail("$ref", problem, at: schema.location)
            return
        }
        if let flag = schema.boolean {
            if !flag { walk.fail("false", "no value is allowed here", at: schema.location) }
            return
        }
        if case .null = value, schema.nullable { return }
        // The target of a `$ref` is not one step deeper: resolving never consumes the value, and a
        // target is never a reference itself, so this cannot go round.
        if let target = schema.reference { check(value, target, depth: depth, walk: &walk) }
        if let type = schema.type, !type.allowed.admits(value) {
            walk.fail("type", "expected \(type.expected), got \(Self.describe(value))", at: type.location)
            return
        }
        if let options = schema.enumeration, !options.values.contains(value) {
            walk.fail(
                "enum",
                "expected one of \(options.values.map { JSONWriter.compact($0) }.joined(separator: ", ")), got \(Self.describe(value))",
                at: options.location)
        }
        if let constant = schema.constant, constant.value != value {
            walk.fail(
                "const", "expected \(JSONWriter.compact(constant.value)), got \(Self.describe(value))",
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

    /// A string holding JSON (`contentMediaType: application/json`) checked against its
    /// `contentSchema`, e.g. an SSE event's `data`.
    private func checkContent(
        _ text: String, _ schema: OpenAPICompiledSchema, depth: Int, walk: inout OpenAPISchemaWalk
    ) {
        guard let content = schema.content else { return }
        do {
            check(try JSONParser.parseValue(text, file: "<content>"), content.schema, depth: depth + 1, walk: &walk)
        } catch {
            walk.fail("contentMediaType", "expected JSON: \(error.message)", at: content.location)
        }
    }

    private func checkObject(
        _ object: JSONObject, _ schema: OpenAPICompiledSchema, depth: Int, walk: inout OpenAPISchemaWalk
    ) {
        if let required = schema.required {
            for name in required.names where object[name] == nil {
                walk.fail(member: name, "required", "required member is missing", at: required.location)
            }
        }
        // A `$ref` with nothing beside it constrains no member: its target checks them.
        if schema.constrainsMembers {
            for (key, member) in object {
                if walk.isDone { return }
                if let property = schema.properties[key] {
                    walk.enter(.member(key))
                    check(member, property, depth: depth + 1, walk: &walk)
                    walk.leave()
                    continue
                }
                switch schema.additionalProperties {
                case .unconstrained: break
                case .forbidden(let location):
                    if mode == .strict {
                        walk.fail(member: key, "additionalProperties", "member `\(key)` is not declared", at: location)
                    }
                case .schema(let additional):
                    walk.enter(.member(key))
                    check(member, additional, depth: depth + 1, walk: &walk)
                    walk.leave()
                }
            }
        }
        if let minimum = schema.minProperties, object.count < minimum.value {
            walk.fail(
                "minProperties", "has \(object.count) member(s), minProperties is \(minimum.value)",
                at: minimum.location)
        }
        if let maximum = schema.maxProperties, object.count > maximum.value {
            walk.fail(
                "maxProperties", "has \(object.count) member(s), maxProperties is \(maximum.value)",
                at: maximum.location)
        }
    }

    private func checkArray(
        _ items: [JSONValue], _ schema: OpenAPICompiledSchema, depth: Int, walk: inout OpenAPISchemaWalk
    ) {
        let prefix = schema.prefixItems
        for (index, item) in items.enumerated() {
            if walk.isDone { return }
            walk.enter(.index(index))
            if index < prefix.count {
                check(item, prefix[index], depth: depth + 1, walk: &walk)
            } else {
                switch schema.items {
                case .unconstrained: break
                case .schema(let itemSchema): check(item, itemSchema, depth: depth + 1, walk: &walk)
                case .forbidden(let location):
                    walk.fail("items", "no item is allowed past the \(prefix.count) declared", at: location)
                }
            }
            walk.leave()
        }
        if let minimum = schema.minItems, items.count < minimum.value {
            walk.fail("minItems", "has \(items.count) item(s), fewer than \(minimum.value)", at: minimum.location)
        }
        if let maximum = schema.maxItems, items.count > maximum.value {
            walk.fail("maxItems", "has \(items.count) item(s), more than \(maximum.value)", at: maximum.location)
        }
    }

    private func checkString(_ text: String, _ schema: OpenAPICompiledSchema, walk: inout OpenAPISchemaWalk) {
        if let minimum = schema.minLength {
            let length = text.unicodeScalars.count
            if length < minimum.value {
                walk.fail(
                    "minLength", "is \(length) character(s) long, shorter than \(minimum.value)", at: minimum.location)
            }
        }
        if let maximum = schema.maxLength {
            let length = text.unicodeScalars.count
            if length > maximum.value {
                walk.fail(
                    "maxLength", "is \(length) character(s) long, longer than \(maximum.value)", at: maximum.location)
            }
        }
        if let pattern = schema.pattern {
            if let regex = pattern.regex {
                let range = NSRange(text.startIndex..., in: text)
                if regex.firstMatch(in: text, range: range) == nil {
                    walk.fail(
                        "pattern", "\(JSONWriter.quote(text)) does not match /\(pattern.source)/", at: pattern.location)
                }
            } else {
                walk.fail(
                    "pattern", "the schema's pattern /\(pattern.source)/ is not a valid regular expression",
                    at: pattern.location)
            }
        }
        if let format = schema.format, !OpenAPIFormats.accepts(text, format: format.name) {
            walk.fail("format", "\(JSONWriter.quote(text)) is not a valid \(format.name)", at: format.location)
        }
    }

    private func checkNumber(_ number: JSONNumber, _ schema: OpenAPICompiledSchema, walk: inout OpenAPISchemaWalk) {
        // The literal is read as a number only for a bound, which most numbers' schemas do not set.
        if schema.boundsNumbers { checkBounds(number, schema, walk: &walk) }
        if let format = schema.format, !OpenAPIFormats.accepts(number, format: format.name) {
            walk.fail("format", "\(number) does not fit \(format.name)", at: format.location)
        }
    }

    private func checkBounds(_ number: JSONNumber, _ schema: OpenAPICompiledSchema, walk: inout OpenAPISchemaWalk) {
        let value = number.double
        if let minimum = schema.minimum {
            let exclusive = schema.minimumIsExclusive
            if value < minimum.value || (exclusive && value == minimum.value) {
                walk.fail(
                    "minimum",
                    "\(number) is less than \(exclusive ? "or equal to " : "")the minimum \(minimum.value.cleanText)",
                    at: minimum.location)
            }
        }
        if let minimum = schema.exclusiveMinimum, value <= minimum.value {
            walk.fail(
                "exclusiveMinimum", "\(number) is not greater than \(minimum.value.cleanText)", at: minimum.location)
        }
        if let maximum = schema.maximum {
            let exclusive = schema.maximumIsExclusive
            if value > maximum.value || (exclusive && value == maximum.value) {
                walk.fail(
                    "maximum",
                    "\(number) is greater than \(exclusive ? "or equal to " : "")the maximum \(maximum.value.cleanText)",
                    at: maximum.location)
            }
        }
        if let maximum = schema.exclusiveMaximum, value >= maximum.value {
            walk.fail(
                "exclusiveMaximum", "\(number) is not less than \(maximum.value.cleanText)", at: maximum.location)
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
