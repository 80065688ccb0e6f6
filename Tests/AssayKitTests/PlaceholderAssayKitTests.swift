import Testing

@Test func AssayKitTestsBuilds() { #expect(Bool(true)) }
