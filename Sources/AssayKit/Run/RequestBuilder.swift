import Foundation

/// Turns a request template into the request to send: variables resolved, the path
/// joined to the target, suite default headers merged, the body encoded.
struct RequestBuilder {
    let target: String
    let defaults: SuiteDefaults
    /// `defaults.headers` already resolved, used when they hold in the request's scope.
    var resolvedDefaults: ResolvedHeaders? = nil

    func build(_ template: RequestTemplate, scope: VariableScope) throws(Diagnostic) -> HTTPRequest {
        var url = try scope.resolve(template.url, at: template.location)
        if !url.containsBytes("://") {
            let base = target.hasSuffix("/") ? String(target.dropLast()) : target
            url = base + (url.hasASCIIPrefix("/") ? url : "/" + url)
        }
        if !template.query.isEmpty {
            var parts: [String] = []
            for item in template.query {
                let value = try scope.resolve(item.value, at: template.location)
                parts.append("\(Self.percentEncode(item.name))=\(Self.percentEncode(value))")
            }
            url += (url.containsBytes("?") ? "&" : "?") + parts.joined(separator: "&")
        }
        var headers: [HTTPHeader] = []
        // The suite's defaults, then the request's own: a later header of the same name replaces an
        // earlier one, and `removed` drops it. Two loops, not `defaults.headers + template.headers`,
        // which built a third array for every request.
        func add(_ header: HeaderTemplate) throws(Diagnostic) {
            let value =
                header.value == HeaderTemplate.removed ? nil : try scope.resolve(header.value, at: header.location)
            Self.add(header.name, value: value, to: &headers)
        }
        if let resolvedDefaults, resolvedDefaults.hold(in: scope) {
            headers = resolvedDefaults.headers
        } else {
            headers.reserveCapacity(defaults.headers.count + template.headers.count)
            for header in defaults.headers { try add(header) }
        }
        for header in template.headers { try add(header) }
        let encoder = RequestBodyEncoder(scope: scope, location: template.location)
        if let auth = template.basicAuth {
            Self.add("Authorization", value: try encoder.basicAuthorization(auth), to: &headers)
        }
        if !template.cookies.isEmpty {
            var pairs: [String] = []
            for cookie in template.cookies {
                pairs.append(cookie.name + "=" + (try scope.resolve(cookie.value, at: template.location)))
            }
            let written = headers.first { $0.hasName("Cookie") }?.value
            Self.add("Cookie", value: ([written].compactMap { $0 } + pairs).joined(separator: "; "), to: &headers)
        }
        // A content type the suite wrote wins over the one the body kind implies.
        func defaultContentType(_ value: String) {
            if !headers.contains(where: { $0.hasName("Content-Type") }) {
                headers.append(HTTPHeader(name: "Content-Type", value: value))
            }
        }
        var body: Data?
        switch template.body {
        case .none: break
        case .json(let value):
            body = Data(JSONWriter.compact(try scope.resolve(value, at: template.location)).utf8)
            if !headers.contains(where: { $0.hasName("Content-Type") }) {
                headers.append(HTTPHeader(name: "Content-Type", value: "application/json"))
            }
        case .text(let text):
            body = Data(try scope.resolve(text, at: template.location).utf8)
        case .form(let fields):
            body = try encoder.form(fields)
            defaultContentType("application/x-www-form-urlencoded")
        case .multipart(let parts):
            let (bytes, contentType) = try encoder.multipart(parts)
            body = bytes
            // The boundary is in the content type, so a written one would not match the body.
            Self.add("Content-Type", value: contentType, to: &headers)
        case .file(let path):
            body = try RequestBodyEncoder.read(path, at: template.location)
        }
        return HTTPRequest(
            method: try method(template, scope: scope), url: url, headers: HTTPHeaders(headers), body: body)
    }

    /// The method to send. Written without variables it was checked and upper-cased when the suite
    /// was decoded; one that comes from a variable is checked here.
    private func method(_ template: RequestTemplate, scope: VariableScope) throws(Diagnostic) -> String {
        guard template.method.mayReferenceVariables else { return template.method }
        let written = try scope.resolve(template.method, at: template.location)
        guard let method = RequestTemplate.method(sending: written) else {
            throw Diagnostic(
                "expected an HTTP method such as \"GET\", found \"\(written.uppercased())\"",
                at: template.location(of: template.method))
        }
        return method
    }

    /// Adds a resolved header after the others, replacing any of the same name; nil only removes them.
    static func add(_ name: String, value: String?, to headers: inout [HTTPHeader]) {
        headers.removeAll { $0.hasName(name) }
        if let value { headers.append(HTTPHeader(name: name, value: value)) }
    }

    /// RFC 3986 unreserved characters stay; everything else is percent-encoded.
    static func percentEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
