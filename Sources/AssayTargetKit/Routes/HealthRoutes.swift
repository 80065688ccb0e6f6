import Foundation

/// `GET /healthz`, `GET /readyz`, `GET /metrics` and `GET /openapi.json`: no auth, no rate limit.
extension TargetServer {
    var healthRoutes: [Route] {
        [
            Route("GET", "/healthz", scope: nil) { [self] _ in
                probe(up: !faults.contains(.healthzDown), okStatus: "ok")
            },
            Route("GET", "/readyz", scope: nil) { [self] _ in
                probe(up: !faults.contains(.readyzDown), okStatus: "ready")
            },
            Route("GET", "/metrics", scope: nil) { [self] _ in
                .full(
                    .text(
                        200, metrics.render(uptimeSeconds: Date().timeIntervalSince(startedAt)),
                        contentType: "text/plain; version=0.0.4; charset=utf-8"))
            },
            Route("GET", "/openapi.json", scope: nil) { [self] context in
                let host = context.request.header("Host") ?? "127.0.0.1"
                let routes = v1Router.routes + rootRouter.routes
                return .full(
                    .json(
                        200,
                        OpenAPIDocument.build(
                            serverURL: "http://\(host)", routes: routes, models: options.effectiveModels,
                            faults: faults)))
            },
        ]
    }

    private func probe(up: Bool, okStatus: String) -> Reply {
        up
            ? .full(.json(200, .object([("status", .string(okStatus))])))
            : .full(.json(503, .object([("status", .string("unavailable"))])))
    }
}
