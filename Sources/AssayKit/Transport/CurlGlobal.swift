import CCurl
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Process-wide libcurl set-up, done once before the first handle is created: libcurl is loaded
/// (it is opened at run time, not linked; see CCurl.h), then `curl_global_init` runs.
public enum CurlGlobal {
    /// Runs once: Swift initializes a static `let` exactly once, even under concurrent first use.
    /// Nil when libcurl is ready, else why it is not.
    private static let failure: String? = {
        // A peer that closes mid-send would otherwise kill the process with SIGPIPE;
        // libcurl cannot block it itself because every handle runs with NOSIGNAL=1.
        signal(SIGPIPE, SIG_IGN)
        if let reason = assay_curl_load() {
            return "libcurl could not be loaded: \(String(cString: reason)) (install libcurl4-openssl-dev)"
        }
        let code = assay_curl_global_init(Int(CURL_GLOBAL_ALL))
        return code == CURLE_OK ? nil : "libcurl could not be initialized (curl_global_init returned \(code.rawValue))"
    }()

    /// Loads libcurl and calls `curl_global_init`, once per process; safe to call repeatedly.
    /// False when libcurl cannot be used (`problem` says why): no handle can be made then.
    @discardableResult
    public static func initialize() -> Bool {
        failure == nil
    }

    /// Why libcurl cannot be used, or nil when it can (loading it first if need be).
    public static var problem: String? { failure }

    /// Starts `initialize()` on a background thread and returns at once. Loading libcurl and its
    /// libraries and its set-up (OpenSSL reads its configuration) are then done while the
    /// suites are checked, not after; whoever calls `initialize()` first waits for it to finish (a
    /// static `let` runs once, and concurrent first callers wait for it). Nothing else of libcurl
    /// may run meanwhile, which holds: every handle is made through `initialize()`.
    public static func initializeInBackground() {
        Thread.detachNewThread { initialize() }
    }
}
