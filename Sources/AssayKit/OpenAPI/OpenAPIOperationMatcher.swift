import Foundation

/// Finds the operation an exchange belongs to: by method, and by path template once the servers'
/// base path (`/v1` of `https://api.example.com/v1`) is taken off. A pure function of the spec.
public struct OpenAPIOperationMatcher: Sendable {
    public let spec: OpenAPISpec
    /// The servers' base paths, longest first, each as parsed segments (`{variable}` matches any segment).
    private let basePaths: [[TemplateSegment]]
    /// The operations by lowercase method, then by their number of segments, each template parsed
    /// once: a run matches every exchange, so nothing is split or scanned again per request.
    private let templates: [String: [Int: [Template]]]

    /// One path template, parsed. A class: the candidates of every exchange are walked and the
    /// best one kept, and copying an operation's fields retained each of them (a third of the match).
    private final class Template: Sendable {
        let operation: OpenAPIOperation
        let segments: [TemplateSegment]
        let literals: Int

        init(operation: OpenAPIOperation, segments: [TemplateSegment], literals: Int) {
            self.operation = operation
            self.segments = segments
            self.literals = literals
        }

        /// Whether the request's segments fit, one by one. By index, so each segment is read in
        /// place: zipping copied every segment of every candidate, retaining its strings.
        func fits(_ request: ArraySlice<Substring>) -> Bool {
            var index = request.startIndex
            for position in segments.indices {
                if !segments[position].fits(request[index]) { return false }
                index += 1
            }
            return true
        }
    }

    /// A template segment: literal text, or a parameter with literal text around it (`{Sid}.json`).
    private enum TemplateSegment: Sendable {
        case literal(String)
        case parameter(name: String, prefix: String, suffix: String)

        /// Whether a request's segment fits; compared in place, as every exchange is matched.
        func fits(_ segment: Substring) -> Bool {
            switch self {
            case .literal(let text):
                // Bytes, not characters: a path is ASCII (percent-encoded), and `==` on strings pays for Unicode.
                return segment.utf8.count == text.utf8.count && segment.utf8.elementsEqual(text.utf8)
            case .parameter(_, let prefix, let suffix):
                return segment.utf8.count > prefix.utf8.count + suffix.utf8.count && segment.hasPrefix(prefix)
                    && segment.hasSuffix(suffix)
            }
        }
    }

    public init(spec: OpenAPISpec) {
        self.spec = spec
        var bases: [[String]] =
            spec.root["servers"]?.items.compactMap { $0["url"]?.string }.map(Self.pathSegments) ?? []
        if !bases.contains([]) { bases.append([]) }
        basePaths = bases.sorted { $0.count > $1.count }.map { $0.map(Self.parse) }
        var templates: [String: [Int: [Template]]] = [:]
        for operation in spec.operations {
            let segments = Self.segments(operation.path).map(Self.parse)
            let literals = segments.filter { if case .literal = $0 { true } else { false } }.count
            templates[operation.method, default: [:]][segments.count, default: []].append(
                Template(operation: operation, segments: segments, literals: literals))
        }
        self.templates = templates
    }

    /// The operation for a request, with the values of its path parameters; nil when none matches.
    public func match(method: String, path requestPath: String) -> OpenAPIMatch? {
        guard let byCount = templates[method.lowercased()] else { return nil }
        // Substrings of the request's path: no segment is copied unless it becomes a parameter's
        // value. Split by bytes: walking it by characters cost as much as the rest of the match.
        let path = Substring(requestPath)
        let end = path.utf8.firstIndex(of: UInt8(ascii: "?")) ?? path.utf8.endIndex
        let segments = path.utf8[..<end].split(separator: UInt8(ascii: "/")).map { Substring($0) }
        for base in basePaths where segments.count >= base.count {
            guard base.indices.allSatisfy({ base[$0].fits(segments[$0]) }) else { continue }
            let rest = segments.dropFirst(base.count)
            var best: Template?
            for template in byCount[rest.count] ?? []
            where template.literals > best?.literals ?? -1 && template.fits(rest) {
                best = template
            }
            if let best {
                var parameters: [String: String] = [:]
                for (part, segment) in zip(best.segments, rest) {
                    guard case .parameter(let name, let prefix, let suffix) = part, parameters[name] == nil else {
                        continue
                    }
                    let value = String(segment.utf8.dropFirst(prefix.utf8.count).dropLast(suffix.utf8.count)) ?? ""
                    parameters[name] =
                        value.utf8.contains(UInt8(ascii: "%")) ? value.removingPercentEncoding ?? value : value
                }
                return OpenAPIMatch(operation: best.operation, pathParameters: parameters)
            }
        }
        return nil
    }

    private static func parse(_ template: String) -> TemplateSegment {
        guard let open = template.firstIndex(of: "{"), let close = template[open...].firstIndex(of: "}") else {
            return .literal(template)
        }
        return .parameter(
            name: String(template[template.index(after: open)..<close]), prefix: String(template[..<open]),
            suffix: String(template[template.index(after: close)...]))
    }

    /// The path part of a server URL (absolute or relative), as segments.
    static func pathSegments(_ url: String) -> [String] {
        var rest = Substring(url)
        if let scheme = rest.range(of: "://") {
            rest = rest[scheme.upperBound...]
            rest = rest.firstIndex(of: "/").map { rest[$0...] } ?? ""
        }
        return segments(String(rest))
    }

    static func segments(_ path: String) -> [String] {
        path.split(separator: "/").map(String.init)
    }

    /// The parameter values when `segment` fits the template segment (empty for a literal), else nil.
    /// A segment holds at most one `{name}`, with literal text around it (`{Sid}.json`).
    static func matches(template: String, segment: String) -> [String: String]? {
        guard let open = template.firstIndex(of: "{"), let close = template[open...].firstIndex(of: "}") else {
            return template == segment ? [:] : nil
        }
        let prefix = template[..<open]
        let suffix = template[template.index(after: close)...]
        let name = String(template[template.index(after: open)..<close])
        guard segment.count > prefix.count + suffix.count, segment.hasPrefix(prefix), segment.hasSuffix(suffix) else {
            return nil
        }
        let value = segment.dropFirst(prefix.count).dropLast(suffix.count)
        return [name: String(value).removingPercentEncoding ?? String(value)]
    }
}

/// An operation matched to a request.
public struct OpenAPIMatch: Sendable {
    public let operation: OpenAPIOperation
    public let pathParameters: [String: String]
}
