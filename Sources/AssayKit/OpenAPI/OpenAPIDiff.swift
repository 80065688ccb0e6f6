/// Compares two versions of an OpenAPI description, operation by operation: what a client of the
/// old one can no longer rely on (breaking), and what was only added or relaxed.
public struct OpenAPIDiff {
    public let old: OpenAPISpec
    public let new: OpenAPISpec
    var changes: [OpenAPIChange] = []

    /// The changes from `old` to `new`, breaking ones first, each group in document order.
    public static func compare(_ old: OpenAPISpec, _ new: OpenAPISpec) -> [OpenAPIChange] {
        var diff = OpenAPIDiff(old: old, new: new)
        diff.compareOperations()
        return diff.changes.filter(\.isBreaking) + diff.changes.filter { !$0.isBreaking }
    }

    init(old: OpenAPISpec, new: OpenAPISpec) {
        self.old = old
        self.new = new
    }

    mutating func add(
        _ kind: OpenAPIChange.Kind, _ operation: String, _ message: String, old: SourceLocation?, new: SourceLocation?
    ) {
        changes.append(OpenAPIChange(kind, operation, message, old: old, new: new))
    }

    private mutating func compareOperations() {
        let newPaths = Set(new.operations.map(\.path))
        let oldPaths = Set(old.operations.map(\.path))
        let newPathsNode = new.root["paths"]
        var reportedPaths: Set<String> = []
        for operation in old.operations {
            if let counterpart = new.operation(operation.method, operation.path) {
                compare(operation, counterpart)
            } else if !newPaths.contains(operation.path) {
                if reportedPaths.insert(operation.path).inserted {
                    add(
                        .pathRemoved, operation.path, "path `\(operation.path)` was removed",
                        old: operation.pathLocation, new: newPathsNode?.location)
                }
            } else {
                let pathLocation = new.operations.first { $0.path == operation.path }?.pathLocation
                add(
                    .methodRemoved, operation.title, "operation `\(operation.title)` was removed",
                    old: operation.location, new: pathLocation)
            }
        }
        var addedPaths: Set<String> = []
        for operation in new.operations where old.operation(operation.method, operation.path) == nil {
            if !oldPaths.contains(operation.path) {
                if addedPaths.insert(operation.path).inserted {
                    add(
                        .pathAdded, operation.path, "path `\(operation.path)` was added", old: nil,
                        new: operation.pathLocation)
                }
            } else {
                add(
                    .methodAdded, operation.title, "operation `\(operation.title)` was added", old: nil,
                    new: operation.location)
            }
        }
    }

    private mutating func compare(_ before: OpenAPIOperation, _ after: OpenAPIOperation) {
        compareParameters(before, after)
        compareRequestBodies(before, after)
        compareResponses(before, after)
        compareSecurity(before, after)
    }

    private mutating func compareParameters(_ before: OpenAPIOperation, _ after: OpenAPIOperation) {
        let oldParameters = before.parameters(old.resolver)
        let newParameters = after.parameters(new.resolver)
        for parameter in newParameters {
            let previous = oldParameters.first { $0.name == parameter.name && $0.place == parameter.place }
            if let previous {
                if parameter.required && !previous.required {
                    add(
                        .requiredParameterAdded, after.title, "\(parameter.title) became required",
                        old: previous.node.location, new: parameter.node.location)
                }
                compareSchemas(
                    previous.node["schema"], parameter.node["schema"], side: .request, operation: after.title,
                    where: parameter.title)
            } else if parameter.required {
                add(
                    .requiredParameterAdded, after.title, "required \(parameter.title) was added", old: before.location,
                    new: parameter.node.location)
            } else {
                add(
                    .optionalParameterAdded, after.title, "optional \(parameter.title) was added", old: before.location,
                    new: parameter.node.location)
            }
        }
        for parameter in oldParameters
        where !newParameters.contains(where: { $0.name == parameter.name && $0.place == parameter.place }) {
            add(
                .parameterRemoved, before.title, "\(parameter.title) was removed", old: parameter.node.location,
                new: after.location)
        }
    }

