/// The document-level contract of a description: what a service's OpenAPI document must declare
/// for its clients and for Assay's own checks. Each rule can be switched off or tuned.
public struct OpenAPIDocumentCheck: Sendable {
    public enum Rule: String, Sendable, CaseIterable {
        /// `info.title` and `info.version` are text, and `paths` holds an operation: what the pack's
        /// `openapi` case asks of the document besides the rules below.
        case info
        /// `servers` lists at least one URL.
        case servers
        /// `info.x-service-version` says which build of the service the document describes.
        case serviceVersion = "service-version"
        /// The trace-id header is a shared component (`components.headers` or a header parameter).
        case traceHeader = "trace-header"
        /// `Idempotency-Key` is a shared component.
        case idempotencyHeader = "idempotency-header"
        /// Every operation declares an error response (4xx, 5xx or `default`) whose JSON schema is
        /// the error envelope (an object requiring the envelope member).
        case errorResponses = "error-responses"
        /// Every `$ref` resolves, in this file or the local files it names.
        case referencesResolve = "refs-resolve"
    }

    public var rules: [Rule] = Rule.allCases
    /// The trace-id header's name (compared ignoring case, `-` and `_`).
    public var traceHeader = "X-Trace-Id"
    public var idempotencyHeader = "Idempotency-Key"
    /// The member an error envelope must require.
    public var errorMember = "error"

    public init() {}

    /// A finding: the rule and a diagnostic at the place to fix.
    public struct Finding: Sendable {
        public var rule: Rule
        public var diagnostic: Diagnostic
    }

    public func check(_ spec: OpenAPISpec) -> [Finding] {
        var findings: [Finding] = []
        let root = spec.root
        func fail(_ rule: Rule, _ message: String, at location: SourceLocation, hint: String? = nil) {
            findings.append(
                Finding(rule: rule, diagnostic: Diagnostic("[\(rule.rawValue)] \(message)", at: location, hint: hint)))
        }
        for rule in rules {
            switch rule {
            case .info:
                for member in ["title", "version"] where root["info"]?[member]?.string == nil {
                    fail(
                        rule, "`info.\(member)` is missing or not text", at: root["info"]?.location ?? root.location)
                }
                if spec.operations.isEmpty {
                    fail(rule, "`paths` declares no operation", at: root["paths"]?.location ?? root.location)
                }
            case .servers:
                let urls = root["servers"]?.items.compactMap { $0["url"]?.string } ?? []
                if urls.isEmpty {
                    fail(
                        rule, "`servers` declares no URL", at: root["servers"]?.location ?? root.location,
                        hint: "add `servers: [{url: https://api.example.com/v1}]`")
                }
            case .serviceVersion:
                if root["info"]?["x-service-version"] == nil {
                    fail(
                        rule, "`info.x-service-version` is missing", at: root["info"]?.location ?? root.location,
                        hint: "say which build of the service this document describes")
                }
            case .traceHeader:
                if !declaresSharedHeader(traceHeader, root) {
                    fail(
                        rule, "no shared component for the `\(traceHeader)` header",
                        at: root["components"]?.location ?? root.location,
                        hint: "add it under `components.headers` and refer to it from each response")
                }
            case .idempotencyHeader:
                if !declaresSharedHeader(idempotencyHeader, root) {
                    fail(
                        rule, "no shared component for the `\(idempotencyHeader)` header",
                        at: root["components"]?.location ?? root.location,
                        hint: "add it under `components.parameters` (in: header) or `components.headers`")
                }
            case .errorResponses:
                for operation in spec.operations {
                    if let problem = errorResponseProblem(operation, spec) {
                        fail(rule, "\(operation.title): \(problem)", at: operation.location)
                    }
                }
            case .referencesResolve:
                var visited: Set<String> = []
                for (reference, holder) in references(in: spec.root, spec, visited: &visited) {
                    do {
                        _ = try spec.resolver.target(of: reference, from: holder)
                    } catch {
                        fail(rule, error.message, at: error.location ?? holder.location)
                    }
                }
            }
        }
        return findings
    }

    private static func normalized(_ name: String) -> String {
        String(name.lowercased().filter { $0 != "-" && $0 != "_" })
    }

    private func declaresSharedHeader(_ name: String, _ root: OpenAPINode) -> Bool {
        let wanted = Self.normalized(name)
        let components = root["components"]
        let headerNames = (components?["headers"]?.members ?? []).map { Self.normalized($0.key) }
        if headerNames.contains(wanted)
            || headerNames.contains(wanted.hasPrefix("x") ? String(wanted.dropFirst()) : wanted)
        {
            return true
        }
        return (components?["parameters"]?.members ?? []).contains { member in
            member.value["in"]?.string == "header" && member.value["name"]?.string.map(Self.normalized) == wanted
        }
    }

    /// Why an operation's error responses fall short, or nil when one carries the envelope.
    private func errorResponseProblem(_ operation: OpenAPIOperation, _ spec: OpenAPISpec) -> String? {
        let errors = (operation.node["responses"]?.members ?? []).filter {
            $0.key == "default" || $0.key.hasPrefix("4") || $0.key.hasPrefix("5")
        }
        if errors.isEmpty { return "declares no error response (4xx, 5xx or default)" }
        for (_, _, raw) in errors {
            guard let response = spec.resolver.resolved(raw),
                let media = response["content"]?.members.first(where: { OpenAPIResponseValidator.isJSON($0.key) }),
                let schema = spec.resolver.resolved(media.value["schema"])
            else { continue }
            let facts = SchemaFacts(schema, spec)
            if facts.required.contains(errorMember) && facts.properties.contains(where: { $0.name == errorMember }) {
                return nil
            }
        }
        return "no error response has the error envelope (a JSON object requiring `\(errorMember)`)"
    }

    /// Every `$ref` under `node`, following references into other local files once each.
    private func references(in node: OpenAPINode, _ spec: OpenAPISpec, visited: inout Set<String>) -> [(
        String, OpenAPINode
    )] {
        var found: [(String, OpenAPINode)] = []
        var stack = [node]
        while let current = stack.popLast() {
            if let reference = current.reference {
                found.append((reference, current))
                let file = OpenAPIResolver.split(reference).file
                if let file {
                    let path = OpenAPIDocumentSet.path(file, from: current.document)
                    if visited.insert(path).inserted, let other = try? spec.resolver.documents.document(at: path) {
                        stack.append(OpenAPINode(other, in: path))
                    }
                }
            }
            stack += current.members.map(\.value)
            stack += current.items
        }
        return found.sorted { ($0.1.location.line, $0.1.location.column) < ($1.1.location.line, $1.1.location.column) }
    }
}
