/// Objects a finished command hands to the process exit instead of freeing them itself. A run's
/// plan and results are thousands of small allocations; freeing them one by one after the last
/// case only delays the exit code, and the operating system reclaims the memory at exit anyway.
/// Only for what lives until the command returns: never for anything a long-lived loop makes.
enum ExitKeepsAlive {
    // Touched only by the main thread, after every worker thread of the run has been joined.
    nonisolated(unsafe) private static var kept: [Any] = []

    static func keep(_ value: Any) { kept.append(value) }
}