    private mutating func compareRequestBodies(_ before: OpenAPIOperation, _ after: OpenAPIOperation) {
        let oldBody = old.resolver.resolved(before.node["requestBody"])
        guard let newBody = new.resolver.resolved(after.node["requestBody"]) else { return }
        let newRequired = newBody["required"]?.bool ?? false
        if newRequired && !(oldBody?["required"]?.bool ?? false) {
            add(
                .requestBodyRequired, after.title, "the request body became required",
                old: oldBody?.location ?? before.location, new: newBody.location)
        }
        guard let oldBody else { return }
        for (mediaType, _, newMedia) in newBody["content"]?.members ?? [] {
            guard let oldMedia = oldBody["content"]?[mediaType] else { continue }
            compareSchemas(
                oldMedia["schema"], newMedia["schema"], side: .request, operation: after.title,
                where: "request body (\(mediaType))")
        }
    }

    private mutating func compareResponses(_ before: OpenAPIOperation, _ after: OpenAPIOperation) {
        let newResponses = after.node["responses"]
        for (status, statusLocation, rawOld) in before.node["responses"]?.members ?? [] {
            guard let rawNew = newResponses?[status] else {
                if status.hasPrefix("2") {
                    add(
                        .successStatusRemoved, after.title, "success status \(status) was removed", old: statusLocation,
                        new: newResponses?.location ?? after.location)
                }
                continue
            }
            guard let oldResponse = old.resolver.resolved(rawOld), let newResponse = new.resolver.resolved(rawNew)
            else { continue }
            for (header, headerLocation, _) in oldResponse["headers"]?.members ?? []
            where newResponse["headers"]?[header] == nil {
                add(
                    .responseHeaderRemoved, after.title, "response header `\(header)` of status \(status) was removed",
                    old: headerLocation, new: newResponse.location)
            }
            for (header, headerLocation, _) in newResponse["headers"]?.members ?? []
            where oldResponse["headers"]?[header] == nil {
                add(
                    .responseHeaderAdded, after.title, "response header `\(header)` of status \(status) was added",
                    old: oldResponse.location, new: headerLocation)
            }
            for (mediaType, _, newMedia) in newResponse["content"]?.members ?? [] {
                guard let oldMedia = oldResponse["content"]?[mediaType] else { continue }
                compareSchemas(
                    oldMedia["schema"], newMedia["schema"], side: .response, operation: after.title,
                    where: "response \(status) (\(mediaType))")
            }
        }
        let oldResponses = before.node["responses"]
        for (status, statusLocation, _) in newResponses?.members ?? [] where oldResponses?[status] == nil {
            add(
                .statusAdded, after.title, "status \(status) was added", old: oldResponses?.location,
                new: statusLocation)
        }
    }

    /// A requirement is added when some way of calling the old operation (an alternative of its
    /// security) satisfies none of the new alternatives.
    private mutating func compareSecurity(_ before: OpenAPIOperation, _ after: OpenAPIOperation) {
        let oldAlternatives = old.security(of: before)
        let newAlternatives = new.security(of: after)
        let location = after.node["security"]?.location ?? new.root["security"]?.location ?? after.location
        let oldLocation = before.node["security"]?.location ?? old.root["security"]?.location ?? before.location
        let stranded = oldAlternatives.filter { credentials in
            !newAlternatives.contains { $0.isSubset(of: credentials) }
        }
        // A new alternative that no old one already covers: more ways in than before.
        func isNewWay(_ credentials: Set<String>) -> Bool { !oldAlternatives.contains { $0.isSubset(of: credentials) } }
        if !stranded.isEmpty {
            let names = newAlternatives.map { $0.isEmpty ? "none" : $0.sorted().joined(separator: " + ") }
            add(
                .securityRequirementAdded, after.title, "security now requires \(names.joined(separator: " or "))",
                old: oldLocation, new: location)
        } else if oldAlternatives != newAlternatives, newAlternatives.contains(where: isNewWay) {
            add(.securityRelaxed, after.title, "security accepts more alternatives", old: oldLocation, new: location)
        }
    }
}
