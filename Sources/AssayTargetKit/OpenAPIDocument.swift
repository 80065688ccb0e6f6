/// The OpenAPI 3.1 description served at `/openapi.json`.
public enum OpenAPIDocument {
    /// Builds the document; `faults` can drop `servers`, `x-service-version` or `components.headers`.
    public static func build(serverURL: String, faults: Set<Fault>) -> OrderedJSON {
        var info: [(String, OrderedJSON)] = [
            ("title", .string("assay-target")), ("version", .string(TargetVersion.current)),
        ]
        if !faults.contains(.openapiMissingVersion) {
            info.append(("x-service-version", .string(TargetVersion.current)))
        }
        var document: [(String, OrderedJSON)] = [("openapi", .string("3.1.0")), ("info", .object(info))]
        if !faults.contains(.openapiMissingServers) {
            document.append(("servers", .array([.object([("url", .string(serverURL))])])))
        }
        document.append(("paths", .object([])))
        return .object(document)
    }
}
