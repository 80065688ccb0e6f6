import Dispatch
import Foundation

/// Turns SIGINT and SIGTERM into a graceful stop: the first signal cancels the run so
/// reports are still written with what finished; a second one exits at once.
final class InterruptHandler {
    private var sources: [DispatchSourceSignal] = []

    init(onInterrupt: @escaping @Sendable () -> Void) {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            let count = Counter()
            source.setEventHandler {
                if count.increment() > 1 { exit(130) }
                FileHandle.standardError.write(
                    Data("\nassay: interrupted; finishing cases in flight and writing reports\n".utf8))
                onInterrupt()
            }
            source.resume()
            sources.append(source)
        }
    }

    func stop() {
        for source in sources { source.cancel() }
        sources = []
    }

    private final class Counter: @unchecked Sendable {
        // @unchecked: guarded by `lock`.
        private let lock = NSLock()
        private var value = 0
        func increment() -> Int {
            lock.withLock {
                value += 1; return value
            }
        }
    }
}
