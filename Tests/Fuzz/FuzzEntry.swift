import Foundation

// libFuzzer entry points over everything that reads input a suite author or a target controls.
// `scripts/fuzz.sh` compiles this file into the AssayKit module itself (so internal API is in
// reach), with `-sanitize=fuzzer,address`; `ASSAY_FUZZ_TARGET` picks the target. Not part of the
// package: SwiftPM never builds it. Besides "no crash, no hang, no leak", each target checks a
// property that must hold for every input (noted at each case), and a failed one traps.

/// What one fuzzing run exercises.
enum FuzzTarget: String, CaseIterable {
    /// JSONC suites and configs: parse, write back, parse again to the same value.
    case jsonc
    /// Strict JSON bodies: parse, round-trip, compare with itself through the comparator.
    case json
    /// The SSE parser: the items do not depend on where the bytes are cut into chunks.
    case sse
    /// `{{matchers}}`: parse, then match against values of every type.
    case matcher
    /// Text patterns with `{{any}}` and `{{regex:…}}` holes.
    case pattern
    /// Durations: a reading is within 0 ... the limit, or refused.
    case duration
    /// Variables: every line of the input is a definition using the ones before; expansion stays in budget.
    case variables
    /// Response head lines as libcurl hands them over.
    case headers
    /// Whole suite files: decode, plan, lint.
    case suite
}

nonisolated(unsafe) private var selectedTarget = FuzzTarget.json
/// One instant for every item, so items from different chunkings compare equal.
nonisolated(unsafe) private var fixedInstant = ContinuousClock.now

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
    let name = ProcessInfo.processInfo.environment["ASSAY_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("set ASSAY_FUZZ_TARGET to one of: \(names)\n".utf8))
        exit(2)
    }
    selectedTarget = target
    fixedInstant = .now
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let text = String(decoding: bytes, as: UTF8.self)
    switch selectedTarget {
    case .jsonc: fuzzJSONC(bytes)
    case .json: fuzzJSON(bytes)
    case .sse: fuzzSSE(bytes)
    case .matcher: fuzzMatcher(text)
    case .pattern: fuzzPattern(text)
    case .duration: fuzzDuration(text)
    case .variables: fuzzVariables(text)
    case .headers: fuzzHeaders(bytes)
    case .suite: fuzzSuite(bytes)
    }
    return 0
}

/// Fails the run (libFuzzer saves the input) when a property does not hold.
private func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("property failed: \(message())") }
}

private func fuzzJSONC(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let node = try? JSONParser.parseNode(data: Data(bytes), file: "fuzz.jsonc") else { return }
    let value = node.value
    let written = JSONWriter.pretty(value)
    guard let again = try? JSONParser.parseValue(written) else {
        return require(false, "the writer's output does not parse: \(written.prefix(200))")
    }
    require(again == value, "round trip changed the value: \(written.prefix(200))")
}

private func fuzzJSON(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let value = try? JSONParser.parseValue(Data(bytes)) else { return }
    let written = JSONWriter.compact(value)
    guard let again = try? JSONParser.parseValue(Data(written.utf8)) else {
        return require(false, "the writer's output does not parse: \(written.prefix(200))")
    }
    require(again == value, "round trip changed the value: \(written.prefix(200))")
    // Strings may read as matchers, so only the walk is exercised, not a verdict.
    if let expectation = try? Expectation(parsing: value) {
        _ = JSONComparator.compare(expected: expectation, actual: value, mode: .exact).map(\.message)
        _ = GoldenRecorder(redactor: Redactor(secrets: ["secret"])).jsonText(existing: expectation, actual: value)
    }
}

private func fuzzSSE(_ bytes: UnsafeBufferPointer<UInt8>) {
    var whole = SSEParser(maxLineBytes: 256, maxEventBytes: 512)
    var expected = whole.feed(bytes, at: fixedInstant)
    expected += whole.finish(at: fixedInstant)
    // The first byte chooses the chunk size; every chunking must give the same items.
    let step = max(1, Int(bytes.first ?? 1) % 17)
    var chunked = SSEParser(maxLineBytes: 256, maxEventBytes: 512)
    var items: [SSEItem] = []
    var start = 0
    while start < bytes.count {
        let end = min(bytes.count, start + step)
        items += chunked.feed(UnsafeBufferPointer(rebasing: bytes[start..<end]), at: fixedInstant)
        start = end
    }
    items += chunked.finish(at: fixedInstant)
    require(items == expected, "chunks of \(step) bytes gave other items")
}

private func fuzzMatcher(_ text: String) {
    guard let matcher = try? Matcher(parsing: text) else { return }
    let values: [JSONValue] = [
        .null, .bool(true), .number(JSONNumber(text: "12")), .number(JSONNumber(text: "-1.5e3")), .string(text),
        .string(""), .string("00000000-0000-4000-8000-000000000000"), .array([.string(text)]),
        .object(JSONObject([("a", .string(text))])),
    ]
    for value in values { _ = matcher.matches(value) }
    _ = Matcher.escapeLiteral(text)
}

private func fuzzPattern(_ text: String) {
    // The input is split into a pattern and a text to match, at the first NUL.
    let parts = text.split(separator: "\0", maxSplits: 1, omittingEmptySubsequences: false)
    guard let pattern = try? TextPattern(parsing: String(parts[0])) else { return }
    let subject = parts.count > 1 ? String(parts[1]) : String(parts[0])
    _ = pattern.mismatch(subject)
}

private func fuzzDuration(_ text: String) {
    switch DurationText.reading(text) {
    case .milliseconds(let value):
        require(value >= 0 && value <= DurationText.maximumMilliseconds, "\(text) read as \(value) ms")
    case .invalid, .tooLong: break
    }
}

private func fuzzVariables(_ text: String) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(64)
    var scope = VariableScope(environment: ["HOME": "/root", "TOKEN": "s3cr3t"])
    var problems: [Diagnostic] = []
    let definitions = lines.enumerated().map { index, line in
        VariableDefinition(name: "v\(index)", value: String(line), secret: index % 5 == 0, location: nil)
    }
    scope.define(definitions, problems: &problems)
    for value in scope.values.values {
        require(value.utf8.count <= VariableScope.maximumExpansionBytes + text.utf8.count, "a value over budget")
    }
    _ = try? scope.resolve(.array(lines.map { .string(String($0)) }), at: nil)
    _ = VariableScope.references(in: text)
}

private func fuzzHeaders(_ bytes: UnsafeBufferPointer<UInt8>) {
    var parser = HTTPHeadParser(followsRedirects: bytes.first.map { $0 & 1 == 1 } ?? false)
    let raw = UnsafeRawBufferPointer(bytes)
    var start = 0
    for index in raw.indices where raw[index] == 0x0A {
        _ = parser.consume(bytes: UnsafeRawBufferPointer(rebasing: raw[start...index]))
        start = index + 1
    }
    _ = parser.consume(bytes: UnsafeRawBufferPointer(rebasing: raw[start...]))
    if let head = parser.finalHead {
        require((0...999).contains(head.status), "status \(head.status)")
        for field in head.headers { _ = field }
    }
}

private func fuzzSuite(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let suite = try? SuiteDecoder.decode(bytes: bytes, file: "fuzz.jsonc") else { return }
    var planner = Planner(target: "http://127.0.0.1:9", environment: ["TOKEN": "t0k3n-value"])
    planner.requiresEnvironment = false
    _ = try? planner.plan([suite])
}
