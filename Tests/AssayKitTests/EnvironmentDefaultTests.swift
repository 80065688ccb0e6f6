import Testing

@testable import AssayKit

/// `${env:NAME:-default}` and the unterminated `${`, at the level of one scope.
@Suite("Environment defaults and unterminated references")
struct EnvironmentDefaultTests {
    @Test func aDefaultStandsInForAnUnsetOrEmptyVariable() throws {
        let scope = VariableScope(environment: ["EMPTY": "", "REGION": "eu-1"])
        #expect(try scope.resolve("${env:UNSET:-http://127.0.0.1:8080}", at: nil) == "http://127.0.0.1:8080")
        #expect(try scope.resolve("${env:EMPTY:-fallback}", at: nil) == "fallback")
        #expect(try scope.resolve("${env:REGION:-us-1}", at: nil) == "eu-1")
        #expect(try scope.resolve("${env:UNSET:-}", at: nil) == "")
    }

    @Test func theEnvironmentValueStaysSecretAndTheDefaultDoesNot() throws {
        let redactor = Redactor()
        var scope = VariableScope(environment: ["TOKEN": "tok-live-1234"])
        scope.secretSink = redactor
        _ = try scope.resolve("${env:TOKEN:-none}", at: nil)
        _ = try scope.resolve("${env:OTHER:-plain-default}", at: nil)
        #expect(redactor.redact("tok-live-1234 plain-default") == "*** plain-default")
    }

    @Test func anUnterminatedReferenceIsAnError() throws {
        let scope = VariableScope(environment: [:])
        let location = SourceLocation(file: "s.jsonc", line: 3, column: 9)
        do {
            _ = try scope.resolve("/items/${id", at: location)
            Issue.record("an unterminated reference resolved")
        } catch {
            #expect(error.message.contains("unterminated `${`"))
            #expect(error.location == location)
            #expect(error.hint == "write `$${` for a literal `${`")
        }
        #expect(try scope.resolve("price: $${", at: nil) == "price: ${")
    }
}
