/// `POST /v1/debug/fail` and `GET /v1/debug/fail`: always answer a 500 envelope, to test trace-on-500.
///
/// Always on (the target exists to be tested); it needs a valid token in strict mode but no scope.
extension TargetServer {
    var debugRoutes: [Route] {
        ["GET", "POST"].map { method in
            Route(method, "/v1/debug/fail", scope: nil) { [self] _ in
                fail(.serverError("The server had an error while processing your request (debug route)."))
            }
        }
    }
}
