import Testing

@testable import AssayKit

/// The scheduler's two pure state machines: who may start (parallelism and exclusive cases) and
/// the order results are handed out in.
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
        #expect(!admission.exclusiveRunning)
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
