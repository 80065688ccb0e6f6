/// An RFC 9535 JSONPath query (`$.data[?@.score > 1].id`, `$..name`, `$.items[1:3]`), parsed once
/// and applied to many response bodies. Selection returns the nodes in document order.
public struct JSONPathQuery: Sendable, CustomStringConvertible {
    /// The query as written.
    public let text: String
    let segments: [Segment]

    /// One `[…]`, `.name`, `.*` or `..…` step: its selectors, applied to each input node (or, for a
    /// descendant segment, to each input node and every node below it).
    struct Segment: Sendable {
        var isDescendant: Bool
        var selectors: [Selector]
    }

    enum Selector: Sendable {
        case name(String)
        case wildcard
        case index(Int)
        case slice(start: Int?, end: Int?, step: Int)
        case filter(FilterExpression)
    }

    init(text: String, segments: [Segment]) {
        self.text = text
        self.segments = segments
    }

    public var description: String { text }

    /// Whether the query can select at most one node (only names and indices, no descendants):
    /// such a query's result is a value or nothing, any other query's result is a list.
    public var isSingular: Bool { Self.isSingular(segments) }

    static func isSingular(_ segments: [Segment]) -> Bool {
        segments.allSatisfy { segment in
            guard !segment.isDescendant, segment.selectors.count == 1 else { return false }
            switch segment.selectors[0] {
            case .name, .index: return true
            default: return false
            }
        }
    }

    /// The nodes the query selects in `document`, in document order.
    public func select(in document: JSONValue) -> [JSONValue] {
        Self.apply(segments, to: [document], root: document)
    }

    static func apply(_ segments: [Segment], to start: [JSONValue], root: JSONValue) -> [JSONValue] {
        var nodes = start
        for segment in segments {
            var next: [JSONValue] = []
            for node in nodes {
                if segment.isDescendant {
                    var all: [JSONValue] = []
                    collectDescendants(of: node, into: &all)
                    for each in all { select(segment.selectors, from: each, root: root, into: &next) }
                } else {
                    select(segment.selectors, from: node, root: root, into: &next)
                }
            }
            nodes = next
        }
        return nodes
    }

    /// The node itself, then every node below it, in document order.
    private static func collectDescendants(of node: JSONValue, into all: inout [JSONValue]) {
        all.append(node)
        switch node {
        case .array(let items): for item in items { collectDescendants(of: item, into: &all) }
        case .object(let object): for member in object { collectDescendants(of: member.value, into: &all) }
        default: break
        }
    }

    private static func select(
        _ selectors: [Selector], from node: JSONValue, root: JSONValue, into output: inout [JSONValue]
    ) {
        for selector in selectors {
            switch selector {
            case .name(let name):
                if case .object(let object) = node, let value = object[name] { output.append(value) }
            case .wildcard:
                switch node {
                case .array(let items): output += items
                case .object(let object): for member in object { output.append(member.value) }
                default: break
                }
            case .index(let index):
                guard case .array(let items) = node else { continue }
                let position = index < 0 ? items.count + index : index
                if items.indices.contains(position) { output.append(items[position]) }
            case .slice(let start, let end, let step):
                guard case .array(let items) = node else { continue }
                for position in sliceIndices(count: items.count, start: start, end: end, step: step) {
                    output.append(items[position])
                }
            case .filter(let expression):
                switch node {
                case .array(let items):
                    for item in items where expression.holds(current: item, root: root) { output.append(item) }
                case .object(let object):
                    for member in object where expression.holds(current: member.value, root: root) {
                        output.append(member.value)
                    }
                default: break
                }
            }
        }
    }

    /// RFC 9535 §2.3.4.2: bounds normalized against the length, then walked by `step`.
    static func sliceIndices(count: Int, start: Int?, end: Int?, step: Int) -> [Int] {
        guard step != 0, count > 0 else { return [] }
        func normalized(_ value: Int) -> Int { value >= 0 ? value : count + value }
        var result: [Int] = []
        if step > 0 {
            let lower = min(max(normalized(start ?? 0), 0), count)
            let upper = min(max(normalized(end ?? count), 0), count)
            var position = lower
            while position < upper {
                result.append(position)
                position += step
            }
        } else {
            let upper = min(max(normalized(start ?? count - 1), -1), count - 1)
            let lower = min(max(end.map(normalized) ?? -1, -1), count - 1)
            var position = upper
            while lower < position {
                result.append(position)
                position += step
            }
        }
        return result
    }
}
