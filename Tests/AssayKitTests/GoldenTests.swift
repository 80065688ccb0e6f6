import AssayKit
import Foundation
import Testing

/// A fresh goldens folder inside a fresh temporary folder, so escapes have somewhere to go.
private func makeSandbox() throws -> (outer: URL, store: GoldenStore) {
    let outer = FileManager.default.temporaryDirectory.appendingPathComponent("assay-golden-\(UUID().uuidString)")
    let root = outer.appendingPathComponent("goldens")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    return (outer, GoldenStore(root: root))
}

private func json(_ text: String) throws -> JSONValue { try JSONParser.parseValue(text) }

private func evaluate(
    _ store: GoldenStore, _ path: String, _ body: GoldenBody, record: RecordMode, compare: CompareMode = .exact,
    explicit: Bool = true, environment: [String: String] = [:], redactor: Redactor = Redactor()
) -> GoldenOutcome {
    GoldenVerdict.evaluate(
        store: store, path: path, actual: body, compareMode: compare, recordMode: record, explicit: explicit,
        environment: environment, redactor: redactor)
}

private func read(_ store: GoldenStore, _ path: String) throws -> String {
    try String(contentsOf: store.root.appendingPathComponent(path), encoding: .utf8)
}

@Suite struct GoldenTests {
    /// In `never` mode a missing golden is a failure and nothing is written.
    @Test func neverFailsOnMissing() throws {
        let (outer, store) = try makeSandbox()
        defer { try? FileManager.default.removeItem(at: outer) }
        guard case .missing(let url) = evaluate(store, "chat/a.json", .json(.null), record: .never) else {
            Issue.record("expected .missing")
            return
        }
        #expect(url.lastPathComponent == "a.json")
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }

