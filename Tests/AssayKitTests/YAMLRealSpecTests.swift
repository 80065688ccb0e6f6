import AssayKit
import Foundation
import Testing

/// The pinned public OpenAPI documents under `Tests/Fixtures/openapi`.
enum OpenAPIFixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/openapi")

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    static func data(_ name: String) throws -> Data { try Data(contentsOf: directory.appendingPathComponent(name)) }
}

@Suite struct YAMLRealSpecTests {
    /// Real public specs parse; their shape and a few values, with the line they were read from, are
    /// as the files say. (During development every fixture's whole tree was also compared with
    /// PyYAML's, with the timestamp resolver off, and matched exactly.)
    @Test(arguments: [
        ("openai-1.3.0.yaml", "3.0.0", 24, "/engines", 12),
        ("openai-2.0.0.yaml", "3.0.0", 19, "/chat/completions", 12),
        ("openai-2.3.0-f85dbe2.yaml", "3.1.0", 182, "/assistants", 58),
        ("twilio-api-v2010-2.6.7.yaml", "3.0.1", 121, "/2010-04-01/Accounts.json", 6680),
    ])
    func parsesRealSpecs(name: String, openapi: String, pathCount: Int, firstPath: String, firstPathLine: Int)
        throws
    {
        let node = try YAMLParser.parseNode(data: try OpenAPIFixtures.data(name), file: name)
        let value = node.value
        #expect(value["openapi"] == .string(openapi))
        guard case .object(let root) = node.kind, let paths = root.first(where: { $0.key == "paths" }),
            case .object(let pathMembers) = paths.value.kind
        else {
            Issue.record("expected `paths`")
            return
        }
        #expect(pathMembers.count == pathCount)
        #expect(pathMembers.first?.key == firstPath)
        #expect(pathMembers.first?.keyLocation.line == firstPathLine)
    }

    /// The YAML parser's time on the largest fixture, against the JSON parser reading the same
    /// document written as JSON, in the same run: the ratio stays modest (YAML has more to decide
    /// per byte). Printed for docs/OPENAPI.md; the bound is generous because debug builds and a
    /// loaded machine both skew it, but a quadratic regression would still trip it.
    @Test func parseTimeAgainstJSONBaseline() throws {
        let data = try OpenAPIFixtures.data("openai-2.3.0-f85dbe2.yaml")
        let clock = ContinuousClock()
        var node = try YAMLParser.parseNode(data: data, file: "large.yaml")
        let json = Data(JSONWriter.compact(node.value).utf8)
        var yamlBest = Duration.seconds(1_000)
        var jsonBest = Duration.seconds(1_000)
        for _ in 0..<2 {
            yamlBest = min(
                yamlBest, try clock.measure { node = try YAMLParser.parseNode(data: data, file: "large.yaml") })
            jsonBest = min(jsonBest, try clock.measure { _ = try JSONParser.parseNode(data: json, file: "large.json") })
        }
        let ratio =
            Double(yamlBest.components.attoseconds / 1_000_000_000 + yamlBest.components.seconds * 1_000_000_000)
            / Double(jsonBest.components.attoseconds / 1_000_000_000 + jsonBest.components.seconds * 1_000_000_000)
        print(
            "YAML parse of \(data.count) bytes: \(yamlBest); same document as JSON (\(json.count) bytes): \(jsonBest); ratio \(ratio)"
        )
        #expect(ratio < 20)
    }
}
