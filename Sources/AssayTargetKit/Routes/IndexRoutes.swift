/// Placeholder until the endpoint lands.
extension TargetServer {
    var indexRoutes: [Route] { [] }
}
