/// Placeholder until the endpoint lands.
extension TargetServer {
    var embeddingRoutes: [Route] { [] }
}
