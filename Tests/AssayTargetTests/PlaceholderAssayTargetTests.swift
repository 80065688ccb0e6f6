import Testing

@Test func AssayTargetTestsBuilds() { #expect(Bool(true)) }
