import Foundation

/// A parsed request body: a JSON object read with Foundation, with typed accessors.
public struct RequestJSON: @unchecked Sendable {
    // @unchecked: the dictionary holds only immutable Foundation property-list values.
    /// The top-level object.
    public let object: [String: Any]

    /// Parses `bytes` as a JSON object; nil when it is not valid JSON or not an object.
    public static func parse(_ bytes: [UInt8]) -> RequestJSON? {
        guard !bytes.isEmpty,
            let value = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]),
            let object = value as? [String: Any]
        else { return nil }
        return RequestJSON(object: object)
    }

    /// A string member, nil when absent or not a string.
    public func string(_ key: String) -> String? { object[key] as? String }

    /// A boolean member; JSON numbers are not booleans.
    public func bool(_ key: String) -> Bool? {
        guard let number = object[key] as? NSNumber, Self.isBool(number) else { return nil }
        return number.boolValue
    }

    /// An integer member, nil when absent, fractional or not a number.
    public func int(_ key: String) -> Int? {
        guard let number = object[key] as? NSNumber, !Self.isBool(number) else { return nil }
        let double = number.doubleValue
        guard double == double.rounded(), abs(double) < 1e15 else { return nil }
        return Int(double)
    }

    /// A nested object member.
    public func nested(_ key: String) -> RequestJSON? {
        (object[key] as? [String: Any]).map(RequestJSON.init(object:))
    }

    /// Whether the member is present (including `null`).
    public func has(_ key: String) -> Bool { object[key] != nil }

    /// Whether the member is present and JSON `null`.
    public func isNull(_ key: String) -> Bool { object[key] is NSNull }

    private static func isBool(_ number: NSNumber) -> Bool {
        // Foundation on Linux gives JSON booleans the objCType "c"; numbers get "i", "q" or "d".
        String(cString: number.objCType) == "c"
    }
}
