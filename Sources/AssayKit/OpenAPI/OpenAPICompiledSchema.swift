import Foundation

/// One schema of the description with its keywords read once into typed fields, which every
/// exchange is then validated against: walking the description's nodes for each value looked
/// each keyword up by scanning the node's members, and copied the node and its document's name at
/// every step. `OpenAPISchemaCompiler` builds these, the first time a schema is needed.
///
/// A schema is compiled where it is used: a `$ref` is a schema of its own, whose `reference` is the
/// compiled target, so what the place of use adds (null allowed by the run's `allowNull`, and in
/// 3.1 the keywords written beside the `$ref`) stays with that place. References make the graph
/// cyclic where the description is recursive; the validator's depth bound ends a walk that does
/// not consume the value.
final class OpenAPICompiledSchema: @unchecked Sendable {
    // @unchecked: every field is set by the compiler, under its lock, before the schema is handed
    // out, and never changed after; readers on other threads get it through that lock.

    /// Where the schema is written: the `$ref` for a reference, which is where its failures point.
    let location: SourceLocation
    /// Why the `$ref` does not resolve; such a schema fails every value.
    var brokenReference: String?
    /// `true` or `false` as a whole schema (3.1), or a reference to one.
    var boolean: Bool?
    /// Null is accepted whatever else the schema says (`nullable: true`, or the run's `allowNull`).
    var nullable = false
    /// The schema a `$ref` names, applied before the keywords beside it (3.1 only; 3.0 ignores them).
    var reference: OpenAPICompiledSchema?

    var type: TypeKeyword?
    var enumeration: (values: [JSONValue], location: SourceLocation)?
    var constant: (value: JSONValue, location: SourceLocation)?

    var allOf: [OpenAPICompiledSchema] = []
    /// `oneOf` then `anyOf`, in the order they are judged.
    var alternatives: [Alternatives] = []
    var discriminator: Discriminator?

    var properties: [String: OpenAPICompiledSchema] = [:]
    var required: (names: [String], location: SourceLocation)?
    var additionalProperties: Additional = .unconstrained
    var minProperties: Bound?
    var maxProperties: Bound?
    /// Whether an object's members are checked one by one (by `properties` or `additionalProperties`).
    var constrainsMembers: Bool {
        if case .unconstrained = additionalProperties { !properties.isEmpty } else { true }
    }

    var prefixItems: [OpenAPICompiledSchema] = []
    var items: Additional = .unconstrained
    var minItems: Bound?
    var maxItems: Bound?

    var minLength: Bound?
    var maxLength: Bound?
    var pattern: Pattern?
    var format: (name: String, location: SourceLocation)?
    /// A string holding JSON (`contentMediaType: application/json`) and the schema of that JSON;
    /// `location` is the media type's, where a string that is no JSON fails.
    var content: (schema: OpenAPICompiledSchema, location: SourceLocation)?

    var minimum: NumberBound?
    var maximum: NumberBound?
    /// 3.0's boolean form: `minimum`/`maximum` themselves are exclusive.
    var minimumIsExclusive = false
    var maximumIsExclusive = false
    /// 3.1's numeric form.
    var exclusiveMinimum: NumberBound?
    var exclusiveMaximum: NumberBound?
    /// Whether any of the four bounds above is set.
    var boundsNumbers: Bool { minimum != nil || maximum != nil || exclusiveMinimum != nil || exclusiveMaximum != nil }

    init(location: SourceLocation) { self.location = location }

    /// `type`: the names allowed, as a set of bits for the check and as written for the message.
    struct TypeKeyword {
        let allowed: TypeSet
        /// `a string`, `an integer or null`.
        let expected: String
        let location: SourceLocation
    }

    struct TypeSet: OptionSet {
        let rawValue: UInt8
        static let null = TypeSet(rawValue: 1)
        static let boolean = TypeSet(rawValue: 2)
        static let string = TypeSet(rawValue: 4)
        static let array = TypeSet(rawValue: 8)
        static let object = TypeSet(rawValue: 16)
        static let number = TypeSet(rawValue: 32)
        static let integer = TypeSet(rawValue: 64)

        init(rawValue: UInt8) { self.rawValue = rawValue }

        /// The type JSON Schema calls `name` (nothing for a name it does not define).
        init(name: String) {
            switch name {
            case "null": self = .null
            case "boolean": self = .boolean
            case "string": self = .string
            case "array": self = .array
            case "object": self = .object
            case "number": self = .number
            case "integer": self = .integer
            default: self = []
            }
        }

        func admits(_ value: JSONValue) -> Bool {
            switch value {
            case .null: contains(.null)
            case .bool: contains(.boolean)
            case .string: contains(.string)
            case .array: contains(.array)
            case .object: contains(.object)
            case .number(let number):
                contains(.number)
                    || (contains(.integer) && (number.integer != nil || number.double.rounded() == number.double))
            }
        }
    }

    /// `additionalProperties` or `items`: anything goes, nothing more is allowed, or each must fit a schema.
    enum Additional {
        case unconstrained
        case forbidden(SourceLocation)
        case schema(OpenAPICompiledSchema)
    }

    struct Bound {
        let value: Int
        let location: SourceLocation
    }

    struct NumberBound {
        let value: Double
        let location: SourceLocation
    }

    struct Pattern {
        let source: String
        /// Nil when the description's pattern is no valid regular expression.
        let regex: NSRegularExpression?
        let location: SourceLocation
    }

    /// `oneOf` or `anyOf`.
    struct Alternatives {
        /// `oneOf` or `anyOf`, as messages name it.
        let keyword: String
        let options: [Option]
        let location: SourceLocation
        var isOneOf: Bool { keyword == "oneOf" }
    }

    /// One option of a `oneOf`/`anyOf`, with what a discriminator needs to pick it.
    struct Option {
        let schema: OpenAPICompiledSchema
        /// The option's `$ref` as written, which a discriminator's value or mapping names.
        let reference: String?
        /// The values the option fixes the discriminator's property to (`const`, a one-value `enum`).
        let pinned: Set<String>
    }

    struct Discriminator {
        let propertyName: String
        let mapping: [String: String]
        let location: SourceLocation
    }
}
