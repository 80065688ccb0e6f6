import AssayTestSupport
import Foundation

/// Tokens that `Fixtures.standardArguments` configures.
enum Tokens {
    static let full = "sk-test-full"
    static let models = "sk-test-models"
    static let chat = "sk-test-chat"
}

enum Fixtures {
    /// Flags every test target gets: a full token, a models-only token and a chat-only token.
    static let standardArguments = [
        "--token", Tokens.full, "--token", "\(Tokens.models)=models:read", "--token", "\(Tokens.chat)=chat:write",
    ]

    /// Starts assay-target with the standard tokens plus `extra` flags.
    static func start(_ extra: [String] = []) throws -> TargetProcess {
        try TargetProcess(arguments: standardArguments + extra)
    }

    /// Whether a string is 32 lowercase hex characters.
    static func isTraceID(_ value: String?) -> Bool {
        guard let value, value.count == 32 else { return false }
        return value.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
    }

    /// Whether a response carries the four-key OpenAI envelope with the given code.
    static func hasEnvelope(_ response: RawResponse, code: String?) -> Bool {
        guard let error = response.envelope, error.count == 4,
            error["message"] is String, error["type"] is String,
            error.keys.contains("param"), error.keys.contains("code")
        else { return false }
        if let code { return error["code"] as? String == code }
        return error["code"] is NSNull
    }
}
