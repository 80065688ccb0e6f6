import Testing

@testable import AssayKit

/// `Set-Cookie` read as RFC 6265 §5.2 has it: the pair, then attributes in any case and order.
@Suite("Set-Cookie parsing")
struct SetCookieTests {
    @Test func readsThePairAndEveryAttribute() throws {
        let cookie = try #require(
            SetCookie(header: "sid=abc=def; Path=/; Domain=example.test; Max-Age=60; secure; HttpOnly; SameSite=Lax"))
        #expect(cookie.name == "sid" && cookie.value == "abc=def")
        #expect(cookie.path == "/" && cookie.domain == "example.test")
        #expect(cookie.maxAge == 60 && cookie.secure && cookie.httpOnly && cookie.sameSite == "Lax")
    }

    @Test func ignoresWhatTheRFCIgnores() {
        #expect(SetCookie(header: "no-equals-sign; Path=/") == nil)
        #expect(SetCookie(header: "=value") == nil)
        #expect(SetCookie(header: "a=1; Max-Age=soon; Unknown=x")?.maxAge == nil)
    }

    @Test func readsEverySetCookieFieldOfAResponse() {
        let headers = HTTPHeaders([
            HTTPHeader(name: "Set-Cookie", value: "a=1; Path=/"), HTTPHeader(name: "set-cookie", value: "b=2"),
            HTTPHeader(name: "Set-Cookie", value: "broken"),
        ])
        #expect(SetCookie.all(in: headers).map(\.name) == ["a", "b"])
    }
}
