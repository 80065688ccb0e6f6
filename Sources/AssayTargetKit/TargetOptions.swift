import Foundation

/// A command-line error, with a message saying what was expected.
public struct OptionsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message.
    public var description: String

    /// Creates an error.
    public init(_ description: String) { self.description = description }
}

/// Everything the server can be configured with, from flags.
public struct TargetOptions: Sendable {
    /// The port to bind on 127.0.0.1; 0 picks a free one.
    public var port: UInt16 = 0
    /// A file to write the bound port to.
    public var portFile: String?
    /// Strict or permissive auth.
    public var mode: PolicyMode = .strict
    /// Accepted tokens; when none are given, `defaultTokens` apply.
    public var tokens: [TokenGrant] = []
    /// Served model ids.
    public var models: [String] = []
    /// Switched-on faults.
    public var faults: Set<Fault> = []
    /// Rate-limit refill, requests per second, per route and principal.
    public var rateLimit: Double = 1000
    /// Rate-limit bucket size.
    public var burst: Int = 1000
    /// Heartbeat period while a stream's answer is pending.
    public var heartbeatMs: Int = 250
    /// How long a stream's first delta is pending.
    public var firstTokenDelayMs: Int = 0
    /// Spacing between deltas.
    public var tokenIntervalMs: Int = 0
    /// How long idempotency keys are remembered.
    public var idempotencyTTL: Double = 86_400
    /// The largest accepted request body.
    public var maxBodyBytes: Int = 1 << 20
    /// Connections served at once; more get 503.
    public var maxConnections: Int = 512
    /// Seconds a client has to send a request head.
    public var headTimeout: Double = 10
    /// Seconds a keep-alive connection may stay silent.
    public var idleTimeout: Double = 120

    /// Creates the default options.
    public init() {}

    /// The tokens used when no `--token` or `--tokens-file` is given.
    public static let defaultTokens: [TokenGrant] = [
        TokenGrant(token: "sk-assay-full", scopes: Set(Scope.allCases)),
        TokenGrant(token: "sk-assay-models", scopes: [.modelsRead]),
    ]

    /// The models served when no `--model` is given.
    public static let defaultModels = ["assay-small", "assay-large"]

    /// The effective token list.
    public var effectiveTokens: [TokenGrant] { tokens.isEmpty ? Self.defaultTokens : tokens }

    /// The effective model list.
    public var effectiveModels: [String] { models.isEmpty ? Self.defaultModels : models }

    /// What the command line asks for.
    public enum Command: Sendable {
        /// Start the server.
        case run(TargetOptions)
        /// Print `helpText`.
        case help
        /// Print the version.
        case version
    }

    /// Parses the arguments after the program name.
    public static func parse(_ arguments: [String]) throws(OptionsError) -> Command {
        var options = TargetOptions()
        var rest = arguments[...]
        func value(_ flag: String) throws(OptionsError) -> String {
            guard let next = rest.popFirst() else { throw OptionsError("\(flag) expects a value") }
            return next
        }
        while let argument = rest.popFirst() {
            var flag = argument
            if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
                flag = String(argument[..<equals])
                rest.insert(String(argument[argument.index(after: equals)...]), at: rest.startIndex)
            }
            switch flag {
            case "-h", "--help": return .help
            case "--version": return .version
            case "--port": options.port = try number(try value(flag), flag, UInt16.self)
            case "--port-file": options.portFile = try value(flag)
            case "--mode":
                let text = try value(flag)
                guard let mode = PolicyMode(rawValue: text) else {
                    throw OptionsError("--mode expects strict or permissive, got '\(text)'")
                }
                options.mode = mode
            case "--token": options.tokens.append(try TokenGrant.parse(try value(flag)))
            case "--tokens-file": options.tokens += try readTokensFile(try value(flag))
            case "--model": options.models.append(try value(flag))
            case "--fault":
                for name in try value(flag).split(separator: ",") {
                    guard let fault = Fault(rawValue: String(name)) else {
                        throw OptionsError("unknown fault '\(name)'; run --help for the list")
                    }
                    options.faults.insert(fault)
                }
            case "--rate-limit": options.rateLimit = try positive(try value(flag), flag)
            case "--burst": options.burst = max(1, try number(try value(flag), flag, Int.self))
            case "--heartbeat-ms": options.heartbeatMs = max(1, try number(try value(flag), flag, Int.self))
            case "--first-token-delay-ms": options.firstTokenDelayMs = try number(try value(flag), flag, Int.self)
            case "--token-interval-ms": options.tokenIntervalMs = try number(try value(flag), flag, Int.self)
            case "--idempotency-ttl": options.idempotencyTTL = try duration(try value(flag), flag)
            case "--max-body-bytes": options.maxBodyBytes = try number(try value(flag), flag, Int.self)
            case "--max-connections": options.maxConnections = max(1, try number(try value(flag), flag, Int.self))
            case "--head-timeout": options.headTimeout = try nonZero(try duration(try value(flag), flag), flag)
            case "--idle-timeout": options.idleTimeout = try nonZero(try duration(try value(flag), flag), flag)
            default: throw OptionsError("unknown argument '\(argument)'; run --help for the flags")
            }
        }
        return .run(options)
    }

    private static func number<T: FixedWidthInteger>(_ text: String, _ flag: String, _: T.Type)
        throws(OptionsError) -> T
    {
        guard let value = T(text), value >= 0 else {
            throw OptionsError("\(flag) expects a non-negative integer, got '\(text)'")
        }
        return value
    }

    private static func positive(_ text: String, _ flag: String) throws(OptionsError) -> Double {
        guard let value = Double(text), value > 0, value.isFinite else {
            throw OptionsError("\(flag) expects a positive number, got '\(text)'")
        }
        return value
    }

    private static func nonZero(_ seconds: Double, _ flag: String) throws(OptionsError) -> Double {
        guard seconds > 0 else { throw OptionsError("\(flag) expects a duration above zero, got 0") }
        return seconds
    }

    /// Reads `500ms`, `2s`, `5m`, `24h` or bare seconds such as `1.5`.
    static func duration(_ text: String, _ flag: String) throws(OptionsError) -> Double {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            if let value = Double(text.dropLast(suffix.count)), value >= 0 { return value * scale }
        }
        if let value = Double(text), value >= 0 { return value }
        throw OptionsError("\(flag) expects a duration such as 500ms, 2s, 5m or 24h, got '\(text)'")
    }

    private static func readTokensFile(_ path: String) throws(OptionsError) -> [TokenGrant] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw OptionsError("--tokens-file: cannot read '\(path)'")
        }
        var grants: [TokenGrant] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let spec = line.trimmed
            if spec.isEmpty || spec.hasPrefix("#") { continue }
            grants.append(try TokenGrant.parse(spec))
        }
        return grants
    }
}
