import AssayTargetKit
import Foundation

/// A clock tests move by hand, so time-dependent logic is tested without sleeping.
final class ManualClock: @unchecked Sendable {
    // @unchecked: `now` is guarded by `lock`.
    private let lock = NSLock()
    private var now: Double = 1_000

    func read() -> Double { lock.withLock { now } }

    func advance(_ seconds: Double) { lock.withLock { now += seconds } }
}

enum RateLimiterProbe {
    static func make(rate: Double, burst: Int, clock: ManualClock) -> RateLimiter {
        RateLimiter(rate: rate, burst: burst, clock: { clock.read() })
    }
}
