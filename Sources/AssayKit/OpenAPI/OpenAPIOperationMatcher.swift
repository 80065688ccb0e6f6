import Foundation

/// Finds the operation an exchange belongs to: by method, and by path template once the servers'
/// base path (`/v1` of `https://api.example.com/v1`) is taken off. A pure function of the spec.
public struct OpenAPIOperationMatcher: Sendable {
    public let spec: OpenAPISpec
    /// The servers' base paths, longest first, each as parsed segments (`{variable}` matches any segment).
    private let basePaths: [[TemplateSegment]]
    /// The operations by lowercase method, then by their number of segments (then by their first
    /// segment, `Candidates`), each template parsed once: a run matches every exchange, so nothing
    /// is split or scanned again per request.
    private let templates: [String: [Int: Candidates]]

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

        /// Whether this template wins over `other` when both fit: more literal segments, else
        /// earlier in the description.
        func isPreferred(over other: Template?) -> Bool {
            guard let other else { return true }
            return literals > other.literals
                || (literals == other.literals && operation.index < other.operation.index)
        }

        /// Whether the request's segments, from `first` on, fit the template's one by one.
        func fits(_ request: RequestPath, from first: Int) -> Bool {
            segments.indices.allSatisfy { segments[$0].fits(request.segment(first + $0)) }
        }
    }

    /// The templates of one method and length, by their first segment when it is literal text:
    /// a request is tried against the few its first segment names and those that start with a
    /// parameter, not against every template of its length (22 of OpenAI's for `GET /v1/x/y`).
    private struct Candidates {
        private(set) var byFirstSegment: [ArraySlice<UInt8>: [Template]] = [:]
        /// Those whose first segment is a parameter, or that have none (`/`).
        private(set) var open: [Template] = []

        mutating func add(_ template: Template) {
            if let first = template.segments.first, first.isLiteral {
                byFirstSegment[first.prefix[...], default: []].append(template)
            } else {
                open.append(template)
            }
        }

        /// The template the request's segments from `first` on fit best, if any fits.
        func best(for request: RequestPath, from first: Int) -> Template? {
            let named = first < request.count ? byFirstSegment[request.segment(first)] ?? [] : []
            var best: Template?
            func consider(_ candidates: [Template]) {
                for template in candidates where template.isPreferred(over: best) {
                    if template.fits(request, from: first) { best = template }
                }
            }
            consider(named)
            consider(open)
            return best
        }
    }

    /// A template segment: literal text, or a parameter with literal text around it (`{Sid}.json`).
    /// Its text is kept as bytes, compared with the request's bytes in place: a path is ASCII
    /// (percent-encoded), and comparing strings paid for Unicode and for retaining each segment.
    private struct TemplateSegment: Sendable {
        /// The whole segment for a literal; the text before `{` for a parameter.
        let prefix: [UInt8]
        /// The text after `}` (empty for a literal).
        let suffix: [UInt8]
        /// The parameter's name, nil for a literal.
        let parameter: String?

        init(_ template: String) {
            guard let open = template.firstIndex(of: "{"), let close = template[open...].firstIndex(of: "}") else {
                (prefix, suffix, parameter) = (Array(template.utf8), [], nil)
                return
            }
            prefix = Array(template[..<open].utf8)
            suffix = Array(template[template.index(after: close)...].utf8)
            parameter = String(template[template.index(after: open)..<close])
        }

        var isLiteral: Bool { parameter == nil }

        func fits(_ segment: ArraySlice<UInt8>) -> Bool {
            guard !isLiteral else { return segment.elementsEqual(prefix) }
            return segment.count > prefix.count + suffix.count && segment.starts(with: prefix)
                && segment.suffix(suffix.count).elementsEqual(suffix)
        }

        /// The parameter's value in a segment that fits, percent-decoded.
        func value(in segment: ArraySlice<UInt8>) -> String {
            let value = String(decoding: segment.dropFirst(prefix.count).dropLast(suffix.count), as: UTF8.self)
            return value.utf8.contains(UInt8(ascii: "%")) ? value.removingPercentEncoding ?? value : value
        }
    }

    /// A request's path as bytes and the ranges of its segments: cut once, then read in place by
    /// every candidate, so no segment is copied unless it becomes a parameter's value.
    private struct RequestPath {
        let bytes: [UInt8]
        let ranges: [Range<Int>]

        /// `path` up to `?`, split at `/` (empty segments dropped, as a server's router does).
        init(_ path: Substring) {
            // Copied from the string's storage at once and then read as an array: walking a
            // substring's UTF-8 view byte by byte cost more than trying every candidate.
            var bytes = path.utf8.withContiguousStorageIfAvailable(Array.init) ?? Array(path.utf8)
            if let query = bytes.firstIndex(of: UInt8(ascii: "?")) { bytes.removeSubrange(query...) }
            self.bytes = bytes
            var ranges: [Range<Int>] = []
            // A segment is at least one byte and a `/`: one allocation holds them all.
            ranges.reserveCapacity(bytes.count / 2 + 1)
            var start = 0
            for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "/") {
                if index > start { ranges.append(start..<index) }
                start = index + 1
            }
            if bytes.count > start { ranges.append(start..<bytes.count) }
            self.ranges = ranges
        }

        var count: Int { ranges.count }
        func segment(_ index: Int) -> ArraySlice<UInt8> { bytes[ranges[index]] }
    }

    public init(spec: OpenAPISpec) {
        self.spec = spec
        var bases: [[String]] =
            spec.root["servers"]?.items.compactMap { $0["url"]?.string }.map(Self.pathSegments) ?? []
        if !bases.contains([]) { bases.append([]) }
        basePaths = bases.sorted { $0.count > $1.count }.map { $0.map(TemplateSegment.init) }
        var templates: [String: [Int: Candidates]] = [:]
        for operation in spec.operations {
            let segments = Self.segments(operation.path).map(TemplateSegment.init)
            let literals = segments.filter(\.isLiteral).count
            templates[operation.method, default: [:]][segments.count, default: Candidates()].add(
                Template(operation: operation, segments: segments, literals: literals))
        }
        self.templates = templates
    }

    /// The operation for a request, with the values of its path parameters; nil when none matches.
    public func match(method: String, path: String) -> OpenAPIMatch? {
        let request = RequestPath(Substring(path))
        guard let (template, first) = find(method: method, request) else { return nil }
        var parameters: [String: String] = [:]
        for (offset, part) in template.segments.enumerated() {
            if let name = part.parameter, parameters[name] == nil {
                parameters[name] = part.value(in: request.segment(first + offset))
            }
        }
        return OpenAPIMatch(operation: template.operation, pathParameters: parameters)
    }

    /// The operation for a request, without its parameters' values, which validating a response
    /// does not need.
    func operation(method: String, path: Substring) -> OpenAPIOperation? {
        find(method: method, RequestPath(path))?.template.operation
    }

    /// The template a request fits and where its segments start past the base path: of the
    /// first base path that fits, the candidate with most literal segments (the first of equals).
    private func find(method: String, _ request: RequestPath) -> (template: Template, first: Int)? {
        guard let byCount = templates[method.lowercased()] else { return nil }
        for base in basePaths where request.count >= base.count {
            guard base.indices.allSatisfy({ base[$0].fits(request.segment($0)) }) else { continue }
            if let best = byCount[request.count - base.count]?.best(for: request, from: base.count) {
                return (best, base.count)
            }
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

    /// A path's segments, split by bytes: every operation's template is split when a run starts.
    static func segments(_ path: String) -> [String] {
        path.utf8.split(separator: UInt8(ascii: "/")).map { String(Substring($0)) }
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
