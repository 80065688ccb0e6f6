/// How much of one stream Assay keeps to judge it. The timeline holds every item until the step is
/// judged (order, sequence, gaps and reassembly look at all of them), so an endless flood of events
/// or of `:` comment lines must stop somewhere: past either limit the transfer is stopped and the
/// step fails with `stream item_limit`, naming the limit; the run goes on.
enum StreamBudget {
    /// Items (events, comments, discards) one stream may have. A long model answer is a few
    /// thousand events; 8 MB of `:\n` lines would be four million.
    static let maximumItems = 100_000
    /// Bytes of event data, types, ids and comment text one stream may keep (each event is already
    /// capped at 1 MiB by the parser).
    static let maximumBytes = 32 << 20

    /// What a stream has kept so far.
    struct Usage {
        private(set) var items = 0
        private(set) var bytes = 0

        mutating func add(_ newItems: [SSEItem]) {
            items += newItems.count
            for item in newItems {
                switch item {
                case .event(let event):
                    bytes += event.data.utf8.count + event.type.utf8.count + (event.id?.utf8.count ?? 0)
                case .comment(let text, _): bytes += text.utf8.count
                case .discarded(let discard): bytes += discard.data.utf8.count
                case .limitExceeded: break
                }
            }
        }

        var exceedsBudget: Bool { items > StreamBudget.maximumItems || bytes > StreamBudget.maximumBytes }

        /// Why the stream was stopped, for its failing check.
        var message: String {
            items > StreamBudget.maximumItems
                ? "the stream sent more than \(StreamBudget.maximumItems) items (events and comments), the limit one stream keeps; it was stopped after \(items)"
                : "the stream's events and comments came to more than \(StreamBudget.maximumBytes) bytes, the limit one stream keeps; it was stopped after \(bytes)"
        }
    }
}
