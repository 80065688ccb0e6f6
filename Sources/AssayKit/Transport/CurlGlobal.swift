import CCurl
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Process-wide libcurl set-up, done once before the first handle is created.
public enum CurlGlobal {
    /// Runs once: Swift initializes a static `let` exactly once, even under concurrent first use.
    private static let setUp: Bool = {
        // A peer that closes mid-send would otherwise kill the process with SIGPIPE;
        // libcurl cannot block it itself because every handle runs with NOSIGNAL=1.
        signal(SIGPIPE, SIG_IGN)
        return curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK
    }()

    /// Ignores SIGPIPE and calls `curl_global_init`, once per process; safe to call repeatedly.
    @discardableResult
    public static func initialize() -> Bool {
        setUp
    }

    /// Starts `initialize()` on a background thread and returns at once. libcurl's set-up (OpenSSL
    /// reads its configuration) is then done while the suites are checked, not after; whoever
    /// calls `initialize()` first waits for it to finish (a static `let` runs once, and
    /// concurrent first callers wait for it). Nothing else of libcurl may run meanwhile, which
    /// holds: every handle is made through `initialize()`.
    public static func initializeInBackground() {
        Thread.detachNewThread { initialize() }
    }

    /// The libcurl version string, e.g. `libcurl/7.88.1 OpenSSL/3.0.15 ...`, for diagnostics.
    public static var versionDescription: String {
        initialize()
        guard let text = curl_version() else { return "libcurl" }
        return String(cString: text)
    }
}
