import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Why a `TargetProcess` could not start.
public struct TargetProcessError: Error, CustomStringConvertible {
    /// What went wrong, with the process's stderr when there is any.
    public var description: String
}

/// A running `assay-target` binary on loopback, for tests; stopped with SIGTERM on `stop()` or deinit.
///
/// A class so deinit can stop the process; its only mutable state is guarded by `lock`.
public final class TargetProcess: @unchecked Sendable {
    /// The bound port.
    public let port: Int
    /// `http://127.0.0.1:PORT`.
    public let baseURL: String
    /// The child process.
    public let process: Process
    private let stderrURL: URL
    private let lock = NSLock()
    private var stopped = false

    /// Launches `assay-target` with `arguments` and waits up to `startTimeout` seconds for its first stdout line.
    public init(
        arguments: [String] = [], executable: URL = BuiltProducts.executable("assay-target"),
        startTimeout: TimeInterval = 10
    ) throws {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw TargetProcessError(
                description: "assay-target is not built at \(executable.path); run `swift build` first")
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardInput = FileHandle.nullDevice
        let stderrURL = FileManager.default.temporaryDirectory
            .appendingPathComponent("assay-target-\(UUID().uuidString).stderr")
        FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        try process.run()

        let line = Self.readFirstLine(stdout.fileHandleForReading.fileDescriptor, timeout: startTimeout)
        let prefix = "listening on http://127.0.0.1:"
        guard let line, line.hasPrefix(prefix), let port = Int(line.dropFirst(prefix.count)) else {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            let stderr = (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
            try? FileManager.default.removeItem(at: stderrURL)
            let seen = line.map { "first line was '\($0)'" } ?? "no first line within \(startTimeout) s"
            throw TargetProcessError(
                description:
                    "assay-target \(arguments.joined(separator: " ")) did not start: \(seen); stderr: \(stderr)")
        }
        self.process = process
        self.port = port
        self.baseURL = "http://127.0.0.1:\(port)"
        self.stderrURL = stderrURL
    }

    /// Sends SIGTERM and waits up to `timeout` seconds, then SIGKILL; returns the exit status.
    @discardableResult
    public func stop(timeout: TimeInterval = 10) -> Int32 {
        let first = lock.withLock { () -> Bool in
            defer { stopped = true }
            return !stopped
        }
        if first && process.isRunning {
            process.terminate()
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning && Date() < deadline { usleep(5_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        if first { try? FileManager.default.removeItem(at: stderrURL) }
        return process.terminationStatus
    }

    deinit { stop() }

    /// Reads bytes until a newline or EOF, giving up after `timeout` seconds.
    private static func readFirstLine(_ fd: Int32, timeout: TimeInterval) -> String? {
        var bytes: [UInt8] = []
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let waitMs = Int32(max(1, min(100, deadline.timeIntervalSinceNow * 1000)))
            guard poll(&poller, 1, waitMs) > 0 else { continue }
            var byte: UInt8 = 0
            let count = read(fd, &byte, 1)
            if count <= 0 { break }
            if byte == 0x0A { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }
}
