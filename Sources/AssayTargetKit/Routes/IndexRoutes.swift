/// The index manager: create, get, search and delete document indexes.
extension TargetServer {
    var indexRoutes: [Route] {
        [
            Route("POST", "/v1/indexes", scope: .indexesWrite) { [self] context in createIndex(context) },
            Route("GET", "/v1/indexes/{id}", scope: .indexesRead) { [self] context in
                guard let index = indexes.get(context.parameters["id"] ?? "") else { return indexNotFound(context) }
                return .full(.json(200, Self.indexObject(index)))
            },
            Route("DELETE", "/v1/indexes/{id}", scope: .indexesWrite) { [self] context in
                let id = context.parameters["id"] ?? ""
                guard indexes.delete(id) else { return indexNotFound(context) }
                return .full(
                    .json(
                        200,
                        .object([("id", .string(id)), ("object", .string("index.deleted")), ("deleted", .bool(true))])))
            },
            Route("POST", "/v1/indexes/{id}/search", scope: .indexesRead) { [self] context in search(context) },
        ]
    }

    private func createIndex(_ context: RouteContext) -> Reply {
        let json: RequestJSON
        switch jsonBody(context) {
        case .success(let parsed): json = parsed
        case .failure(let error): return error.reply
        }
        guard let name = json.string("name"), !name.isEmpty else {
            return invalidIndexInput("name", "'name' must be a non-empty string.", missing: !json.has("name"))
        }
        guard let rawDocuments = json.object["documents"] as? [Any], !rawDocuments.isEmpty else {
            return invalidIndexInput(
                "documents", "'documents' must be a non-empty array of strings or {id, text} objects.",
                missing: !json.has("documents"))
        }
        var documents: [IndexStore.Document] = []
        for (position, raw) in rawDocuments.enumerated() {
            if let text = raw as? String {
                documents.append(IndexStore.Document(id: "doc_\(position)", text: text))
            } else if let object = raw as? [String: Any], let text = object["text"] as? String,
                object["id"] == nil || object["id"] is String
            {
                documents.append(IndexStore.Document(id: object["id"] as? String ?? "doc_\(position)", text: text))
            } else {
                return invalidIndexInput(
                    "documents", "documents[\(position)] must be a string or an {id, text} object.", missing: false)
            }
        }
        return .full(.json(200, Self.indexObject(indexes.create(name: name, documents: documents))))
    }

    private func search(_ context: RouteContext) -> Reply {
        let id = context.parameters["id"] ?? ""
        let includeDeleted = faults.contains(.indexSearchAfterDelete)
        guard let index = indexes.get(id, includeDeleted: includeDeleted) else { return indexNotFound(context) }
        let json: RequestJSON
        switch jsonBody(context) {
        case .success(let parsed): json = parsed
        case .failure(let error): return error.reply
        }
        guard let query = json.string("query"), !query.isEmpty else {
            return invalidIndexInput("query", "'query' must be a non-empty string.", missing: !json.has("query"))
        }
        var topK = 3
        if json.has("top_k") {
            guard let value = json.int("top_k"), (1...100).contains(value) else {
                return invalidIndexInput("top_k", "'top_k' must be an integer from 1 to 100.", missing: false)
            }
            topK = value
        }
        let results = IndexSearch.rank(query: query, documents: index.documents).prefix(topK).map { hit in
            OrderedJSON.object([
                ("object", .string("search_result")), ("document_id", .string(hit.document.id)),
                ("score", .number(hit.score)), ("text", .string(hit.document.text)),
            ])
        }
        return .full(
            .json(
                200,
                .object([
                    ("object", .string("list")), ("index_id", .string(index.id)), ("query", .string(query)),
                    ("data", .array(Array(results))),
                ])))
    }

    private func indexNotFound(_ context: RouteContext) -> Reply {
        let id = context.parameters["id"] ?? ""
        return fail(ErrorEnvelope(404, "No index with id '\(id)'.", param: "id", code: "index_not_found"))
    }

    /// 422 for a well-formed body with bad fields, or the framework shape under `index-bad-input-framework-422`.
    private func invalidIndexInput(_ param: String, _ message: String, missing: Bool) -> Reply {
        if faults.contains(.indexBadInputFramework422) {
            let detail = OrderedJSON.object([
                ("type", .string(missing ? "missing" : "value_error")),
                ("loc", .array([.string("body"), .string(param)])),
                ("msg", .string(missing ? "Field required" : message)),
            ])
            return .full(.json(422, .object([("detail", .array([detail]))])))
        }
        return fail(
            ErrorEnvelope(422, message, param: param, code: missing ? "missing_required_parameter" : "invalid_value"))
    }

    static func indexObject(_ index: IndexStore.Index) -> OrderedJSON {
        .object([
            ("id", .string(index.id)), ("object", .string("index")), ("name", .string(index.name)),
            ("document_count", .int(index.documents.count)), ("created_at", .int(index.createdAt)),
            ("status", .string("ready")),
        ])
    }
}
