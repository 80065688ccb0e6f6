import Foundation

/// Renders a request as a one-line `curl` command a user can paste to reproduce it, with
/// secrets masked.
public enum CurlCommand {
    /// A one-line, shell-quoted `curl` command sending the same request with the same options.
    ///
    /// Sensitive headers keep only their scheme (`Bearer ***`) and declared secret values are
    /// masked anywhere, via `redactor`. A body that is not UTF-8 cannot be pasted, so it is
    /// referenced as `@body.bin`.
    public static func render(
        request: HTTPRequest, options: TransportOptions = TransportOptions(), redactor: Redactor = Redactor()
    ) -> String {
        var words = ["curl"]
        let url = redactor.redact(request.url)
        // curl's CLI expands [] and {} in URLs as globs; -g sends them literally, as libcurl does.
        if url.contains(where: { "[]{}".contains($0) }) { words.append("-g") }
        words += methodWords(request)
        words.append(shellQuoted(url))
        for field in request.headers {
            let value = redactor.redactHeader(name: field.name, value: field.value)
            words += ["-H", shellQuoted(value.isEmpty ? "\(field.name);" : "\(field.name): \(value)")]
        }
        let sendsBody = request.body != nil || request.method == "POST"
        if sendsBody, !request.headers.contains("Content-Type") {
            // The transport suppresses curl's default form Content-Type; the command must too.
            words += ["-H", shellQuoted("Content-Type:")]
        }
        if let body = request.body {
            if let text = String(data: body, encoding: .utf8) {
                words += ["--data-raw", shellQuoted(redactor.redact(text))]
            } else {
                words += ["--data-binary", "@body.bin"]
            }
        } else if request.method == "POST" {
            words += ["--data-raw", "''"]
        }
        words += optionWords(options, url: request.url)
        return words.joined(separator: " ")
    }

    /// The method flag, if curl would not infer the method from the other flags.
    private static func methodWords(_ request: HTTPRequest) -> [String] {
        switch (request.method, request.body) {
        case ("GET", nil), ("POST", _): []
        case ("HEAD", nil): ["--head"]
        default: ["-X", shellQuoted(request.method)]
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
        if let caCertPath = options.caCertPath { words += ["--cacert", shellQuoted(caCertPath)] }
        if options.followRedirects {
            words += [
                options.redirectsKeepCredentials ? "--location-trusted" : "-L", "--max-redirs",
                String(options.maxRedirects),
            ]
        }
        return words
    }

    /// Quotes one word for a POSIX shell: bare when safe, else in single quotes; text with
    /// control characters uses `$'…'` (POSIX.1-2024, bash, zsh, ksh) so the command stays one line.
    public static func shellQuoted(_ word: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-")
        if !word.isEmpty, word.allSatisfy({ safe.contains($0) }) { return word }
        let hasControl = word.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
        guard hasControl else { return "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'" }
        var quoted = "$'"
        for scalar in word.unicodeScalars {
            switch scalar {
            case "\\": quoted += #"\\"#
            case "'": quoted += #"\'"#
            case "\n": quoted += #"\n"#
            case "\r": quoted += #"\r"#
            case "\t": quoted += #"\t"#
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                quoted += #"\x"# + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "'"
    }
}
