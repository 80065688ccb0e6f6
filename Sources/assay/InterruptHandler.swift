import Foundation
import StopSignals

/// Turns SIGINT and SIGTERM into a graceful stop: the first signal cancels the run so the
/// cases in flight finish and the reports are still written; a second one exits at once.
enum InterruptHandler {
    static func install(onInterrupt: @escaping @Sendable () -> Void) {
        StopSignals.install { count in
            if count > 1 { exit(130) }
            FileHandle.standardError.write(
                Data("\nassay: interrupted; finishing the cases in flight and writing reports\n".utf8))
            onInterrupt()
        }
    }
}
