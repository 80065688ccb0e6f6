import Foundation

/// Renders a request as a one-line `curl` command a user can paste to reproduce it, with
/// secrets masked.
public enum CurlCommand {
    /// A one-line, shell-quoted `curl` command sending the same request with the same options.
    ///
    /// Sensitive headers keep only their scheme (`Bearer ***`) and declared secret values are
    /// masked anywhere, via `redactor`. A secret read from the environment and sent as it is
    /// becomes `"${NAME:?}"`, so the command sends it again where that variable is set (and the
    /// shell says which variable is missing where it is not); when a mask is left, a closing
    /// comment says what it stands for. A body that is not UTF-8 cannot be pasted, so it is
    /// referenced as `@body.bin`. With the `response` the request got, a body Assay decoded
    /// (`Content-Encoding`) makes the command ask curl to decode it too (`--compressed`), so the
    /// pasted command prints what the checks saw rather than binary.
    public static func render(
        request: HTTPRequest, options: TransportOptions = TransportOptions(), redactor: Redactor = Redactor(),
        response: HTTPResponse? = nil
    ) -> String {
        var words = ["curl"]
        let environment = redactor.environmentSecrets
        let url = redactor.redact(request.url)
        // curl's CLI expands [] and {} in URLs as globs; -g sends them literally, as libcurl does.
        if url.contains(where: { "[]{}".contains($0) }) { words.append("-g") }
        words += methodWords(request)
        words.append(word(request.url, environment, redactor))
        for field in request.headers {
            guard !field.value.isEmpty else {
                words += ["-H", TextEscaping.shellWord("\(field.name);")]
                continue
            }
            words += ["-H", headerWord(field.name, field.value, environment, redactor)]
        }
        let sendsBody = request.body != nil || request.method == "POST"
        if sendsBody, !request.headers.contains("Content-Type") {
            // The transport suppresses curl's default form Content-Type; the command must too.
            words += ["-H", TextEscaping.shellWord("Content-Type:")]
        }
        if let body = request.body {
            if let text = String(data: body, encoding: .utf8) {
                words += ["--data-raw", word(text, environment, redactor)]
            } else {
                words += ["--data-binary", "@body.bin"]
            }
        } else if request.method == "POST" {
            words += ["--data-raw", "''"]
        }
        words += optionWords(options, url: request.url)
        if options.decompress, let response, decodedBody(response) { words.append("--compressed") }
        var command = words.joined(separator: " ")
        if command.contains(Redactor.mask) { command += "  # \(Redactor.mask) \(maskNote)" }
        return command
    }

    /// What a mask left in the command stands for, as a closing shell comment.
    static let maskNote = "is a masked secret: put its value there to send this request"

    /// `text` as one shell word, masked, with each secret read from the environment that it holds
    /// as it is (not encoded) written `"${NAME:?}"`. A secret that overlaps one of those (a value
    /// built from it) leaves the whole word masked as before: no piece of it may show.
    static func word(_ text: String, _ environment: [(value: String, name: String)], _ redactor: Redactor) -> String {
        guard let pieces = pieces(of: text, environment, redactor) else {
            return TextEscaping.shellWord(redactor.redact(text))
        }
        return pieces.map { piece in
            switch piece {
            case .text(let text): TextEscaping.shellWord(redactor.redact(text))
            case .variable(let name): "\"${\(name):?}\""
            }
        }.joined()
    }

    /// A header as a `-H` word. A sensitive header shows its value only when that is an optional
    /// auth scheme and one secret read from the environment: `'Authorization: Bearer '"${TOKEN:?}"`.
    static func headerWord(
        _ name: String, _ value: String, _ environment: [(value: String, name: String)], _ redactor: Redactor
    ) -> String {
        guard Redactor.isSensitive(header: name) else { return word("\(name): \(value)", environment, redactor) }
        if let pieces = pieces(of: value, environment, redactor), case .variable(let variable) = pieces.last {
            var scheme = ""
            if pieces.count == 2, case .text(let text) = pieces[0] { scheme = text }
            let plainScheme =
                scheme.isEmpty
                || (scheme.hasSuffix(" ") && scheme.dropLast().allSatisfy { $0.isLetter || $0 == "-" }
                    && redactor.redact(scheme) == scheme)
            if pieces.count <= 2, plainScheme {
                return TextEscaping.shellWord("\(name): \(scheme)") + "\"${\(variable):?}\""
            }
        }
        return TextEscaping.shellWord("\(name): \(redactor.redactHeader(name: name, value: value))")
    }

    enum Piece: Equatable {
        case text(String)
        case variable(String)
    }

    /// `text` cut around the environment secrets it holds as they are; nil when it holds none, or
    /// when another secret overlaps one of them.
    static func pieces(of text: String, _ environment: [(value: String, name: String)], _ redactor: Redactor)
        -> [Piece]?
    {
        guard !environment.isEmpty else { return nil }
        var found: [(range: Range<String.Index>, name: String)] = []
        for secret in environment where isShellName(secret.name) {
            var start = text.startIndex
            while let range = text.range(of: secret.value, range: start..<text.endIndex) {
                if !found.contains(where: { $0.range.overlaps(range) }) { found.append((range, secret.name)) }
                start = range.upperBound
            }
        }
        guard !found.isEmpty else { return nil }
        let environmentValues = Set(environment.map(\.value))
        for secret in redactor.secrets where !environmentValues.contains(secret) {
            var start = text.startIndex
            while let range = text.range(of: secret, range: start..<text.endIndex) {
                if found.contains(where: { $0.range.overlaps(range) }) { return nil }
                start = range.upperBound
            }
        }
        found.sort { $0.range.lowerBound < $1.range.lowerBound }
        var pieces: [Piece] = []
        var position = text.startIndex
        for occurrence in found {
            if position < occurrence.range.lowerBound {
                pieces.append(.text(String(text[position..<occurrence.range.lowerBound])))
            }
            pieces.append(.variable(occurrence.name))
            position = occurrence.range.upperBound
        }
        if position < text.endIndex { pieces.append(.text(String(text[position...]))) }
        return pieces
    }

    /// Whether `name` can be expanded by a POSIX shell as `${name}`.
    static func isShellName(_ name: String) -> Bool {
        guard let first = name.utf8.first, first == UInt8(ascii: "_") || first.isASCIILetter else { return false }
        return name.utf8.allSatisfy { $0 == UInt8(ascii: "_") || $0.isASCIILetter || (0x30...0x39).contains($0) }
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

extension UInt8 {
    fileprivate var isASCIILetter: Bool { (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self) }
}
