/// One difference between two versions of a description, with where it is in each.
public struct OpenAPIChange: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        // Breaking.
        case pathRemoved = "path-removed"
        case methodRemoved = "method-removed"
        case requiredParameterAdded = "required-parameter-added"
        case requiredPropertyAdded = "required-property-added"
        case requestBodyRequired = "request-body-required"
        case requestTypeNarrowed = "request-type-narrowed"
        case requestEnumNarrowed = "request-enum-narrowed"
        case responsePropertyRemoved = "response-property-removed"
        case responseTypeChanged = "response-type-changed"
        case successStatusRemoved = "success-status-removed"
        case securityRequirementAdded = "security-requirement-added"
        case responseHeaderRemoved = "response-header-removed"
        case requestAlternativeRemoved = "request-alternative-removed"
        case responseAlternativeAdded = "response-alternative-added"
        // Not breaking.
        case pathAdded = "path-added"
        case methodAdded = "method-added"
        case optionalParameterAdded = "optional-parameter-added"
        case parameterRemoved = "parameter-removed"
        case optionalPropertyAdded = "optional-property-added"
        case requestPropertyRemoved = "request-property-removed"
        case requestTypeWidened = "request-type-widened"
        case requestEnumWidened = "request-enum-widened"
        case responsePropertyAdded = "response-property-added"
        case responseEnumChanged = "response-enum-changed"
        case statusAdded = "status-added"
        case responseHeaderAdded = "response-header-added"
        case securityRelaxed = "security-relaxed"
        case requestAlternativeAdded = "request-alternative-added"
        case responseAlternativeRemoved = "response-alternative-removed"

        /// Whether a client written against the old description may fail against the new one.
        public var isBreaking: Bool {
            switch self {
            case .pathRemoved, .methodRemoved, .requiredParameterAdded, .requiredPropertyAdded, .requestBodyRequired,
                .requestTypeNarrowed, .requestEnumNarrowed, .responsePropertyRemoved, .responseTypeChanged,
                .successStatusRemoved, .securityRequirementAdded, .responseHeaderRemoved, .requestAlternativeRemoved,
                .responseAlternativeAdded:
                true
            default: false
            }
        }

        /// A path or a method gone: what `--fail-on removals` fails on.
        public var isRemoval: Bool { self == .pathRemoved || self == .methodRemoved }
    }

    public var kind: Kind
    /// `GET /pets`, or the path alone for path-level changes.
    public var operation: String
    /// What changed, in words.
    public var message: String
    /// Where the changed thing is (or was) in the old document, and in the new one (for a
    /// removal: the nearest enclosing node that still exists there).
    public var old: SourceLocation?
    public var new: SourceLocation?

    public var isBreaking: Bool { kind.isBreaking }

    public init(_ kind: Kind, _ operation: String, _ message: String, old: SourceLocation?, new: SourceLocation?) {
        self.kind = kind
        self.operation = operation
        self.message = message
        self.old = old
        self.new = new
    }
}

/// Which changes fail the diff (exit 1).
public enum OpenAPIFailPolicy: String, Sendable, CaseIterable {
    /// Every breaking change (the default).
    case breaking
    /// Only a removed path or method: the required check a team may start with.
    case removals
    /// Report only; never fail.
    case none

    public func fails(_ change: OpenAPIChange) -> Bool {
        switch self {
        case .breaking: change.isBreaking
        case .removals: change.kind.isRemoval
        case .none: false
        }
    }
}
