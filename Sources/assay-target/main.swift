import AssayTargetKit
import Foundation
import StopSignals

#if canImport(Glibc)
    import Glibc
#endif

/// The running server, shared with the signal handler; set once after start.
final class StartedServer: @unchecked Sendable {
    // @unchecked: `value` is guarded by `lock`.
    private let lock = NSLock()
    private var value: RunningTarget?

    var current: RunningTarget? {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}

let started = StartedServer()

// Thin edge: flags -> server -> first stdout line -> wait for SIGTERM/SIGINT -> graceful stop.
let command: TargetOptions.Command
do {
    command = try TargetOptions.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("assay-target: \(error)\n".utf8))
    exit(2)
}

switch command {
case .help:
    print(TargetOptions.helpText, terminator: "")
    exit(0)
case .version:
    print("assay-target \(TargetVersion.current)")
    exit(0)
case .run(let options):
    // SIGTERM and SIGINT get a real handler, installed synchronously before the first line is
    // printed, that writes to a pipe; one thread reads the pipe and stops the server. No signal
    // sent after the line can be lost (a dispatch source installs its handler asynchronously).
    StopSignals.install { _ in
        started.current?.stop(grace: 5)
        exit(0)
    }
    let running: RunningTarget
    do {
        running = try TargetServer(options: options).start()
        started.current = running
    } catch {
        FileHandle.standardError.write(Data("assay-target: \(error)\n".utf8))
        exit(1)
    }
    if let portFile = options.portFile {
        do {
            try "\(running.port)\n".write(toFile: portFile, atomically: true, encoding: .utf8)
        } catch {
            FileHandle.standardError.write(Data("assay-target: cannot write --port-file \(portFile): \(error)\n".utf8))
            running.stop(grace: 0)
            exit(1)
        }
    }
    // Unbuffered write: the first stdout line must reach a pipe at once, since launchers wait for it.
    FileHandle.standardOutput.write(Data("listening on http://127.0.0.1:\(running.port)\n".utf8))

    dispatchMain()
}
