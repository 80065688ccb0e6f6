/// A request as written in a suite: strings may hold `${variables}`, resolved per run.
public struct RequestTemplate: Sendable {
    public var method: String
    /// A path joined to the target URL (`/v1/models`) or an absolute URL.
    public var url: String
    /// Query parameters appended to the URL, in order.
    public var query: [(name: String, value: String)]
    public var headers: [HeaderTemplate]
    public var body: BodyTemplate
    public var connectTimeoutMs: Int?
    public var totalTimeoutMs: Int?
    public var location: SourceLocation
    /// `basicAuth`: sent as `Authorization: Basic …`; both values always count as secret.
    public var basicAuth: BasicAuthTemplate? = nil
    /// `compressed: false`: no `Accept-Encoding` offered, the body judged as it arrives.
    public var compressed: Bool? = nil
    /// `redirects`: whether to follow and how far, for this request (beats `-L` and `--max-redirs`).
    public var redirects: RedirectPolicy? = nil
    /// `cookies`: name → value, sent in one `Cookie` header after any written one.
    public var cookies: [(name: String, value: String)] = []
    /// Where each string of the request that may use `${…}` is written (headers keep their own), so
    /// a reference that cannot be resolved is reported at its string rather than at the request.
    public var referenceSites: [(text: String, location: SourceLocation)] = []

    /// `text` as the method to send: upper-cased, or nil when it is not ASCII letters and `-`.
    public static func method(sending text: String) -> String? {
        var method = text
        if method.utf8.contains(where: { (0x61...0x7A).contains($0) }) { method = method.uppercased() }
        // ASCII letters and `-` (Character.isLetter would consult Unicode tables per request).
        guard !method.isEmpty, method.allUTF8Bytes({ (0x41...0x5A).contains($0) || $0 == 0x2D }) else { return nil }
        return method
    }

    /// Where `text`, a string of this request, is written; the request's own place when unknown.
    public func location(of text: String) -> SourceLocation {
        referenceSites.first { $0.text == text }?.location ?? location
    }
}

/// `"redirects": {"follow": true, "max": 3}`; a `max` alone means follow.
public struct RedirectPolicy: Sendable {
    public var follow: Bool
    public var max: Int?
}

/// `"basicAuth": {"user": …, "password": …}` as written (values may use `${…}`).
public struct BasicAuthTemplate: Sendable {
    public var user: String
    public var password: String
}

/// A header as written in a suite.
public struct HeaderTemplate: Sendable {
    public var name: String
    public var value: String
    public var location: SourceLocation?
}

/// A request body as written in a suite.
public enum BodyTemplate: Sendable {
    case none
    /// JSON, sent with `Content-Type: application/json` unless a header says otherwise.
    case json(JSONValue)
    /// Raw text sent as is (for invalid-JSON and content-type cases).
    case text(String)
    /// `form`: fields sent as `application/x-www-form-urlencoded`, in order.
    case form([(name: String, value: String)])
    /// `multipart`: parts sent as `multipart/form-data`, in order.
    case multipart([MultipartPart])
    /// `file`: the bytes of a file, sent as they are; the path is absolute (resolved against the suite).
    case file(path: String)
}

/// One part of a `multipart` body: a text field or a file.
public struct MultipartPart: Sendable {
    public enum Content: Sendable {
        case text(String)
        /// A file's bytes; the path is absolute (resolved against the suite's folder).
        case file(path: String)
    }

    public var name: String
    public var content: Content
    /// The part's `filename` (a file part's default: the file's last path component).
    public var filename: String?
    /// The part's `Content-Type` (a file part's default: `application/octet-stream`).
    public var contentType: String?
}
