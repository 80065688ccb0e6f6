/// `GET /v1/models` and `GET /v1/models/{id}`.
extension TargetServer {
    var modelRoutes: [Route] {
        [
            Route("GET", "/v1/models", scope: .modelsRead) { [self] _ in
                .full(
                    .json(
                        200,
                        .object([
                            ("object", .string("list")), ("data", .array(catalog.ids.map(ModelCatalog.object))),
                        ])))
            },
            Route("GET", "/v1/models/{id}", scope: .modelsRead) { [self] context in
                let id = context.parameters["id"] ?? ""
                switch catalog.resolve(id) {
                case .success(let model): return .full(.json(200, ModelCatalog.object(model)))
                case .failure(let envelope): return fail(envelope)
                }
            },
        ]
    }
}
