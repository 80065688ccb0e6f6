import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The write end of the self-pipe, read by the signal handler (which may only call async-signal-safe functions).
nonisolated(unsafe) private var stopPipeWriteEnd: Int32 = -1

/// Turns SIGTERM and SIGINT into a call on an ordinary thread, via the self-pipe trick.
enum StopSignals {
    /// Installs the handlers now and runs `onStop` on a dedicated thread when either signal arrives.
    static func install(onStop: @escaping @Sendable () -> Void) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return }
        stopPipeWriteEnd = fds[1]
        let readEnd = fds[0]
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            var byte: UInt8 = 1
            _ = write(stopPipeWriteEnd, &byte, 1)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGTERM, &action, nil)
        sigaction(SIGINT, &action, nil)
        let waiter = Thread {
            var byte: UInt8 = 0
            while read(readEnd, &byte, 1) < 0 && errno == EINTR {}
            onStop()
        }
        waiter.start()
    }
}
