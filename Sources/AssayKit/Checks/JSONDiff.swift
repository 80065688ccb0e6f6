/// Where two JSON documents differ, literally (no matchers: a replayed body may contain `{{`),
/// with key order and number spelling ignored. Pure.
enum JSONDiff {
    /// One difference: the path and both sides (nil when absent on that side).
    struct Difference {
        var path: JSONPath
        var left: JSONValue?
        var right: JSONValue?

        /// `$.created: 1700000000 vs 1700000003`.
        var message: String {
            "\(path): \(left?.abbreviated(limit: 60) ?? "absent") vs \(right?.abbreviated(limit: 60) ?? "absent")"
        }
    }

    /// Every difference in document order, at most `limit`.
    static func differences(_ left: JSONValue, _ right: JSONValue, limit: Int = 20) -> [Difference] {
        var found: [Difference] = []
        walk(left, right, at: .root, into: &found, limit: limit)
        return found
    }

    private static func walk(
        _ left: JSONValue?, _ right: JSONValue?, at path: JSONPath, into found: inout [Difference], limit: Int
    ) {
        guard found.count < limit else { return }
        switch (left, right) {
        case (.object(let a)?, .object(let b)?):
            for key in a.keys { walk(a[key], b[key], at: path.appending(key: key), into: &found, limit: limit) }
            for key in b.keys where a[key] == nil {
                walk(nil, b[key], at: path.appending(key: key), into: &found, limit: limit)
            }
        case (.array(let a)?, .array(let b)?) where a.count == b.count:
            for index in a.indices {
                walk(a[index], b[index], at: path.appending(index: index), into: &found, limit: limit)
            }
        default:
            if left != right { found.append(Difference(path: path, left: left, right: right)) }
        }
    }
}

extension JSONValue {
    /// This document without the value at `pointer` (unchanged when the pointer leads nowhere).
    func removing(_ pointer: JSONPointer) -> JSONValue {
        removing(pointer.tokens[...])
    }

    private func removing(_ tokens: ArraySlice<String>) -> JSONValue {
        guard let first = tokens.first else { return self }
        switch self {
        case .object(var object):
            guard let member = object[first] else { return self }
            object[first] = tokens.count == 1 ? nil : member.removing(tokens.dropFirst())
            return .object(object)
        case .array(var items):
            guard let index = Int(first), items.indices.contains(index) else { return self }
            if tokens.count == 1 {
                items.remove(at: index)
            } else {
                items[index] = items[index].removing(tokens.dropFirst())
            }
            return .array(items)
        default:
            return self
        }
    }
}
