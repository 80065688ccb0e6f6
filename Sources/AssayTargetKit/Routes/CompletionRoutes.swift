/// Placeholder until the endpoint lands.
extension TargetServer {
    var completionRoutes: [Route] { [] }
}
