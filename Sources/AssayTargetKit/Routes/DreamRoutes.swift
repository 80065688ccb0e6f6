/// Placeholder until the endpoint lands.
extension TargetServer {
    var dreamRoutes: [Route] { [] }
}
