import Foundation

/// The outcome of running the built `assay` binary.
public struct CLIOutcome: Sendable {
    public var exitCode: Int32
    public var stdout: String
    public var stderr: String
    /// Both streams, for "appears nowhere" assertions.
    public var allOutput: String { stdout + stderr }
}

/// Runs built executables as a user would, with their own environment and working directory.
public enum CLIRun {
    /// Runs `assay` with `arguments`; kills it after `timeout` seconds so a hang fails the test instead of stalling it.
    public static func assay(
        _ arguments: [String], environment: [String: String] = [:], directory: URL? = nil, timeout: TimeInterval = 120
    ) throws -> CLIOutcome {
        try run(
            BuiltProducts.executable("assay"), arguments, environment: environment, directory: directory,
            timeout: timeout)
    }

    public static func run(
        _ executable: URL, _ arguments: [String], environment: [String: String] = [:], directory: URL? = nil,
        timeout: TimeInterval = 120
    ) throws -> CLIOutcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        // Tests must not depend on the developer's or CI's own settings.
        for key in ["ASSAY_MODE", "ASSAY_TARGET", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "CI", "NO_COLOR"] {
            env.removeValue(forKey: key)
        }
        env.merge(environment) { _, new in new }
        process.environment = env
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let collected = Collected()
        let group = DispatchGroup()
        for (pipe, isOut) in [(out, true), (err, false)] {
            group.enter()
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                collected.set(data, stdout: isOut)
                group.leave()
            }
        }
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        group.wait()
        let (stdout, stderr) = collected.values
        return CLIOutcome(
            exitCode: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    private final class Collected: @unchecked Sendable {
        // @unchecked: guarded by `lock`.
        private let lock = NSLock()
        private var out = Data()
        private var err = Data()
        func set(_ data: Data, stdout: Bool) { lock.withLock { if stdout { out = data } else { err = data } } }
        var values: (Data, Data) { lock.withLock { (out, err) } }
    }
}

/// A fresh temporary folder, removed when the value goes away.
public final class TemporaryDirectory: @unchecked Sendable {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("assay-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `text` to `relativePath` inside the folder, creating folders; returns the full path.
    @discardableResult
    public func write(_ text: String, to relativePath: String) throws -> String {
        let file = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    public func read(_ relativePath: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(relativePath), encoding: .utf8)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
