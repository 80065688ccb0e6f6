import AssayKit
import Foundation
import StopSignals

/// Turns SIGINT and SIGTERM into a prompt, reported stop. The first signal cancels the run: the
/// transfers in flight end at once, and the run still writes every report, listing the cases it
/// did not run. A second signal does not wait for that: it writes what the run has so far (each
/// file atomically) and exits, within a second whatever state the run is in.
///
/// The exit code is the shells' 128 + the first signal's number: 130 for SIGINT, 143 for SIGTERM.
enum InterruptHandler {
    /// How long a second signal lets the report writing take before the process exits regardless.
    static let secondSignalBudget: TimeInterval = 0.9

    private static let lock = NSLock()
    nonisolated(unsafe) private static var firstSignal: Int32?

    /// The exit code the run ends with, once a stop signal arrived; nil before.
    static var exitCode: Int32? {
        lock.withLock { firstSignal.map { ExitCode.interrupted(bySignal: $0) } }
    }

    /// Installs the handlers: `onFirst` stops the run (it must return quickly); `onSecond` writes
    /// the reports so far and returns, after which the process exits.
    static func install(onFirst: @escaping @Sendable () -> Void, onSecond: @escaping @Sendable () -> Void) {
        StopSignals.watch { signal in
            let code: Int32 = lock.withLock {
                if firstSignal == nil { firstSignal = signal.number }
                return ExitCode.interrupted(bySignal: firstSignal ?? signal.number)
            }
            if signal.count == 1 {
                FileHandle.standardError.write(
                    Data("\nassay: interrupted; cancelling the requests in flight and writing the reports\n".utf8))
                onFirst()
                return
            }
            if signal.count > 2 { return }
            // Whatever the writing does, the process is gone within the budget. `_exit`: other
            // threads are still running, and no exit handler may wait on them.
            Thread.detachNewThread {
                Thread.sleep(forTimeInterval: secondSignalBudget)
                _exit(code)
            }
            FileHandle.standardError.write(
                Data("assay: second signal; writing the reports with what the run has, then exiting\n".utf8))
            onSecond()
            _exit(code)
        }
    }
}
