import CCurl
import Foundation

/// Follows redirects in Assay rather than in libcurl, so it decides what goes to the next hop:
/// libcurl (7.88) sends every custom header, `X-Api-Key` included, to whatever host a redirect
/// names, and re-sends a 307/308 body there. Here a redirect to another origin (scheme, host or
/// port) takes only content-negotiation headers along, and a body only to the same origin,
/// unless `TransportOptions.redirectsKeepCredentials` (`--location-trusted`) says otherwise.
/// Methods change as curl changes them: 303 becomes GET (HEAD stays), 301/302 turn POST into GET.
enum RedirectFollower {
    /// What to do after an exchange.
    enum Next {
        /// The exchange is the final one.
        case done
        /// Send this request next; the hop records the redirect.
        case follow(HTTPRequest, RedirectHop)
        /// A redirect that must not be followed; the 3xx stays the final response.
        case refuse(RedirectHop)
    }

    /// Headers that say nothing about who is asking, and may follow to any origin.
    static let portableHeaders: Set<String> = [
        "accept", "accept-encoding", "accept-language", "user-agent", "cache-control", "content-type",
    ]

    static let redirectStatuses: Set<Int> = [301, 302, 303, 307, 308]

    /// The next request after `exchange`, whose request was `request`.
    static func next(after exchange: Exchange, request: HTTPRequest, options: TransportOptions) -> Next {
        guard options.followRedirects, exchange.failure == nil, let response = exchange.response,
            redirectStatuses.contains(response.status), let target = exchange.redirectURL
        else { return .done }
        let status = response.status
        guard let targetOrigin = Origin(target), ["http", "https"].contains(targetOrigin.scheme) else {
            return .refuse(
                RedirectHop(
                    status: status, from: request.url, to: target, followed: false,
                    note: "not followed: only http and https redirects are followed"))
        }
        let sameOrigin = Origin(request.url) == targetOrigin
        var next = HTTPRequest(method: request.method, url: target, headers: request.headers, body: request.body)
        var notes: [String] = []
        let dropsBody =
            status == 303 ? request.method != "HEAD" : (status == 301 || status == 302) && request.method == "POST"
        if dropsBody {
            if request.method != "GET" && request.method != "HEAD" { notes.append("\(request.method) became GET") }
            next.method = request.method == "HEAD" ? "HEAD" : "GET"
            next.body = nil
            next.headers = HTTPHeaders(
                next.headers.filter { !["content-type", "content-length"].contains($0.name.lowercased()) })
        }
        var dropped: [String] = []
        if !sameOrigin && !options.redirectsKeepCredentials {
            if let body = next.body, !body.isEmpty {
                return .refuse(
                    RedirectHop(
                        status: status, from: request.url, to: target, followed: false,
                        note:
                            "not followed: a \(status) would send the request body to another origin (--location-trusted allows it)"
                    ))
            }
            var kept = HTTPHeaders()
            for field in next.headers {
                if portableHeaders.contains(field.name.lowercased()) {
                    kept.append(name: field.name, value: field.value)
                } else if !dropped.contains(field.name) {
                    dropped.append(field.name)
                }
            }
            next.headers = kept
        }
        let hop = RedirectHop(
            status: status, from: request.url, to: target, followed: true, droppedHeaders: dropped,
            note: notes.isEmpty ? nil : notes.joined(separator: "; "), timings: exchange.timings)
        return .follow(next, hop)
    }

    /// The final exchange of a chain: the request as the suite wrote it, the last response, and the hops.
    static func combine(first: Exchange, hops: [RedirectHop], last: Exchange, firstRequest: HTTPRequest) -> Exchange {
        var combined = last
        combined.request = firstRequest
        combined.startedAt = first.startedAt
        combined.startInstant = first.startInstant
        combined.redirects = hops
        combined.redirectCount = hops.filter(\.followed).count
        return combined
    }

    /// The failure when a chain is longer than `maxRedirects`.
    static func tooMany(_ options: TransportOptions) -> TransportFailure {
        TransportFailure(
            kind: .classify(curlCode: CURLE_TOO_MANY_REDIRECTS, bodyCapExceeded: false),
            curlCode: Int(CURLE_TOO_MANY_REDIRECTS.rawValue),
            message:
                "more than \(options.maxRedirects) redirect\(options.maxRedirects == 1 ? "" : "s") (the limit a request's `redirects.max` sets, else --max-redirs, else 10)"
        )
    }

    /// A URL's origin: scheme, host and port (the scheme's default when none is written).
    struct Origin: Equatable {
        var scheme: String
        var host: String
        var port: Int

        init?(_ url: String) {
            guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
                let host = components.host?.lowercased()
            else { return nil }
            self.scheme = scheme
            self.host = host
            self.port = components.port ?? (scheme == "https" ? 443 : 80)
        }
    }
}
