/// Puts results that finish in any order back into plan order: a result is handed out only when
/// every result before it was. A pure buffer; the scheduler holds it under its lock.
struct InOrderDelivery<Result> {
    /// A result and its position in the plan. A struct, not a tuple: arrays of tuples are destroyed
    /// through the runtime's generic tuple witness, far slower than a compiled one.
    struct Item {
        let index: Int
        let result: Result
    }

    private var waiting: [Int: Result] = [:]
    /// The position of the next result to hand out.
    private(set) var next = 0

    /// A result arrives (each position once), handed over rather than copied.
    mutating func arrive(_ index: Int, _ result: consuming Result) {
        waiting[index] = result
    }

    /// Every result that is next in plan order, in order; empty while the next one is missing.
    mutating func takeReady() -> [Item] {
        var ready: [Item] = []
        while let result = waiting.removeValue(forKey: next) {
            ready.append(Item(index: next, result: result))
            next += 1
        }
        return ready
    }
}
