/// An OpenAPI 3.0 or 3.1 description read for contracts: its version, servers, security and
/// operations, each still pointing at its located nodes so every finding names `file:line:column`.
public struct OpenAPISpec: Sendable {
    public let resolver: OpenAPIResolver
    /// `3.0` or `3.1` (the minor version decides how `nullable` and `type` lists read).
    public let version: String
    public let operations: [OpenAPIOperation]

    /// The HTTP methods an OpenAPI path item may hold, in the order the specification lists them.
    public static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// Reads the description at `path` (YAML or JSON).
    public init(path: String) throws(Diagnostic) {
        try self.init(documents: OpenAPIDocumentSet(path: path))
    }

    public init(documents: OpenAPIDocumentSet) throws(Diagnostic) {
        resolver = OpenAPIResolver(documents)
        let root = resolver.root
        guard case .object = root.node.kind else {
            throw Diagnostic(
                "expected an OpenAPI document (an object), found \(root.node.value.typeName)", at: root.location)
        }
        guard let declared = root["openapi"] else {
            throw Diagnostic(
                "expected an `openapi` member with the version (3.0.x or 3.1.x)", at: root.location,
                hint: root["swagger"] != nil ? "Swagger 2.0 documents are not supported; convert to OpenAPI 3" : nil)
        }
        let text = declared.string ?? declared.number?.text ?? ""
        guard text.hasPrefix("3.0") || text.hasPrefix("3.1") else {
            throw Diagnostic("unsupported OpenAPI version `\(text)`: expected 3.0.x or 3.1.x", at: declared.location)
        }
        version = String(text.prefix(3))
        var operations: [OpenAPIOperation] = []
        for (path, keyLocation, item) in root["paths"]?.members ?? [] {
            let pathItem = (try? resolver.resolve(item)) ?? item
            let shared = pathItem["parameters"]
            for (method, methodLocation, node) in pathItem.members where Self.methods.contains(method) {
                operations.append(
                    OpenAPIOperation(
                        index: operations.count, path: path, method: method, node: node, pathLocation: keyLocation,
                        location: methodLocation, sharedParameters: shared))
            }
        }
        self.operations = operations
    }

    public var root: OpenAPINode { resolver.root }
    public var file: String { resolver.documents.rootPath }
    public var isVersion30: Bool { version == "3.0" }

    /// The operation for `method` and a path template exactly as the document writes it.
    public func operation(_ method: String, _ path: String) -> OpenAPIOperation? {
        operations.first { $0.method == method.lowercased() && $0.path == path }
    }

    /// The security requirements in force for `operation`: its own, else the document's. Each
    /// alternative is a set of scheme names; an empty alternative means no credentials needed.
    public func security(of operation: OpenAPIOperation) -> [Set<String>] {
        let declared = operation.node["security"] ?? root["security"]
        guard let declared else { return [[]] }
        let alternatives = declared.items.map { Set($0.members.map(\.key)) }
        return alternatives.isEmpty ? [[]] : alternatives
    }
}

/// One operation: a method on a path template.
public struct OpenAPIOperation: Sendable {
    /// Its place in `OpenAPISpec.operations`, which keys what a run works out once per operation.
    public let index: Int
    /// The path template as written, e.g. `/pets/{petId}`.
    public let path: String
    /// Lowercase, as OpenAPI writes it.
    public let method: String
    public let node: OpenAPINode
    public let pathLocation: SourceLocation
    /// Where the method's key is.
    public let location: SourceLocation
    /// The path item's `parameters`, which the operation's own override by name and place.
    let sharedParameters: OpenAPINode?

    /// `GET /pets/{petId}`: kept, as every validated exchange names its operation.
    public let title: String

    init(
        index: Int, path: String, method: String, node: OpenAPINode, pathLocation: SourceLocation,
        location: SourceLocation, sharedParameters: OpenAPINode?
    ) {
        self.index = index
        self.path = path
        self.method = method
        self.node = node
        self.pathLocation = pathLocation
        self.location = location
        self.sharedParameters = sharedParameters
        title = "\(method.uppercased()) \(path)"
    }

    /// The parameters in force, resolved: the operation's own, plus the path item's that it does
    /// not override. Unresolvable references are left out (`openapi check` reports them).
    public func parameters(_ resolver: OpenAPIResolver) -> [OpenAPIParameter] {
        var result: [OpenAPIParameter] = []
        for raw in (node["parameters"]?.items ?? []) + (sharedParameters?.items ?? []) {
            guard let parameter = resolver.resolved(raw), let name = parameter["name"]?.string,
                let place = parameter["in"]?.string
            else { continue }
            if result.contains(where: { $0.name == name && $0.place == place }) { continue }
            result.append(
                OpenAPIParameter(
                    name: name, place: place, required: parameter["required"]?.bool ?? (place == "path"),
                    node: parameter))
        }
        return result
    }
}

/// A resolved parameter.
public struct OpenAPIParameter: Sendable {
    public let name: String
    /// `query`, `header`, `path` or `cookie`.
    public let place: String
    public let required: Bool
    public let node: OpenAPINode

    /// `query parameter \`limit\``.
    public var title: String { "\(place) parameter `\(name)`" }
}
