/// Which case may start: at most `parallelism` cases in flight, and an `exclusive` case only when
/// nothing else is in flight, after which nothing starts until it leaves. A pure state machine;
/// the scheduler holds it under its lock and asks it before taking the head of its queue.
struct Admission: Sendable {
    let parallelism: Int
    private(set) var inFlight = 0
    private(set) var exclusiveRunning = false

    init(parallelism: Int) { self.parallelism = max(1, parallelism) }

    /// Whether a case (exclusive or not) may start now.
    func mayStart(exclusive: Bool) -> Bool {
        inFlight < parallelism && !exclusiveRunning && (!exclusive || inFlight == 0)
    }

    /// A case starts; call only when `mayStart` said so.
    mutating func start(exclusive: Bool) {
        precondition(mayStart(exclusive: exclusive), "a case started without admission")
        inFlight += 1
        exclusiveRunning = exclusive
    }

    /// A case's requests are done (its result may still be judged).
    mutating func leave(exclusive: Bool) {
        inFlight -= 1
        if exclusive { exclusiveRunning = false }
    }
}
