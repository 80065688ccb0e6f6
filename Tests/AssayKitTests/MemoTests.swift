import Foundation
import Testing

@testable import AssayKit

/// The per-process memo of parsed matchers and regexes computes each key once, remembers failures,
/// and hands every thread the same value.
@Suite struct MemoTests {
    final class Counter: @unchecked Sendable {
        // @unchecked: `count` is guarded by `lock`.
        private let lock = NSLock()
        private var count = 0
        func increment() { lock.withLock { count += 1 } }
        var value: Int { lock.withLock { count } }
    }

    @Test func computesEachKeyOnceAndRemembersNil() {
        let calls = Counter()
        let memo = Memo<String, Int?> { key in
            calls.increment()
            return Int(key)
        }
        #expect(memo.value(for: "12") == 12)
        #expect(memo.value(for: "12") == 12)
        #expect(memo.value(for: "x") == nil)
        #expect(memo.value(for: "x") == nil)
        #expect(calls.value == 2, "a key that did not parse is not parsed again")
    }

    @Test func threadsShareTheValues() {
        let memo = Memo<Int, String> { "v\($0)" }
        DispatchQueue.concurrentPerform(iterations: 200) { index in
            #expect(memo.value(for: index % 7) == "v\(index % 7)")
        }
    }
}
