import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// httpbin, the real third-party HTTP service from PyPI, served by gunicorn on loopback for the
/// smoke-gate test. Its virtual environment lives in `.build/httpbin-venv` and is made (and the
/// pinned packages installed) the first time a test needs it; later runs reuse it.
public final class HTTPBinService: @unchecked Sendable {
    // @unchecked: `process` is set once in init and only stopped afterwards.
    /// The pinned packages: the versions this suite was written and checked against.
    public static let packages = ["httpbin==0.10.4", "gunicorn==27.0.1"]

    public let port: UInt16
    public var baseURL: String { "http://127.0.0.1:\(port)" }
    private let process: Process
    private let logURL: URL

    /// The environment's folder under the repository's `.build`.
    public static func environment(root: URL) -> URL { root.appendingPathComponent(".build/httpbin-venv") }

    /// Makes the virtual environment and installs the pinned packages, unless that was done;
    /// throws with pip's output when it cannot (no `python3-venv`, no route to the package index).
    public static func prepare(root: URL) throws {
        let venv = environment(root: root)
        let gunicorn = venv.appendingPathComponent("bin/gunicorn")
        let stamp = venv.appendingPathComponent("assay-packages.txt")
        let wanted = packages.joined(separator: "\n")
        if FileManager.default.isExecutableFile(atPath: gunicorn.path),
            (try? String(contentsOf: stamp, encoding: .utf8)) == wanted
        {
            return
        }
        let python = URL(fileURLWithPath: "/usr/bin/env")
        let made = try CLIRun.run(python, ["python3", "-m", "venv", venv.path], timeout: 300)
        guard made.exitCode == 0 else {
            throw TargetProcessError(
                description: "python3 -m venv failed (Debian needs python3-venv): \(made.allOutput)")
        }
        let pip = venv.appendingPathComponent("bin/pip")
        let installed = try CLIRun.run(pip, ["install", "-q", "--disable-pip-version-check"] + packages, timeout: 600)
        guard installed.exitCode == 0 else {
            throw TargetProcessError(
                description: "pip install \(packages.joined(separator: " ")) failed: \(installed.allOutput)")
        }
        try wanted.write(to: stamp, atomically: true, encoding: .utf8)
    }

    /// Starts gunicorn serving httpbin on `127.0.0.1:port`, without waiting for it to answer:
    /// a suite's `retry` is what waits for it.
    public init(root: URL, port: UInt16) throws {
        let venv = Self.environment(root: root)
        let process = Process()
        process.executableURL = venv.appendingPathComponent("bin/gunicorn")
        process.arguments = [
            "--bind", "127.0.0.1:\(port)", "--workers", "1", "--threads", "8", "--worker-class", "gthread",
            "httpbin:app",
        ]
        let logURL = FileManager.default.temporaryDirectory.appendingPathComponent("httpbin-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let log = try FileHandle(forWritingTo: logURL)
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        self.process = process
        self.port = port
        self.logURL = logURL
    }

    /// What gunicorn and httpbin printed, for a failing test's message.
    public var log: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

    /// Stops gunicorn (SIGTERM, then SIGKILL after 10 s).
    public func stop() {
        if process.isRunning {
            process.terminate()
            let deadline = Date().addingTimeInterval(10)
            while process.isRunning && Date() < deadline { usleep(10_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: logURL)
    }
}
