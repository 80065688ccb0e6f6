import Foundation

/// Every secret a run knows, shared by every copy of its `Redactor`: a value captured as secret
/// in one case, or read from the environment while a request is built, is masked from then on
/// in every output of the run, not only in that case's.
final class SecretStore: @unchecked Sendable {
    private let lock = NSLock()
    /// Longest first, so a secret that contains another is masked whole.
    private var secrets: [String] = []
    private var patterns: [SecretPattern] = []
    /// Where the secrets too short to mask came from (never their values).
    private var refused: [String] = []
    /// The environment variable each secret read from the environment came from (the first one):
    /// a repro command names it instead of a mask, so it can be pasted as it is.
    private var environmentNames: [String: String] = [:]

    /// What the store holds, read at once.
    struct Snapshot {
        var secrets: [String]
        var patterns: [SecretPattern]
    }

    var snapshot: Snapshot { lock.withLock { Snapshot(secrets: secrets, patterns: patterns) } }

    var refusedSources: [String] { lock.withLock { refused } }

    /// Secrets read from the environment and long enough to be masked, with their variable's name.
    var environmentSecrets: [(value: String, name: String)] {
        lock.withLock {
            environmentNames.compactMap { value, name in
                value.utf8.count >= Redactor.minimumLength ? (value, name) : nil
            }
        }
    }

    /// Remembers that `secret` was read from the environment variable `name`.
    func noteEnvironment(_ secret: String, name: String) {
        guard !secret.isEmpty else { return }
        lock.withLock {
            if environmentNames[secret] == nil { environmentNames[secret] = name }
        }
    }

    /// Adds `secret`; one shorter than `Redactor.minimumLength` is not masked (it would be found
    /// inside ordinary words) and `source` is remembered for the warning.
    func add(_ secret: String, source: String?) {
        guard !secret.isEmpty else { return }
        lock.withLock {
            guard secret.utf8.count >= Redactor.minimumLength else {
                let label = source ?? "a secret value"
                if !refused.contains(label) { refused.append(label) }
                return
            }
            guard !secrets.contains(secret) else { return }
            secrets.append(secret)
            secrets.sort { $0.utf8.count > $1.utf8.count }
            for text in SecretForms.texts(of: secret) {
                if let pattern = SecretPattern(text) { patterns.append(pattern) }
            }
        }
    }
}
