/// The `--help` text, rendered from the flag list and the fault table.
extension TargetOptions {
    /// One documented flag.
    public struct FlagDoc: Sendable {
        /// The flag with its value placeholder.
        public var flag: String
        /// What it does, with its default.
        public var summary: String
    }

    /// Every flag, in the order `--help` and docs/TARGET.md list them.
    public static let flagDocs: [FlagDoc] = [
        FlagDoc(flag: "--port N", summary: "Port on 127.0.0.1; 0 (default) picks a free one."),
        FlagDoc(flag: "--port-file F", summary: "Also write the bound port to file F."),
        FlagDoc(flag: "--mode strict|permissive", summary: "Auth policy (default strict)."),
        FlagDoc(
            flag: "--token TOKEN[=scope,...]",
            summary: "Accept a bearer token; without =scopes it has every scope. Repeatable."),
        FlagDoc(flag: "--tokens-file F", summary: "Read token specs, one per line (# comments)."),
        FlagDoc(
            flag: "--model ID",
            summary:
                "Serve model ID (repeatable; default assay-small, assay-large). assay-stream-error is served besides, unlisted."
        ),
        FlagDoc(flag: "--fault NAME[,NAME]", summary: "Switch on a fault (repeatable); see the table below."),
        FlagDoc(flag: "--rate-limit RPS", summary: "Token refill per second per route and principal (default 1000)."),
        FlagDoc(flag: "--burst N", summary: "Token bucket size (default 1000)."),
        FlagDoc(flag: "--heartbeat-ms N", summary: "`: ping` period while a stream is pending (default 250)."),
        FlagDoc(
            flag: "--first-token-delay-ms N",
            summary: "How long a stream is pending before the first delta (default 0)."),
        FlagDoc(flag: "--token-interval-ms N", summary: "Spacing between streamed deltas (default 0)."),
        FlagDoc(
            flag: "--idempotency-ttl D", summary: "Idempotency-Key lifetime, e.g. 500ms, 2s, 5m, 24h (default 24h)."),
        FlagDoc(flag: "--max-body-bytes N", summary: "Largest request body; larger gets 413 (default 1048576)."),
        FlagDoc(flag: "--max-connections N", summary: "Connections served at once; more get 503 (default 512)."),
        FlagDoc(
            flag: "--head-timeout D", summary: "Time to send a request head; past it, 408 and close (default 10s)."),
        FlagDoc(flag: "--idle-timeout D", summary: "Time a keep-alive connection may stay silent (default 120s)."),
        FlagDoc(flag: "--help, --version", summary: "Print this help or the version."),
    ]

    /// The full help text.
    public static var helpText: String {
        var text = """
            assay-target \(TargetVersion.current): an OpenAI-compatible reference server for Assay.
            Binds 127.0.0.1 only. The first stdout line is `listening on http://127.0.0.1:PORT`.
            Without --token, the tokens are sk-assay-full (every scope) and sk-assay-models (models:read).

            USAGE: assay-target [flags]

            FLAGS:

            """
        let width = (flagDocs.map(\.flag.count).max() ?? 0) + 2
        for doc in flagDocs { text += "  " + doc.flag.padding(width) + doc.summary + "\n" }
        text += "\nSCOPES: " + Scope.allCases.map(\.rawValue).joined(separator: ", ") + "\n"
        text += """

            NOTES:
              Auth runs before routing on /v1/*: an unknown /v1 path without valid credentials gets 401.
              POST /v1/debug/fail (or GET) always answers a 500 server_error envelope (valid token, no scope).
              X-Debug-Delay-Ms: N (capped at 10000) delays any /v1 route by N ms, e.g. to observe the idempotency 409.
              Replays repeat the stored status, headers and body; X-Trace-Id and x-ratelimit-* are fresh per response.
              Health endpoints (/healthz, /readyz, /metrics, /openapi.json) need no auth and are not rate limited.
              See docs/TARGET.md for the endpoint, scope and fault tables.

            """
        text += "\nFAULTS (each breaks exactly one contract clause):\n"
        let faultWidth = (Fault.allCases.map(\.rawValue.count).max() ?? 0) + 2
        for entry in Fault.table {
            text += "  " + entry.fault.rawValue.padding(faultWidth) + "[\(entry.area)] " + entry.summary + "\n"
        }
        return text
    }
}

extension String {
    /// The text padded with spaces to at least `width` characters.
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
