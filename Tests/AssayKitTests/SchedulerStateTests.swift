import Testing

@testable import AssayKit

/// The scheduler's pure parts: who may start or send (parallelism, exclusive cases, sleeps), which
/// waiting case starts first, and the order results are handed out in.
@Suite struct SchedulerStateTests {
    /// No more than `parallelism` cases are in flight; one leaving makes room for one more.
    @Test func admissionCapsTheFlight() {
        var admission = Admission(parallelism: 2)
        admission.start(exclusive: false)
        admission.start(exclusive: false)
        #expect(!admission.mayStart(exclusive: false))
        admission.leave(exclusive: false)
        #expect(admission.mayStart(exclusive: false))
        #expect(admission.inFlight == 1)
    }

    /// An exclusive case waits for an empty flight, and nothing starts beside it until it leaves.
    @Test func exclusiveCaseRunsAlone() {
        var admission = Admission(parallelism: 4)
        admission.start(exclusive: false)
        #expect(!admission.mayStart(exclusive: true))
        admission.leave(exclusive: false)
        #expect(admission.mayStart(exclusive: true))
        admission.start(exclusive: true)
        #expect(!admission.mayStart(exclusive: false))
        #expect(!admission.mayStart(exclusive: true))
        admission.leave(exclusive: true)
        #expect(admission.mayStart(exclusive: false))
        #expect(!admission.exclusiveSending)
    }

    /// An exclusive case may start while the others only sleep; a sleeper whose wait is over sends
    /// again only once the exclusive case sleeps or leaves, and no new case starts before it does.
    @Test func exclusiveCaseRunsWhileOthersSleep() {
        var admission = Admission(parallelism: 4)
        admission.start(exclusive: false)
        admission.sleep(exclusive: false)
        #expect(admission.mayStart(exclusive: true))
        admission.start(exclusive: true)
        #expect(admission.inFlight == 2 && admission.sending == 1)
        admission.wantToWake()
        #expect(!admission.maySend(exclusive: false))
        admission.leave(exclusive: true)
        // The waking case comes first: a new case waits although there is room.
        #expect(admission.maySend(exclusive: false))
        #expect(!admission.mayStart(exclusive: false))
        admission.wake(exclusive: false)
        #expect(admission.mayStart(exclusive: false))
        #expect(!admission.mayStart(exclusive: true))
    }

    /// While an exclusive case sleeps, other cases send; it sends again only when they are done,
    /// and a sleeping case still counts against the parallelism.
    @Test func othersSendWhileAnExclusiveCaseSleeps() {
        var admission = Admission(parallelism: 2)
        admission.start(exclusive: true)
        #expect(!admission.mayStart(exclusive: false))
        admission.sleep(exclusive: true)
        #expect(admission.mayStart(exclusive: false))
        admission.start(exclusive: false)
        #expect(!admission.mayStart(exclusive: false))
        admission.wantToWake()
        #expect(!admission.maySend(exclusive: true))
        admission.leave(exclusive: false)
        #expect(admission.maySend(exclusive: true))
        admission.wake(exclusive: true)
        #expect(admission.exclusiveSending && admission.sending == 1)
        admission.leave(exclusive: true)
        #expect(admission.inFlight == 0 && admission.sending == 0 && admission.waking == 0)
    }

    /// The longest sleeper starts first, then exclusive cases, then streamed ones, then the rest, in
    /// plan order within each.
    @Test func longestWaitingCasesStartFirst() {
        let plain0 = StartOrder(sleepMs: 0, streamed: false, index: 0)
        let stream1 = StartOrder(sleepMs: 0, streamed: true, index: 1)
        let ttl2 = StartOrder(sleepMs: 2_000, exclusive: true, streamed: false, index: 2)
        let plain3 = StartOrder(sleepMs: 0, streamed: false, index: 3)
        let ttl4 = StartOrder(sleepMs: 5_000, exclusive: true, streamed: false, index: 4)
        let stream5 = StartOrder(sleepMs: 0, streamed: true, index: 5)
        let burst6 = StartOrder(sleepMs: 0, exclusive: true, streamed: false, index: 6)
        let exclusiveStream7 = StartOrder(sleepMs: 0, exclusive: true, streamed: true, index: 7)
        let sorted = [plain0, stream1, ttl2, plain3, ttl4, stream5, burst6, exclusiveStream7].sorted()
        // Exclusive cases keep plan order among themselves, streamed or not.
        #expect(sorted.map(\.index) == [4, 2, 6, 7, 1, 5, 0, 3])
    }

    /// A case's order comes from its spec: a replay TTL (a rate limit's cool-down keeps the wire, so
    /// it is no sleep others can use), exclusivity, a stream.
    @Test func startOrderReadsTheSpec() throws {
        let suite = try SuiteDecoder.decode(
            source: """
                {"name": "s", "cases": [
                  {"name": "plain", "request": {"path": "/"}},
                  {"name": "ttl", "request": {"path": "/", "method": "POST", "body": {}}, "replay": {"ttl": "3s"}},
                  {"name": "cool", "request": {"path": "/"}, "rateLimit": {"maxWait": "1s"}},
                  {"name": "no cool-down", "request": {"path": "/"}, "rateLimit": {"coolDown": false}},
                  {"name": "sse", "request": {"path": "/"}, "expect": {"stream": {}}}
                ]}
                """, file: "s.jsonc")
        let orders = suite.cases.enumerated().map { StartOrder($1, index: $0) }
        #expect(orders.map(\.sleepMs) == [0, 3_000, 0, 0, 0])
        #expect(orders.map(\.exclusive) == [false, true, true, true, false])
        #expect(orders.map(\.streamed) == [false, false, false, false, true])
    }

    /// A parallelism below one still lets one case run.
    @Test func parallelismIsAtLeastOne() {
        let admission = Admission(parallelism: 0)
        #expect(admission.parallelism == 1)
        #expect(admission.mayStart(exclusive: false))
    }

    /// Results that finish out of order are handed out in plan order, each once, only when the
    /// gap before them is filled.
    @Test func deliveryRestoresPlanOrder() {
        var delivery = InOrderDelivery<String>()
        delivery.arrive(2, "c")
        delivery.arrive(1, "b")
        #expect(delivery.takeReady().isEmpty)
        delivery.arrive(0, "a")
        #expect(delivery.takeReady().map(\.result) == ["a", "b", "c"])
        #expect(delivery.takeReady().isEmpty)
        delivery.arrive(4, "e")
        #expect(delivery.takeReady().isEmpty)
        delivery.arrive(3, "d")
        let ready = delivery.takeReady()
        #expect(ready.map(\.index) == [3, 4])
        #expect(ready.map(\.result) == ["d", "e"])
        #expect(delivery.next == 5)
    }
}
