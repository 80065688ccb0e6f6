import Foundation

/// A received response, with the arrival time of every body chunk (for SSE timing).
struct RawResponse {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]
    /// Each chunked-body piece with the monotonic seconds at which its bytes arrived.
    var pieces: [(time: Double, bytes: [UInt8])]

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    func headers(named name: String) -> [String] {
        headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed as a JSON object, or nil.
    var json: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
    }

    /// The `error` object of an OpenAI envelope, or nil.
    var envelope: [String: Any]? { json?["error"] as? [String: Any] }
}
