/// Compares actual JSON with an expectation: key order is irrelevant, numbers compare by value,
/// arrays follow `ArrayMatching` (by default the same length, element by element, in both modes),
/// and objects follow the `CompareMode`. Runs on every response, so matching paths allocate nothing.
public enum JSONComparator {
    /// How many mismatches are reported before the rest are only counted.
    public static let defaultLimit = 50

    /// Every mismatch in document order (expected members in expected order, then unexpected
    /// members in actual order), at most `limit` of them; when more exist, a final
    /// `.truncated(n)` mismatch says how many were left out. Empty means the value matches.
    public static func compare(
        expected: Expectation, actual: JSONValue, mode: CompareMode, arrays: ArrayMatching = .exact,
        limit: Int = defaultLimit
    ) -> [Mismatch] {
        var walker = Walker(mode: mode, arrays: arrays, limit: limit)
        walker.compare(expected, actual)
        if walker.total > walker.found.count { walker.found.append(.truncated(walker.total - walker.found.count)) }
        return walker.found
    }

    /// Parses the expected value's matchers, then compares.
    public static func compare(
        expected: JSONValue, actual: JSONValue, mode: CompareMode, limit: Int = defaultLimit
    ) throws(DiagnosticList) -> [Mismatch] {
        compare(expected: try Expectation(parsing: expected), actual: actual, mode: mode, limit: limit)
    }

    private struct Walker {
        let mode: CompareMode
        let arrays: ArrayMatching
        let limit: Int
        // The current path as a stack; a `JSONPath` is only built when a mismatch is recorded.
        var components: [JSONPath.Component] = []
        var found: [Mismatch] = []
        var total = 0

        init(mode: CompareMode, arrays: ArrayMatching, limit: Int) {
            self.mode = mode
            self.arrays = arrays
            self.limit = limit
        }

        var path: JSONPath { JSONPath(components) }

        /// Counts one mismatch; true when it is still within the limit and should be built.
        mutating func counts() -> Bool {
            total += 1
            return found.count < limit
        }

        mutating func compare(_ expected: Expectation, _ actual: JSONValue) {
            switch expected {
            case .literal(let value):
                if value != actual, counts() {
                    found.append(.value(at: path, expected: value.abbreviated(), actual: actual))
                }
            case .matcher(let matcher):
                if !matcher.matches(actual), counts() {
                    found.append(.value(at: path, expected: matcher.source, actual: actual))
                }
            case .array(let items):
                guard case .array(let actualItems) = actual else {
                    if counts() { found.append(.value(at: path, expected: "array", actual: actual)) }
                    return
                }
                if arrays == .contains {
                    compareUnordered(items, actualItems)
                    return
                }
                if arrays == .exact ? items.count != actualItems.count : items.count > actualItems.count {
                    if counts() {
                        found.append(
                            arrays == .exact
                                ? .count(at: path, expected: items.count, actual: actualItems.count)
                                : .tooFew(at: path, expected: items.count, actual: actualItems.count))
                    }
                }
                for index in 0..<min(items.count, actualItems.count) {
                    components.append(.index(index))
                    compare(items[index], actualItems[index])
                    components.removeLast()
                }
            case .object(let members):
                guard case .object(let object) = actual else {
                    if counts() { found.append(.value(at: path, expected: "object", actual: actual)) }
                    return
                }
                compareMembers(members, object)
            }
        }

        /// Each expected item takes the first actual item not yet taken that matches it whole.
        mutating func compareUnordered(_ items: [Expectation], _ actualItems: [JSONValue]) {
            var taken = [Bool](repeating: false, count: actualItems.count)
            for item in items {
                let match = actualItems.indices.first { index in
                    !taken[index]
                        && JSONComparator.compare(
                            expected: item, actual: actualItems[index], mode: mode, arrays: arrays, limit: 1
                        )
                        .isEmpty
                }
                if let match {
                    taken[match] = true
                } else if counts() {
                    found.append(.noItem(at: path, matching: item.sketch, among: actualItems.count))
                }
            }
        }

        mutating func compareMembers(_ members: [ExpectedMember], _ object: JSONObject) {
            var present = 0
            for member in members {
                guard let value = object[member.key] else {
                    if !member.expectation.allowsAbsence {
                        if counts() {
                            found.append(.missing(member.key, in: path, expected: member.expectation.summary))
                        }
                    }
                    continue
                }
                present += 1
                components.append(.key(member.key))
                compare(member.expectation, value)
                components.removeLast()
            }
            // Every actual member was expected: nothing can be unexpected, skip building a key set.
            guard mode == .exact, present < object.count else { return }
            let expectedKeys = Set(members.map(\.key))
            for (key, value) in object where !expectedKeys.contains(key) {
                components.append(.key(key))
                if counts() { found.append(.unexpected(at: path, actual: value)) }
                components.removeLast()
            }
        }
    }
}
