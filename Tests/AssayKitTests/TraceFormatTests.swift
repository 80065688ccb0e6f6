import Foundation
import Testing

@testable import AssayKit

/// The trace-id formats and the decoding of `trace` blocks.
@Suite struct TraceFormatTests {
    /// hex32 accepts 32 hex digits of either case and rejects other lengths and non-hex.
    @Test func hex32() {
        #expect(TraceFormat.hex32.violation("3fa85f6457174562b3fc2c963f66afa6") == nil)
        #expect(TraceFormat.hex32.violation("3FA85F6457174562B3FC2C963F66AFA6") == nil)
        #expect(TraceFormat.hex32.violation("abc") != nil)
        #expect(TraceFormat.hex32.violation("3fa85f64-5717-4562-b3fc-2c963f66afa6") != nil)
        #expect(TraceFormat.hex32.violation("zfa85f6457174562b3fc2c963f66afa6") != nil)
    }

    /// uuid accepts the 8-4-4-4-12 form and rejects the hyphenless form.
    @Test func uuid() {
        #expect(TraceFormat.uuid.violation("3fa85f64-5717-4562-b3fc-2c963f66afa6") == nil)
        #expect(TraceFormat.uuid.violation("3fa85f6457174562b3fc2c963f66afa6") != nil)
        #expect(TraceFormat.uuid.violation("3fa85f64-5717-4562-b3fc-2c963f66afa") != nil)
    }

    /// traceparent follows W3C: lowercase, non-zero ids, version ff invalid, version 00 exactly 55 characters.
    @Test func traceparent() {
        let good = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
        #expect(TraceFormat.traceparent.violation(good) == nil)
        #expect(TraceFormat.traceparent.violation(good.uppercased())?.contains("lowercase") == true)
        #expect(
            TraceFormat.traceparent.violation("00-00000000000000000000000000000000-00f067aa0ba902b7-01")?.contains(
                "trace-id")
                == true)
        #expect(
            TraceFormat.traceparent.violation("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01")?.contains(
                "parent-id")
                == true)
        #expect(
            TraceFormat.traceparent.violation("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")?.contains("ff")
                == true)
        #expect(TraceFormat.traceparent.violation(good + "-extra") != nil)
        // A later version may append fields; a version-00 reader must accept it.
        #expect(
            TraceFormat.traceparent.violation("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra") == nil)
        #expect(TraceFormat.traceparent.violation("00-4bf92f3577b34da6a3ce929d0e0e4736") != nil)
    }

    /// regex: matches the whole value.
    @Test func regex() throws {
        let format = try #require(TraceFormat(parsing: "regex:req_[a-z0-9]+"))
        #expect(format.violation("req_abc123") == nil)
        #expect(format.violation("xreq_abc123") != nil)
        #expect(TraceFormat(parsing: "regex:") == nil)
        #expect(TraceFormat(parsing: "hex") == nil)
    }

    /// A suite `trace` block decodes every key, and `echo: true` means the policy's own headers.
    @Test func decodesBlock() throws {
        let suite = try ContractHarness.suite(
            """
            { "trace": { "headers": ["X-Trace-Id", "X-Request-Id"], "format": "hex32", "unique": true, "echo": true,
                         "requireEqual": ["X-Trace-Id", "X-Request-Id"], "required": false },
              "cases": [{ "name": "a", "request": { "path": "/" } }] }
            """)
        let policy = try #require(suite.trace)
        #expect(policy.headers == ["X-Trace-Id", "X-Request-Id"])
        #expect(policy.format == .hex32)
        #expect(policy.unique)
        #expect(!policy.required)
        #expect(policy.echo == ["X-Trace-Id", "X-Request-Id"])
        #expect(policy.requireEqual == ["X-Trace-Id", "X-Request-Id"])
        #expect(policy.location?.line == 1)
    }

    /// An unknown key in a `trace` block is a located error with a suggestion.
    @Test func unknownKeySuggests() throws {
        let problem = try #require(
            ContractHarness.diagnostic(
                """
                { "trace": {
                    "header": "X-Trace-Id" },
                  "cases": [{ "name": "a", "request": { "path": "/" } }] }
                """))
        #expect(problem.message.contains("unknown key `header` in `trace` block"))
        #expect(problem.hint == "did you mean `headers`?")
        #expect(problem.location?.line == 2)
    }

    /// A misspelt format is rejected with the valid names and a suggestion.
    @Test func badFormatSuggests() throws {
        let problem = try #require(
            ContractHarness.diagnostic(
                #"{ "trace": { "format": "hex23" }, "cases": [{ "name": "a", "request": { "path": "/" } }] }"#))
        #expect(problem.message.contains("expected `format` to be one of"))
        #expect(problem.hint == "did you mean \"hex32\"?")
        let regex = try #require(
            ContractHarness.diagnostic(
                #"{ "trace": { "format": "regex:([a-" }, "cases": [{ "name": "a", "request": { "path": "/" } }] }"#))
        #expect(regex.message.contains("invalid regular expression"))
    }

    /// The config file's `trace` block uses the same decoder.
    @Test func configBlock() throws {
        let text = #"{ "target": "http://127.0.0.1:1", "trace": { "headers": "x-litellm-call-id", "format": "uuid" } }"#
        let config = try ConfigFile.decode(JSONParser.parseNode(text, file: "assay.jsonc"), file: "assay.jsonc")
        #expect(config.trace?.headers == ["x-litellm-call-id"])
        #expect(config.trace?.format == .uuid)
        let overridden = try #require(config.trace).overriding(headers: ["X-Trace-Id"], format: nil)
        #expect(overridden.headers == ["X-Trace-Id"])
        #expect(overridden.format == .uuid)
    }
}