    /// `missing` writes an absent golden as pretty JSON (creating folders), then compares against it.
    @Test func missingWritesThenCompares() throws {
        let (outer, store) = try makeSandbox()
        defer { try? FileManager.default.removeItem(at: outer) }
        let body = try json(#"{"id":"x1","n":[1,2]}"#)
        guard case .recorded = evaluate(store, "deep/er/a.json", .json(body), record: .missing) else {
            Issue.record("expected .recorded")
            return
        }
        #expect(try read(store, "deep/er/a.json") == "{\n  \"id\": \"x1\",\n  \"n\": [\n    1,\n    2\n  ]\n}\n")
        guard case .matched = evaluate(store, "deep/er/a.json", .json(body), record: .missing) else {
            Issue.record("expected .matched")
            return
        }
        let changed = try json(#"{"id":"x2","n":[1,2]}"#)
        guard case .mismatched(let found) = evaluate(store, "deep/er/a.json", .json(changed), record: .missing) else {
            Issue.record("expected .mismatched")
            return
        }
        #expect(found.map(\.message) == [#"$.id: expected "x1", got "x2""#])
        let leftovers = try FileManager.default.contentsOfDirectory(
            atPath: store.root.appendingPathComponent("deep/er").path)
        #expect(leftovers == ["a.json"])
    }

    /// Goldens may carry comments and matchers; subset mode allows extra members.
    @Test func goldenWithCommentsAndMatchers() throws {
        let (outer, store) = try makeSandbox()
        defer { try? FileManager.default.removeItem(at: outer) }
        try store.write("// recorded by hand\n{\"id\": \"{{uuid}}\", \"object\": \"chat\",}\n", to: "g.json")
        let body = try json(#"{"id":"123e4567-e89b-12d3-a456-426614174000","object":"chat","usage":{}}"#)
        guard case .matched = evaluate(store, "g.json", .json(body), record: .never, compare: .subset) else {
            Issue.record("expected .matched in subset mode")
            return
        }
        guard case .mismatched(let found) = evaluate(store, "g.json", .json(body), record: .never, compare: .exact)
        else {
            Issue.record("expected .mismatched in exact mode")
            return
        }
        #expect(found.map(\.message) == ["$.usage: unexpected member (strict comparison)"])
    }

    /// `failed` rewrites a mismatching golden, keeping every matcher that still matches and `{{ignore}}` members.
    @Test func failedKeepsMatchers() throws {
        let (outer, store) = try makeSandbox()
        defer { try? FileManager.default.removeItem(at: outer) }
        try store.write(
            #"{"id": "{{uuid}}", "created": "{{unix-time}}", "model": "a", "seed": "{{integer}}", "trace": "{{ignore}}"}"#,
            to: "g.json")
        let body = try json(
            #"{"model":"b","id":"123e4567-e89b-12d3-a456-426614174000","created":1700000000,"seed":"not-int","note":"{{x}}"}"#
        )
        guard case .recorded = evaluate(store, "g.json", .json(body), record: .failed) else {
            Issue.record("expected .recorded")
            return
        }
        let written = try json(try read(store, "g.json"))
        #expect(written.objectValue?.keys == ["model", "id", "created", "seed", "note", "trace"])
        #expect(written["model"] == .string("b"))
        #expect(written["id"] == .string("{{uuid}}"))
        #expect(written["created"] == .string("{{unix-time}}"))
        #expect(written["seed"] == .string("not-int"))
        #expect(written["note"] == .string("\\{{x}}"))
        #expect(written["trace"] == .string("{{ignore}}"))
        guard case .matched = evaluate(store, "g.json", .json(body), record: .never) else {
            Issue.record("the re-recorded golden should match the body it was recorded from")
            return
        }
    }

    /// `all` rewrites even a matching golden; `failed` leaves a matching one alone.
    @Test func allAlwaysRewrites() throws {
        let (outer, store) = try makeSandbox()
        defer { try? FileManager.default.removeItem(at: outer) }
        try store.write("{\"a\": 1.0}", to: "g.json")
        guard case .matched = evaluate(store, "g.json", .json(try json(#"{"a":1}"#)), record: .failed) else {
            Issue.record("expected .matched")
            return
        }
        #expect(try read(store, "g.json") == "{\"a\": 1.0}")
        guard case .recorded = evaluate(store, "g.json", .json(try json(#"{"a":1}"#)), record: .all) else {
            Issue.record("expected .recorded")
            return
        }
        #expect(try read(store, "g.json") == "{\n  \"a\": 1\n}\n")
    }

    /// Recorded goldens never contain a secret: secret strings anywhere and sensitive-header members are masked.
    @Test func secretsAreNeverWritten() throws {
        let (outer, store) = try makeSandbox()
        defer { try? FileManager.default.removeItem(at: outer) }
        let redactor = Redactor(secrets: ["sk-live-123456"])
        let body = try json(
            #"{"echo":"Bearer sk-live-123456","headers":{"Authorization":"Basic abc","X-Api-Key":{"v":1},"ok":"fine"},"sk-live-123456":true}"#
        )
        _ = evaluate(store, "s.json", .json(body), record: .all, redactor: redactor)
        let text = try read(store, "s.json")
        #expect(!text.contains("sk-live-123456"))
        #expect(!text.contains("abc"))
        let written = try json(text)
        #expect(written["echo"] == .string("Bearer ***"))
        #expect(written["headers"]?["Authorization"] == .string("***"))
        #expect(written["headers"]?["X-Api-Key"] == .string("***"))
        #expect(written["headers"]?["ok"] == .string("fine"))
        _ = evaluate(store, "s.txt", .text("token=sk-live-123456"), record: .all, redactor: redactor)
        #expect(try read(store, "s.txt") == "token=***\n")
    }

    /// A body that is not JSON is never recorded into a `.json` golden, and compares as a clear mismatch.
    @Test func textBodyAgainstJSONGolden() throws {
        let (outer, store) = try makeSandbox()
        defer { try? FileManager.default.removeItem(at: outer) }
        guard case .invalid = evaluate(store, "p.json", .text("Internal Server Error"), record: .missing) else {
            Issue.record("a non-JSON body was recorded into a JSON golden")
            return
        }
        #expect(!FileManager.default.fileExists(atPath: store.root.appendingPathComponent("p.json").path))
        try store.write("{\"ok\": true}\n", to: "p.json")
        guard case .mismatched(let found) = evaluate(store, "p.json", .text("Internal Server Error"), record: .never)
        else {
            Issue.record("expected .mismatched")
            return
        }
        #expect(found.first?.message.hasPrefix(#"$: expected a JSON body, got "Internal Server Error""#) == true)
    }

    /// Paths that leave the root through `..`, an absolute path or a symlink are refused as suite errors.
    @Test func rootEscapesAreRefused() throws {
        let (outer, store) = try makeSandbox()
        defer { try? FileManager.default.removeItem(at: outer) }
        try FileManager.default.createSymbolicLink(
            atPath: store.root.appendingPathComponent("out").path, withDestinationPath: outer.path)
        try FileManager.default.createSymbolicLink(
            atPath: store.root.appendingPathComponent("dangling.json").path,
            withDestinationPath: outer.appendingPathComponent("nowhere.json").path)
        for path in [
            "../x.json", "a/../../x.json", "/etc/passwd", outer.appendingPathComponent("x.json").path,
            "out/x.json", "dangling.json",
        ] {
            #expect(throws: Diagnostic.self, "\(path) should be refused") { try store.resolve(path) }
            guard case .invalid(let diagnostics) = evaluate(store, path, .json(.null), record: .all) else {
                Issue.record("\(path) was not refused")
                continue
            }
            #expect(diagnostics.count == 1)
        }
        #expect(!FileManager.default.fileExists(atPath: outer.appendingPathComponent("x.json").path))
        #expect(!FileManager.default.fileExists(atPath: outer.appendingPathComponent("nowhere.json").path))
        #expect(try store.resolve("a/../b/./c.json").path == store.root.appendingPathComponent("b/c.json").path)
        let inside = store.root.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: inside, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: store.root.appendingPathComponent("alias").path, withDestinationPath: inside.path)
        #expect(try store.resolve("alias/c.json").lastPathComponent == "c.json")
    }

    /// Writing modes are refused on CI unless given explicitly; `never` is always allowed.
    @Test func ciRefusesImplicitRecording() throws {
        let (outer, store) = try makeSandbox()
        defer { try? FileManager.default.removeItem(at: outer) }
        let ci = ["CI": "true"]
        guard
            case .invalid(let diagnostics) = evaluate(
                store, "a.json", .json(.null), record: .missing, explicit: false, environment: ci)
        else {
            Issue.record("implicit recording on CI was not refused")
            return
        }
        #expect(
            diagnostics.first?.message
                == "record mode 'missing' is refused on CI (CI=true) unless it is given explicitly")
        #expect(!FileManager.default.fileExists(atPath: store.root.appendingPathComponent("a.json").path))
        guard
            case .recorded = evaluate(store, "a.json", .json(.null), record: .missing, explicit: true, environment: ci)
        else {
            Issue.record("explicit recording on CI was refused")
            return
        }
        #expect(throws: Never.self) { try RecordMode.never.checked(explicit: false, environment: ci) }
        #expect(try RecordMode.all.checked(explicit: false, environment: ["CI": "false"]) == .all)
    }

    /// Record modes parse from their names, and anything else is a diagnostic with a suggestion.
    @Test func recordModeParsing() throws {
        #expect(try RecordMode(parsing: "failed") == .failed)
        do {
            _ = try RecordMode(parsing: "missng")
            Issue.record("accepted a bad record mode")
        } catch {
            #expect(error.message == #"unknown record mode "missng", expected one of never, missing, failed, all"#)
            #expect(error.hint == "did you mean `missing`?")
        }
    }

    /// Text goldens compare as patterns, ignoring one trailing newline; a JSON golden with a bad matcher is invalid.
    @Test func textAndInvalidGoldens() throws {
        let (outer, store) = try makeSandbox()
        defer { try? FileManager.default.removeItem(at: outer) }
        try store.write("Internal {{any}} Error\n", to: "e.txt")
        guard case .matched = evaluate(store, "e.txt", .text("Internal Server Error"), record: .never) else {
            Issue.record("expected .matched")
            return
        }
        guard case .mismatched(let found) = evaluate(store, "e.txt", .text("Bad Gateway"), record: .never) else {
            Issue.record("expected .mismatched")
            return
        }
        #expect(found.map(\.message) == [#"line 1: expected "Internal {{any}} Error", got "Bad Gateway""#])
        try store.write("{\n  \"id\": \"{{uuidd}}\"\n}\n", to: "bad.json")
        guard case .invalid(let diagnostics) = evaluate(store, "bad.json", .json(.null), record: .never) else {
            Issue.record("expected .invalid")
            return
        }
        #expect(
            diagnostics.map(\.description).first?.hasSuffix(
                "goldens/bad.json:2:9: error: unknown matcher \"uuidd\"\n  hint: did you mean `{{uuid}}`?") == true)
    }
}
