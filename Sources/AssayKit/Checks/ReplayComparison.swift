import Foundation

/// Judges whether one answer is a replay of another: same status, same body (volatile
/// members aside), same selected headers, and the replay marker. Pure.
struct ReplayComparison {
    let spec: ReplaySpec
    let redactor: Redactor

    /// Why `replay` (request `number`) is not the same result as `original` (request `originalNumber`); empty when it is.
    func differences(original: HTTPResponse, replay: HTTPResponse) -> (summary: [String], details: [String]) {
        var summary: [String] = []
        var details: [String] = []
        if original.status != replay.status {
            summary.append("status \(replay.status) instead of \(original.status)")
        }
        for name in spec.headers where original.headers.values(name) != replay.headers.values(name) {
            summary.append(
                "\(name) \(shown(replay.headers.values(name))) instead of \(shown(original.headers.values(name)))")
        }
        let (bodySummary, bodyDetails) = bodyDifferences(original.body, replay.body)
        if let bodySummary { summary.append(bodySummary) }
        details += bodyDetails
        return (summary, details)
    }

    /// How two bodies differ: nil when they are the same result.
    func bodyDifferences(_ original: Data, _ replay: Data) -> (String?, [String]) {
        if spec.compare == .json, var left = try? JSONParser.parseValue(original),
            var right = try? JSONParser.parseValue(replay)
        {
            for pointer in spec.volatile {
                left = left.removing(pointer)
                right = right.removing(pointer)
            }
            let found = JSONDiff.differences(left, right)
            guard let first = found.first else { return (nil, []) }
            var details = found.map { redactor.redact($0.message) }
            if case .object(let a) = left, case .object(let b) = right, let id = a["id"], id == b["id"] {
                details.append(
                    "the `id` is the same but other members differ: the target derives ids from the request, so an equal id does not prove a replay"
                )
            }
            let more = found.count > 1 ? " (+\(found.count - 1) more)" : ""
            return ("body differs at \(redactor.redact(first.message))\(more)", details)
        }
        guard original != replay else { return (nil, []) }
        let offset =
            zip(original, replay).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(original.count, replay.count)
        return ("body differs from byte \(offset) (\(replay.count) bytes vs \(original.count))", [])
    }

    /// Whether the response carries the replay marker.
    func hasMarker(_ response: HTTPResponse) -> Bool {
        guard let marker = spec.marker else { return false }
        return response.headers.values(marker.header).contains {
            $0.caseInsensitiveCompare(marker.value) == .orderedSame
        }
    }

    func shown(_ values: [String]) -> String {
        values.isEmpty ? "absent" : values.map { "\"\(redactor.redact($0))\"" }.joined(separator: ", ")
    }
}
