import Foundation
import Testing

@testable import AssayKit

/// RFC 6265 storage and selection rules of the cookie jar, with a clock the tests move.
@Suite struct CookieJarTests {
    final class Clock: @unchecked Sendable {
        var now = Date(timeIntervalSince1970: 1_796_126_400)
    }

    static func headers(_ fields: String...) -> HTTPHeaders {
        HTTPHeaders(fields.map { HTTPHeader(name: "Set-Cookie", value: $0) })
    }

    @Test func aHostOnlyCookieGoesBackToItsHostAlone() {
        let jar = CookieJar()
        jar.store(Self.headers("sid=abc"), from: "http://api.example.test/login")
        #expect(jar.cookieHeader(for: "http://api.example.test/me") == "sid=abc")
        #expect(jar.cookieHeader(for: "http://www.api.example.test/me") == nil)
        #expect(jar.cookieHeader(for: "http://example.test/me") == nil)
    }

    @Test func aDomainCookieGoesToSubdomainsAndAForeignDomainIsRefused() {
        let jar = CookieJar()
        jar.store(
            Self.headers("a=1; Domain=.example.test", "b=2; Domain=other.test"), from: "http://api.example.test/")
        #expect(jar.cookieHeader(for: "http://www.example.test/") == "a=1")
        #expect(jar.cookieHeader(for: "http://other.test/") == nil)
    }

    @Test func pathsMatchByDirectoryAndLongerPathsComeFirst() {
        let jar = CookieJar()
        jar.store(Self.headers("root=1; Path=/", "api=2; Path=/api"), from: "http://h.test/")
        jar.store(Self.headers("dflt=3"), from: "http://h.test/api/v1/login")
        #expect(jar.cookieHeader(for: "http://h.test/api/v1/x") == "dflt=3; api=2; root=1")
        #expect(jar.cookieHeader(for: "http://h.test/apix") == "root=1")
        #expect(jar.cookieHeader(for: "http://h.test/api") == "api=2; root=1")
    }

    @Test func aSecureCookieGoesOnlyOverHTTPS() {
        let jar = CookieJar()
        jar.store(Self.headers("s=1; Secure"), from: "https://h.test/")
        #expect(jar.cookieHeader(for: "https://h.test/") == "s=1")
        #expect(jar.cookieHeader(for: "http://h.test/") == nil)
    }

    @Test func expiryEndsACookieAndMaxAgeZeroDeletesOne() {
        let clock = Clock()
        let jar = CookieJar(now: { [clock] in clock.now })
        jar.store(Self.headers("short=1; Max-Age=60", "keep=2"), from: "http://h.test/")
        #expect(jar.cookieHeader(for: "http://h.test/") == "short=1; keep=2")
        clock.now = clock.now.addingTimeInterval(61)
        #expect(jar.cookieHeader(for: "http://h.test/") == "keep=2")
        jar.store(Self.headers("keep=gone; Max-Age=0"), from: "http://h.test/")
        #expect(jar.cookieHeader(for: "http://h.test/") == nil)
        jar.store(Self.headers("old=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT"), from: "http://h.test/")
        #expect(jar.cookieHeader(for: "http://h.test/") == nil)
        jar.store(Self.headers("later=1; Expires=Fri, 01-Jan-2100 00:00:00 GMT"), from: "http://h.test/")
        #expect(jar.cookieHeader(for: "http://h.test/") == "later=1")
    }

    @Test func aNewValueReplacesTheOldAndKeepsItsPlace() {
        let jar = CookieJar()
        jar.store(Self.headers("a=1", "b=2"), from: "http://h.test/")
        jar.store(Self.headers("a=3"), from: "http://h.test/")
        #expect(jar.cookieHeader(for: "http://h.test/") == "a=3; b=2")
    }

    @Test func theJarAddsToACookieTheSuiteWrote() {
        let jar = CookieJar()
        jar.store(Self.headers("sid=abc"), from: "http://h.test/")
        var headers = HTTPHeaders()
        headers.append(name: "Cookie", value: "theme=dark")
        let sent = jar.attach(to: HTTPRequest(url: "http://h.test/me", headers: headers))
        #expect(sent.headers.values("Cookie") == ["theme=dark; sid=abc"])
    }

    @Test func anIPAddressMatchesOnlyItself() {
        let jar = CookieJar()
        jar.store(Self.headers("a=1; Domain=0.0.1"), from: "http://127.0.0.1:8080/")
        jar.store(Self.headers("b=2"), from: "http://127.0.0.1:8080/")
        #expect(jar.cookieHeader(for: "http://127.0.0.1:9090/") == "b=2")
    }
}
