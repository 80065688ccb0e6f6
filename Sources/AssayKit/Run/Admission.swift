/// Which case may start, and when a case in flight may send: at most `parallelism` cases in
/// flight, and an `exclusive` case's requests never beside another case's. A case in flight is
/// either sending (it may have a request on the wire) or sleeping (a conversation waiting out a
/// TTL or a cool-down, which sends nothing). An exclusive case may start or send again while the
/// others only sleep, and nothing else sends until it sleeps or leaves. A case back from a sleep
/// waits for its turn before any new case starts, so the flight cannot starve it.
///
/// A pure state machine; the scheduler holds it under its lock.
struct Admission: Sendable {
    let parallelism: Int
    /// Cases started and not yet left, sleeping ones included.
    private(set) var inFlight = 0
    /// Cases in flight that are not sleeping.
    private(set) var sending = 0
    /// Whether the case sending is an exclusive one (it is then the only one).
    private(set) var exclusiveSending = false
    /// Cases whose sleep ended and that wait to send again.
    private(set) var waking = 0

    init(parallelism: Int) { self.parallelism = max(1, parallelism) }

    /// Whether a case (exclusive or not) may start now.
    func mayStart(exclusive: Bool) -> Bool {
        inFlight < parallelism && waking == 0 && maySend(exclusive: exclusive)
    }

    /// Whether a case may put a request on the wire beside those sending now.
    func maySend(exclusive: Bool) -> Bool {
        !exclusiveSending && (!exclusive || sending == 0)
    }

    /// A case starts; call only when `mayStart` said so.
    mutating func start(exclusive: Bool) {
        precondition(mayStart(exclusive: exclusive), "a case started without admission")
        inFlight += 1
        beginSending(exclusive: exclusive)
    }

    /// A sending case starts to wait; it sends nothing until `wake`.
    mutating func sleep(exclusive: Bool) {
        sending -= 1
        if exclusive { exclusiveSending = false }
    }

    /// A sleeping case's wait is over: it waits for `maySend`, ahead of cases not yet started.
    mutating func wantToWake() { waking += 1 }

    /// A waking case sends again; call only when `maySend` said so.
    mutating func wake(exclusive: Bool) {
        precondition(maySend(exclusive: exclusive), "a case woke without admission")
        waking -= 1
        beginSending(exclusive: exclusive)
    }

    /// A sending case is done with its requests.
    mutating func leave(exclusive: Bool) {
        inFlight -= 1
        sending -= 1
        if exclusive { exclusiveSending = false }
    }

    private mutating func beginSending(exclusive: Bool) {
        sending += 1
        if exclusive { exclusiveSending = true }
    }
}
