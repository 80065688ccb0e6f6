import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The write end of the self-pipe, read by the signal handler (which may only call async-signal-safe functions).
nonisolated(unsafe) private var stopPipeWriteEnd: Int32 = -1

/// One stop signal as it reached the waiting thread.
public struct StopSignal: Sendable, Equatable {
    /// The signal's number (`SIGINT`, `SIGTERM`).
    public let number: Int32
    /// 1 for the first stop signal of the process, 2 for the second, and so on.
    public let count: Int
}

/// Turns SIGTERM and SIGINT into calls on an ordinary thread, via the self-pipe trick. The handler
/// is installed synchronously, so no signal sent after `install` returns is lost (a dispatch signal
/// source installs its handler asynchronously, and a signal ignored at start is discarded).
public enum StopSignals {
    /// Installs the handlers now and runs `onStop` on a dedicated thread for each signal that arrives
    /// (`count` is 1 for the first one, so callers can stop gracefully first and hard on a second).
    public static func install(onStop: @escaping @Sendable (_ count: Int) -> Void) {
        watch { onStop($0.count) }
    }

    /// As `install`, telling which signal arrived: SIGINT and SIGTERM call for different exit codes.
    public static func watch(_ onSignal: @escaping @Sendable (StopSignal) -> Void) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return }
        stopPipeWriteEnd = fds[1]
        let readEnd = fds[0]
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { number in
            // The signal's number fits a byte (SIGINT 2, SIGTERM 15).
            var byte = UInt8(truncatingIfNeeded: number)
            _ = write(stopPipeWriteEnd, &byte, 1)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGTERM, &action, nil)
        sigaction(SIGINT, &action, nil)
        // A child inherits its parent's signal mask; a launcher that blocks these signals (as some
        // test runners do) would otherwise leave them pending forever.
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        sigaddset(&stopSignals, SIGTERM)
        sigaddset(&stopSignals, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &stopSignals, nil)
        let waiter = Thread {
            var byte: UInt8 = 0
            var count = 0
            while true {
                let got = read(readEnd, &byte, 1)
                if got < 0 && errno == EINTR { continue }
                if got <= 0 { return }
                count += 1
                onSignal(StopSignal(number: Int32(byte), count: count))
            }
        }
        waiter.start()
    }
}
