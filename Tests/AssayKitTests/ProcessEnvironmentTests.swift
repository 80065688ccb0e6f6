import Foundation
import Testing

@testable import AssayKit

/// The environment read from `environ` is the one Foundation reports.
@Suite("Process environment")
struct ProcessEnvironmentTests {
    @Test func sameAsProcessInfo() {
        let read = ProcessEnvironment.current()
        #expect(!read.isEmpty)
        #expect(read == ProcessInfo.processInfo.environment)
    }
}
