import Foundation

/// The run's count of what `OpenAPIExchangeCheck` did with each exchange, shared by every copy of
/// the check and by the threads that judge exchanges.
public final class OpenAPIExchangeTally: @unchecked Sendable {
    // @unchecked: the counts are guarded by `lock`.
    private let lock = NSLock()
    private var validated = 0
    private var unmatched = 0
    private var outsideScope = 0

    /// What became of one exchange.
    public enum Outcome: Sendable {
        case validated
        /// No operation of the description matches the request.
        case unmatched
        /// The operation matched, but its status is not among the validated ones.
        case outsideScope
    }

    public init() {}

    func record(_ outcome: Outcome) {
        lock.withLock {
            switch outcome {
            case .validated: validated += 1
            case .unmatched: unmatched += 1
            case .outsideScope: outsideScope += 1
            }
        }
    }

    /// The counts so far, for the description `spec`.
    public func summary(spec: String) -> OpenAPISummary {
        lock.withLock {
            OpenAPISummary(spec: spec, validated: validated, unmatched: unmatched, outsideScope: outsideScope)
        }
    }
}
