import Foundation
import Testing

@testable import AssayKit

/// The concurrent-duplicates rule of the replay check, judged on answers a scripted performer
/// gives to one burst: each duplicate must be 409 or the processed result, and one must be processed.
@Suite struct ReplayConcurrencyRulesTests {
    static let processed = ConversationTimingTests.response(200, body: "{\"id\": \"a\"}")
    static let inFlight = ConversationTimingTests.response(409, body: "{\"error\": \"in flight\"}")

    static func check(_ answers: [HTTPResponse]) -> (ReplayConversation, ScriptedPerformer, Bool) {
        let performer = ScriptedPerformer(answers)
        var conversation = ReplayConversation(
            spec: ReplaySpec(), performer: performer, clock: RecordingClock(now: ConversationTimingTests.now),
            options: TransportOptions(), redactor: Redactor())
        let went = conversation.checkConcurrent(
            answers.count, first: processed, request: ConversationTimingTests.request)
        return (conversation, performer, went)
    }

    /// One processed duplicate and the rest 409 passes; every duplicate is labelled by its position.
    @Test func conflictsBesideOneProcessedPass() {
        let (conversation, performer, went) = Self.check([Self.inFlight, Self.processed, Self.inFlight])
        #expect(went)
        #expect(performer.labels == ["concurrent request 1", "concurrent request 2", "concurrent request 3"])
        #expect(ConversationTimingTests.failures(conversation.checks).isEmpty)
        #expect(conversation.checks.last?.message == "replay: 3 concurrent duplicates: 2 got 409, 1 the same result")
    }

    /// Every duplicate refused with 409 means none was processed: a failure.
    @Test func allConflictsFail() {
        let (conversation, _, _) = Self.check([Self.inFlight, Self.inFlight])
        #expect(
            ConversationTimingTests.failures(conversation.checks) == [
                "replay: all 2 concurrent requests got 409; one of them should have been processed"
            ])
    }

    /// Two processed duplicates with different bodies are a failure naming both.
    @Test func twoDifferentResultsFail() {
        let other = ConversationTimingTests.response(200, body: "{\"id\": \"b\"}")
        let (conversation, _, _) = Self.check([Self.processed, other])
        let failures = ConversationTimingTests.failures(conversation.checks)
        #expect(failures.count == 1)
        #expect(
            failures.first?.contains(
                "concurrent request 2 is neither 409 nor identical to concurrent request 1") == true)
    }

    /// A duplicate that gets no answer ends the conversation as "could not execute".
    @Test func unansweredDuplicateIsAnError() {
        let performer = ScriptedPerformer([Self.processed])
        var conversation = ReplayConversation(
            spec: ReplaySpec(), performer: performer, clock: RecordingClock(now: ConversationTimingTests.now),
            options: TransportOptions(), redactor: Redactor())
        let went = conversation.checkConcurrent(2, first: Self.processed, request: ConversationTimingTests.request)
        #expect(!went)
        #expect(conversation.error?.contains("could not execute concurrent request 2") == true)
    }
}
