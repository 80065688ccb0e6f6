import Foundation

/// Finds the operation an exchange belongs to: by method, and by path template once the servers'
/// base path (`/v1` of `https://api.example.com/v1`) is taken off. A pure function of the spec.
public struct OpenAPIOperationMatcher: Sendable {
    public let spec: OpenAPISpec
    /// The servers' base paths, longest first, each as segments (`{variable}` matches any segment).
    let basePaths: [[String]]

    public init(spec: OpenAPISpec) {
        self.spec = spec
        var bases: [[String]] =
            spec.root["servers"]?.items.compactMap { $0["url"]?.string }.map(Self.pathSegments) ?? []
        if !bases.contains([]) { bases.append([]) }
        basePaths = bases.sorted { $0.count > $1.count }
    }

    /// The operation for a request, with the values of its path parameters; nil when none matches.
    public func match(method: String, path requestPath: String) -> OpenAPIMatch? {
        let withoutQuery = requestPath.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let segments = Self.segments(String(withoutQuery))
        let lowerMethod = method.lowercased()
        for base in basePaths where segments.count >= base.count {
            guard zip(base, segments).allSatisfy({ Self.matches(template: $0, segment: $1) != nil }) else { continue }
            let rest = Array(segments.dropFirst(base.count))
            var best: (match: OpenAPIMatch, literals: Int)?
            for operation in spec.operations where operation.method == lowerMethod {
                let template = Self.segments(operation.path)
                guard template.count == rest.count else { continue }
                var parameters: [String: String] = [:]
                var literals = 0
                var matched = true
                for (part, segment) in zip(template, rest) {
                    guard let values = Self.matches(template: part, segment: segment) else {
                        matched = false
                        break
                    }
                    if values.isEmpty { literals += 1 }
                    parameters.merge(values) { first, _ in first }
                }
                if matched, literals > best?.literals ?? -1 {
                    best = (OpenAPIMatch(operation: operation, pathParameters: parameters), literals)
                }
            }
            if let best { return best.match }
        }
        return nil
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
