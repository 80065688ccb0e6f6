import Testing

@Test func AssayEndToEndTestsBuilds() { #expect(Bool(true)) }
