import Foundation

/// Renders a request as a one-line `curl` command a user can paste to reproduce it, with
/// secrets masked.
public enum CurlCommand {
    /// A one-line, shell-quoted `curl` command sending the same request with the same options.
    ///
    /// Sensitive headers keep only their scheme (`Bearer ***`) and declared secret values are
    /// masked anywhere, via `redactor`. A body that is not UTF-8 cannot be pasted, so it is
    /// referenced as `@body.bin`. With the `response` the request got, a body Assay decoded
    /// (`Content-Encoding`) makes the command ask curl to decode it too (`--compressed`), so the
    /// pasted command prints what the checks saw rather than binary.
    public static func render(
        request: HTTPRequest, options: TransportOptions = TransportOptions(), redactor: Redactor = Redactor(),
        response: HTTPResponse? = nil
    ) -> String {
        var words = ["curl"]
        let url = redactor.redact(request.url)
        // curl's CLI expands [] and {} in URLs as globs; -g sends them literally, as libcurl does.
        if url.contains(where: { "[]{}".contains($0) }) { words.append("-g") }
        words += methodWords(request)
        words.append(TextEscaping.shellWord(url))
        for field in request.headers {
            let value = redactor.redactHeader(name: field.name, value: field.value)
            words += ["-H", TextEscaping.shellWord(value.isEmpty ? "\(field.name);" : "\(field.name): \(value)")]
        }
        let sendsBody = request.body != nil || request.method == "POST"
        if sendsBody, !request.headers.contains("Content-Type") {
            // The transport suppresses curl's default form Content-Type; the command must too.
            words += ["-H", TextEscaping.shellWord("Content-Type:")]
        }
        if let body = request.body {
            if let text = String(data: body, encoding: .utf8) {
                words += ["--data-raw", TextEscaping.shellWord(redactor.redact(text))]
            } else {
                words += ["--data-binary", "@body.bin"]
            }
        } else if request.method == "POST" {
            words += ["--data-raw", "''"]
        }
        words += optionWords(options, url: request.url)
        if options.decompress, let response, decodedBody(response) { words.append("--compressed") }
        return words.joined(separator: " ")
    }

    /// Whether the response's body came encoded (gzip, br, …), so the transport decoded it.
    static func decodedBody(_ response: HTTPResponse) -> Bool {
        response.headers.values("Content-Encoding").contains {
            let coding = $0.trimmingCharacters(in: .whitespaces).lowercased()
            return !coding.isEmpty && coding != "identity"
        }
    }

    /// The method flag, if curl would not infer the method from the other flags.
    private static func methodWords(_ request: HTTPRequest) -> [String] {
        switch (request.method, request.body) {
        case ("GET", nil), ("POST", _): []
        case ("HEAD", nil): ["--head"]
        default: ["-X", TextEscaping.shellWord(request.method)]
        }
    }

    private static func optionWords(_ options: TransportOptions, url: String) -> [String] {
        var words: [String] = []
        switch options.httpVersion {
        case .automatic: break
        case .http1_1: words.append("--http1.1")
        case .http2:
            words.append(url.lowercased().hasPrefix("https:") ? "--http2" : "--http2-prior-knowledge")
        }
        if !options.verifyTLS { words.append("-k") }
        if let caCertPath = options.caCertPath { words += ["--cacert", TextEscaping.shellWord(caCertPath)] }
        if let certPath = options.clientCertPath { words += ["--cert", TextEscaping.shellWord(certPath)] }
        if let keyPath = options.clientKeyPath { words += ["--key", TextEscaping.shellWord(keyPath)] }
        if options.followRedirects {
            words += [
                options.redirectsKeepCredentials ? "--location-trusted" : "-L", "--max-redirs",
                String(options.maxRedirects),
            ]
        }
        return words
    }
}
