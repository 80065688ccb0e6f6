/// Reads the rate-limit headers of one response in the style a suite declares. Pure.
enum LimitHeaders {
    /// The headers a style requires.
    static func required(_ style: RateLimitSpec.LimitStyle) -> [String] {
        switch style {
        case .named(let names): names.all
        case .ietf: ["RateLimit", "RateLimit-Policy"]
        case .none: []
        }
    }

    /// The header that carries the remaining quota, for messages.
    static func remainingName(_ style: RateLimitSpec.LimitStyle) -> String {
        switch style {
        case .named(let names): names.remaining
        case .ietf, .none: "RateLimit r="
        }
    }

    /// The remaining quota, when the response states it as an integer.
    static func remaining(_ style: RateLimitSpec.LimitStyle, in headers: HTTPHeaders) -> Int? {
        switch style {
        case .named(let names):
            return headers.first(names.remaining).flatMap {
                Int($0.trimmingCharacters(in: .whitespaces))
            }
        case .ietf:
            // `"default";r=50;t=30`: the `r` parameter of the first item.
            guard let value = headers.first("RateLimit") else { return nil }
            let item = value.split(separator: ",").first ?? ""
            for parameter in item.split(separator: ";").dropFirst() {
                let parts = parameter.split(separator: "=", maxSplits: 1).map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
                if parts.count == 2, parts[0] == "r" { return Int(parts[1]) }
            }
            return nil
        case .none:
            return nil
        }
    }
}
