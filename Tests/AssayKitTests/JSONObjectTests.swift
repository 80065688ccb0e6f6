import Testing

@testable import AssayKit

/// Objects keep document order, compare without it, and behave the same below and above the size
/// at which they start indexing their keys.
@Suite struct JSONObjectTests {
    @Test(arguments: [3, 40])
    func orderedMembersOrderFreeEquality(size: Int) {
        let pairs = (0..<size).map { ("k\($0)", JSONValue.number(JSONNumber($0))) }
        let object = JSONObject(pairs)
        let reversed = JSONObject(pairs.reversed())
        #expect(object.keys == pairs.map(\.0))
        #expect(object == reversed)
        #expect(object["k\(size - 1)"] == .number(JSONNumber(size - 1)))
        #expect(object["missing"] == nil)

        var changed = object
        changed["k0"] = .string("other")
        #expect(changed != object)
        #expect(changed.keys == object.keys, "replacing a value keeps its position")

        var shorter = object
        shorter["k1"] = nil
        #expect(shorter.count == size - 1)
        #expect(shorter["k1"] == nil)
        #expect(shorter["k\(size - 1)"] == .number(JSONNumber(size - 1)), "lookups still work after a removal")
        #expect(shorter != object)

        var extended = object
        extended["extra"] = .null
        #expect(extended != object)
        #expect(extended.keys.last == "extra")
        #expect(Array(extended.map(\.key)) == extended.keys)
    }

    @Test func sameKeysDifferentValuesDiffer() {
        #expect(JSONObject([("a", .bool(true))]) != JSONObject([("a", .bool(false))]))
        #expect(JSONObject([("a", .null)]) != JSONObject([("b", .null)]))
    }
}
