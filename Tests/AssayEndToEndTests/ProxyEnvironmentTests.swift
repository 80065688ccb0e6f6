import AssayTestSupport
import Foundation
import Testing

/// Proxies come from the environment, as libcurl reads them by default. Assay skips libcurl's
/// lookups for each transfer only when no `*_proxy` variable is set, so setting one must still
/// route requests through the proxy, and `no_proxy` must still exempt hosts.
@Suite("Proxy environment, end to end")
struct ProxyEnvironmentTests {
    static let suite = #"""
        {"name": "p", "cases": [{"name": "models", "request": {"path": "/v1/models"}, "expect": {"status": 200}}]}
        """#

    /// With `http_proxy` set, the request goes to the proxy in absolute form, and its answer is judged.
    /// Nothing listens on the target's port: a request sent straight there would not be executed.
    @Test func httpProxyVariableRoutesRequests() throws {
        let directory = try TemporaryDirectory()
        _ = try directory.write(Self.suite, to: "Suites/p.jsonc")
        let proxy = try LoopbackServer(script: [.serve { _ in LoopbackServer.response(body: "{}") }])
        let target = "http://127.0.0.1:\(try LoopbackServer.unusedPort())"
        let outcome = try CLIRun.assay(
            ["run", "Suites", "--target", target], environment: ["http_proxy": proxy.baseURL], directory: directory.url)
        #expect(outcome.exitCode == 0, "\(outcome.allOutput)")
        #expect(proxy.requests.map(\.target) == ["\(target)/v1/models"])
    }

    /// `no_proxy` naming the target's host sends the request straight to it, past the proxy.
    @Test func noProxyVariableExemptsHosts() throws {
        let directory = try TemporaryDirectory()
        _ = try directory.write(Self.suite, to: "Suites/p.jsonc")
        let proxy = try LoopbackServer(script: [
            .serve { _ in LoopbackServer.response(status: 502, reason: "Bad Gateway") }
        ])
        let target = try LoopbackServer(script: [.serve { _ in LoopbackServer.response(body: "{}") }])
        let outcome = try CLIRun.assay(
            ["run", "Suites", "--target", target.baseURL],
            environment: ["http_proxy": proxy.baseURL, "no_proxy": "127.0.0.1"], directory: directory.url)
        #expect(outcome.exitCode == 0, "\(outcome.allOutput)")
        #expect(proxy.requests.isEmpty)
        #expect(target.requests.map(\.target) == ["/v1/models"])
    }
}
