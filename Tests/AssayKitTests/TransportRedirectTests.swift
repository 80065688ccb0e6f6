import AssayTestSupport
import Foundation
import Testing

@testable import AssayKit

/// Redirects followed by Assay (not libcurl), against two loopback servers on different ports: a
/// redirect to another origin carries no credential of any kind and no body; one to the same
/// origin carries everything; every hop is in the exchange.
@Suite struct TransportRedirectTests {
    /// Headers a suite may send that identify the caller, and must stay with the origin they were written for.
    static let credentials: [(String, String)] = [
        ("Authorization", "Bearer sk-redirect-1"), ("Proxy-Authorization", "Basic cHJveHk6c2VjcmV0"),
        ("Cookie", "session=abc"), ("X-Api-Key", "key-redirect-2"), ("api-key", "key-redirect-3"),
        ("X-Custom-Token", "custom-redirect-4"),
    ]

    static func request(_ url: String, method: String = "GET", body: String? = nil) -> HTTPRequest {
        var headers = HTTPHeaders(credentials.map { HTTPHeader(name: $0.0, value: $0.1) })
        headers.append(name: "Accept", value: "application/json")
        return HTTPRequest(method: method, url: url, headers: headers, body: body.map { Data($0.utf8) })
    }

    /// A server answering every request with `status` and a `Location` to `target`.
    static func redirecting(_ status: Int, to target: String) throws -> LoopbackServer {
        try LoopbackServer(scripts: [
            [
                .serve { _ in
                    LoopbackServer.response(
                        status: status, reason: "Moved", headers: [("Location", target)], body: "moved")
                }
            ]
        ])
    }

    static func landing() throws -> LoopbackServer {
        try LoopbackServer(scripts: [[.serve { _ in LoopbackServer.response(body: "landed") }]])
    }

    static let following = TransportOptions(followRedirects: true)

    /// Another port is another origin: the credentials stay behind, content negotiation follows, the hop is recorded.
    @Test(arguments: [301, 302, 303, 307, 308])
    func crossOriginDropsCredentials(status: Int) throws {
        let landing = try Self.landing()
        let origin = try Self.redirecting(status, to: landing.baseURL + "/landing")
        let client = try #require(CurlClient())
        let exchange = client.perform(Self.request(origin.baseURL + "/start"), options: Self.following)
        #expect(exchange.response?.status == 200)
        #expect(exchange.response.map { String(decoding: $0.body, as: UTF8.self) } == "landed")
        let received = try #require(landing.requests.first)
        for (name, _) in Self.credentials {
            #expect(received.header(name) == nil, "\(name) followed a \(status) to another origin")
        }
        #expect(received.header("Accept") == "application/json")
        #expect(exchange.redirects.count == 1)
        #expect(exchange.redirects.first?.droppedHeaders.contains("X-Api-Key") == true)
        #expect(exchange.effectiveURL == landing.baseURL + "/landing")
        #expect(exchange.request.url == origin.baseURL + "/start")
    }

    /// The same origin gets every header again, as curl sends them.
    @Test func sameOriginKeepsHeaders() throws {
        let server = try LoopbackServer(scripts: [
            [
                .serve { request in
                    request.target == "/start"
                        ? LoopbackServer.response(status: 302, headers: [("Location", "/landing")])
                        : LoopbackServer.response(body: "landed")
                }
            ]
        ])
        let client = try #require(CurlClient())
        let exchange = client.perform(Self.request(server.baseURL + "/start"), options: Self.following)
        #expect(exchange.response?.status == 200)
        let landed = try #require(server.requests.last)
        #expect(landed.target == "/landing")
        #expect(landed.header("X-Api-Key") == "key-redirect-2")
        #expect(exchange.redirects.first?.droppedHeaders == [])
    }

    /// A 307/308 to another origin would re-send the body: not followed, the 3xx is the answer.
    @Test(arguments: [307, 308])
    func bodyNeverFollowsToAnotherOrigin(status: Int) throws {
        let landing = try Self.landing()
        let origin = try Self.redirecting(status, to: landing.baseURL + "/landing")
        let client = try #require(CurlClient())
        let exchange = client.perform(
            Self.request(origin.baseURL + "/start", method: "POST", body: #"{"token":"sk-body-secret"}"#),
            options: Self.following)
        #expect(exchange.response?.status == status)
        #expect(landing.requests.isEmpty)
        #expect(exchange.redirects.first?.followed == false)
        #expect(exchange.redirects.first?.note?.contains("another origin") == true)
    }

    /// A 303 after a POST becomes a GET without the body, which may then go anywhere.
    @Test func seeOtherDropsTheBody() throws {
        let landing = try Self.landing()
        let origin = try Self.redirecting(303, to: landing.baseURL + "/landing")
        let client = try #require(CurlClient())
        let exchange = client.perform(
            Self.request(origin.baseURL + "/start", method: "POST", body: "secret-body"), options: Self.following)
        #expect(exchange.response?.status == 200)
        let received = try #require(landing.requests.first)
        #expect(received.method == "GET")
        #expect(received.body.isEmpty)
    }

    /// `--location-trusted` opts in: everything follows, as with curl's option.
    @Test func trustedRedirectsKeepEverything() throws {
        let landing = try Self.landing()
        let origin = try Self.redirecting(307, to: landing.baseURL + "/landing")
        var options = Self.following
        options.redirectsKeepCredentials = true
        let client = try #require(CurlClient())
        let exchange = client.perform(
            Self.request(origin.baseURL + "/start", method: "POST", body: "payload"), options: options)
        #expect(exchange.response?.status == 200)
        let received = try #require(landing.requests.first)
        #expect(received.header("X-Api-Key") == "key-redirect-2")
        #expect(String(decoding: received.body, as: UTF8.self) == "payload")
    }

    /// The transfer loop follows the same way, and a chain longer than the limit fails, classified.
    @Test func transferLoopFollowsAndLimits() throws {
        let landing = try Self.landing()
        let origin = try Self.redirecting(302, to: landing.baseURL + "/landing")
        let loop = try #require(TransferLoop(connections: 2))
        var result: Exchange?
        loop.start(Self.request(origin.baseURL + "/start"), options: Self.following) { result = $0 }
        TransferLoopTests.drain(loop)
        #expect(result?.response?.status == 200)
        #expect(landing.requests.first?.header("Authorization") == nil)
        #expect(result?.redirects.count == 1)

        let loopServer = try LoopbackServer(scripts: [
            [.serve { _ in LoopbackServer.response(status: 302, headers: [("Location", "/again")]) }]
        ])
        var limited = Self.following
        limited.maxRedirects = 3
        var endless: Exchange?
        loop.start(HTTPRequest(url: loopServer.baseURL + "/again"), options: limited) { endless = $0 }
        TransferLoopTests.drain(loop)
        #expect(endless?.failure?.curlCode == 47)
        #expect(endless?.redirects.count == 4)
    }

    /// Without `-L`, a redirect is the answer and its body is kept.
    @Test func notFollowingKeepsTheRedirect() throws {
        let landing = try Self.landing()
        let origin = try Self.redirecting(302, to: landing.baseURL + "/landing")
        let client = try #require(CurlClient())
        let exchange = client.perform(Self.request(origin.baseURL + "/start"))
        #expect(exchange.response?.status == 302)
        #expect(exchange.response.map { String(decoding: $0.body, as: UTF8.self) } == "moved")
        #expect(landing.requests.isEmpty)
    }
}
