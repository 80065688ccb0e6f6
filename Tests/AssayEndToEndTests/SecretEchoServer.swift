import AssayTestSupport
import Foundation

/// A loopback server that echoes the secret it is sent (header `X-Tok`) back in every form a real
/// server might: in a header, in JSON (escaped), percent-encoded, base64, as Basic credentials,
/// at the end of a long string (so messages cut it), and straddling the 16 KiB mark of a long body.
enum SecretEchoServer {
    static func start() throws -> LoopbackServer {
        try LoopbackServer(scripts: [[.serve(answer)]])
    }

    static func answer(_ request: LoopbackServer.RecordedRequest) -> Data {
        let token = request.header("X-Tok") ?? ""
        let padding = Int(request.header("X-Pad") ?? "") ?? 60
        if request.target.hasPrefix("/big") {
            let body = String(repeating: "x", count: 16 * 1024 - token.utf8.count / 2) + token + " end"
            return LoopbackServer.response(status: 500, reason: "Oops", body: body)
        }
        let percent = token.addingPercentEncoding(withAllowedCharacters: .alphanumerics)?.lowercased() ?? ""
        let echo: [String: Any] = [
            "target": request.target,
            "body": String(decoding: request.body, as: UTF8.self),
            "base64": Data(token.utf8).base64EncodedString(),
            "basic": "Basic " + Data("user:\(token)".utf8).base64EncodedString(),
            "urlsafe": Data("ab\(token)".utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_"),
            "percent": percent,
            "long": String(repeating: "p", count: padding) + token,
        ]
        let json = (try? JSONSerialization.data(withJSONObject: echo, options: [.sortedKeys])) ?? Data()
        var head = "HTTP/1.1 418 Echo\r\nContent-Type: application/json\r\n"
        head += "X-Echo: \(token)\r\nLocation: /next?k=\(percent)\r\nContent-Length: \(json.count)\r\n\r\n"
        var data = Data(head.utf8)
        data.append(json)
        return data
    }
}
