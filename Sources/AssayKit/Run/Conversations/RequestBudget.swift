/// A hard cap on how many requests a burst may send. Requests are counted before they
/// are sent, so even a bug in the loop cannot exceed the cap against a shared server.
struct RequestBudget {
    /// The most requests that may ever be taken.
    let limit: Int
    /// How many were taken so far.
    private(set) var spent = 0

    /// Takes one request from the budget; false (and nothing taken) once it is exhausted.
    mutating func take() -> Bool {
        guard spent < limit else { return false }
        spent += 1
        return true
    }
}
