import Testing

@testable import AssayKit

@Suite struct RandomUUIDTests {
    @Test func isALowercaseVersion4UUID() throws {
        let id = RandomUUID.next()
        #expect(id.count == 36)
        let groups = id.split(separator: "-").map(String.init)
        #expect(groups.map(\.count) == [8, 4, 4, 4, 12])
        #expect(id.allSatisfy { "0123456789abcdef-".contains($0) })
        #expect(groups[2].first == "4")  // version
        #expect("89ab".contains(try #require(groups[3].first)))  // RFC 9562 variant
    }

    @Test func neverRepeatsInManyDraws() {
        let ids = (0..<10_000).map { _ in RandomUUID.next() }
        #expect(Set(ids).count == ids.count)
    }
}
