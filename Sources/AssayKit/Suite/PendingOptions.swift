/// The options of a `replay`, `rateLimit` or `stream` block written with suite variables
/// (`"ttl": "${idempotencyTTL}"`). A block is decoded once, when its suite is read: every other
/// option is decoded then, and these wait as written, each bound to its block's own decoder
/// (`OptionBlock`), until the plan knows the variables. They cannot be resolved earlier: the run's
/// variables come from the command line and config, and a suite's `variables` may follow its cases.
public struct PendingOptions: Sendable {
    /// The options as written (never empty); their keys were checked when the block was read.
    let members: [JSONMember]
    /// Where the block starts, for messages about it.
    let location: SourceLocation

    /// Every string the pending options hold, with its location (for the static `${var}` check).
    func forEachString(_ body: ((text: String, location: SourceLocation)) -> Void) {
        for member in members { member.value.forEachString(body) }
    }
}

/// A spec block that can leave options written with variables to the plan.
protocol OptionBlock: Sendable {
    /// What the block is, for messages: "`replay` block".
    static var context: String { get }
    /// The block's keys, in the order its decoder reads them.
    static var keys: [String] { get }
    /// Sets the options `reader` holds over what `spec` already has: the decoding of the block's
    /// options, shared by the read of the suite and the resolution of pending options.
    static func decodeOptions(_ reader: NodeReader, into spec: inout Self) throws(Diagnostic)
    /// The options left to the plan; nil once there are none.
    var pending: PendingOptions? { get set }
}

extension OptionBlock {
    /// Decodes the options of `node` that use no variables into `spec`, and keeps the others
    /// (with `dependents(of:)` of them) pending. Unknown keys are rejected here, for all options.
    static func decode(
        _ node: JSONNode, into spec: inout Self, runTimeKeys: Set<String> = [],
        dependents: (Set<String>) -> Set<String> = { $0 }
    ) throws(Diagnostic) {
        var reader = try NodeReader(node, context: context)
        reader.allow(contentsOf: keys)
        try reader.finish()
        guard case .object(let members) = node.kind else { return }
        var pendingKeys: Set<String> = []
        for member in members where !runTimeKeys.contains(member.key) && member.value.containsVariableReference {
            pendingKeys.insert(member.key)
        }
        guard !pendingKeys.isEmpty else {
            try decodeOptions(reader, into: &spec)
            return
        }
        pendingKeys = dependents(pendingKeys)
        let now = members.filter { !pendingKeys.contains($0.key) }
        try decodeOptions(try subset(now, at: node.location), into: &spec)
        spec.pending = PendingOptions(
            members: members.filter { pendingKeys.contains($0.key) }, location: node.location)
    }

    /// The spec with its pending options decoded, their known variables resolved (members named in
    /// `runTimeKeys` keep theirs: they are resolved per run).
    func resolvingPending(in scope: VariableScope, runTimeKeys: Set<String> = []) throws(Diagnostic) -> Self {
        guard let pending else { return self }
        var result = self
        result.pending = nil
        let resolved = pending.members.map { member in
            runTimeKeys.contains(member.key)
                ? member
                : JSONMember(
                    key: member.key, keyIsASCII: member.keyIsASCII, keyLocation: member.keyLocation,
                    value: scope.resolvingKnown(member.value))
        }
        try Self.decodeOptions(try Self.subset(resolved, at: pending.location), into: &result)
        return result
    }

    private static func subset(_ members: [JSONMember], at location: SourceLocation) throws(Diagnostic)
        -> NodeReader
    {
        var reader = try NodeReader(JSONNode(location: location, kind: .object(members)), context: context)
        reader.allow(contentsOf: keys)
        return reader
    }
}

extension TestCase {
    /// Whether the plan still has options to decode with the suite's variables.
    var hasPendingOptions: Bool {
        replay?.pending != nil || rateLimit?.pending != nil || steps.contains { $0.expect.stream?.pending != nil }
    }

    /// The case with the pending options of its blocks decoded, now that the variables are known.
    func resolvingPendingOptions(in scope: VariableScope) throws(Diagnostic) -> TestCase {
        guard hasPendingOptions else { return self }
        var result = self
        result.replay = try replay?.resolvingPending(in: scope)
        result.rateLimit = try rateLimit?.resolvingPending(in: scope)
        for index in result.steps.indices {
            guard let stream = result.steps[index].expect.stream, stream.pending != nil else { continue }
            result.steps[index].expect.stream = try stream.resolvingPending(
                in: scope, runTimeKeys: SuiteDecoder.streamRunTimeKeys)
        }
        // A `ttl` written with a variable decides only now whether the case runs alone.
        result.exclusive =
            exclusiveWritten ?? SuiteDecoder.runsExclusively(replay: result.replay, rateLimit: result.rateLimit)
        return result
    }
}
