import Foundation
import Testing

@testable import AssayKit

/// `CurlCommand` renders a pasteable, one-line, redacted reproduction of a request.
@Suite struct TransportCurlCommandTests {
    /// A secret token never appears: not in the Authorization header, the URL, another header or the body.
    @Test func secretNeverAppears() {
        let token = "sk-live-0123456789abcdef"
        let request = HTTPRequest(
            method: "POST", url: "http://127.0.0.1:9/v1/chat?key=\(token)",
            headers: [
                "Authorization": "Bearer \(token)", "X-Echo": "token=\(token)", "Content-Type": "application/json",
            ],
            body: Data(#"{"api_key":"\#(token)","q":"it's"}"#.utf8))
        let command = CurlCommand.render(request: request, redactor: Redactor(secrets: [token]))
        #expect(!command.contains(token))
        #expect(!command.contains("0123456789abcdef"))
        #expect(command.contains("'Authorization: Bearer ***'"))
        #expect(command.contains("key=***"))
    }

    /// Method, URL, headers, body and options render as the curl flags that reproduce them.
    @Test func rendersFlags() {
        let request = HTTPRequest(
            method: "PUT", url: "https://127.0.0.1:8443/items/1",
            headers: ["Content-Type": "text/plain", "X-Empty": ""],
            body: Data("hi\nthere".utf8))
        let options = TransportOptions(
            verifyTLS: false, caCertPath: "/tmp/my ca.pem", httpVersion: .http2, followRedirects: true, maxRedirects: 3)
        let command = CurlCommand.render(request: request, options: options)
        #expect(
            command == "curl -X PUT https://127.0.0.1:8443/items/1 -H 'Content-Type: text/plain' -H 'X-Empty;' "
                + #"--data-raw $'hi\nthere' --http2 -k --cacert '/tmp/my ca.pem' -L --max-redirs 3"#)
    }

    /// GET needs no method flag, HEAD uses --head, plain-http h2 uses prior knowledge, and a
    /// body without Content-Type suppresses curl's form default like the transport does.
    @Test func rendersMethodsAndDefaults() {
        let get = CurlCommand.render(request: HTTPRequest(url: "http://127.0.0.1:1/"))
        #expect(get == "curl http://127.0.0.1:1/")
        let head = CurlCommand.render(
            request: HTTPRequest(method: "HEAD", url: "http://127.0.0.1:1/"),
            options: TransportOptions(httpVersion: .http1_1))
        #expect(head == "curl --head http://127.0.0.1:1/ --http1.1")
        let post = CurlCommand.render(
            request: HTTPRequest(method: "POST", url: "http://127.0.0.1:1/", body: Data("a=1".utf8)),
            options: TransportOptions(httpVersion: .http2))
        #expect(post == "curl http://127.0.0.1:1/ -H Content-Type: --data-raw a=1 --http2-prior-knowledge")
        let globbed = CurlCommand.render(request: HTTPRequest(url: "http://127.0.0.1:1/?a[0]=1"))
        #expect(globbed == "curl -g 'http://127.0.0.1:1/?a[0]=1'")
    }

    /// A secret read from the environment is written as its variable, so the pasted command sends
    /// the same bytes where the variable is set: a shell given the command's words (with `printf`
    /// in place of `curl`) gets back exactly the URL, headers and body that were sent.
    @Test func environmentSecretsArePasteable() throws {
        let token = "sk-env-0123456789 it's"
        let redactor = Redactor()
        redactor.add(token, environmentName: "TRIAL_TOKEN")
        let url = "http://127.0.0.1:9/v1/echo?key=\(token)&x=1"
        let headers = ["Authorization": "Bearer \(token)", "X-Api-Key": token, "X-Echo": "pre-\(token)-post"]
        let body = #"{"api_key":"\#(token)","q":"it's"}"#
        var request = HTTPRequest(method: "PUT", url: url, body: Data(body.utf8))
        for name in ["Authorization", "X-Api-Key", "X-Echo", "Content-Type"] {
            request.headers.append(name: name, value: headers[name] ?? "application/json")
        }
        let command = CurlCommand.render(request: request, redactor: redactor)
        #expect(!command.contains(token))
        #expect(!command.contains("0123456789"))
        #expect(!command.contains(Redactor.mask))
        #expect(command.contains(#"-H 'Authorization: Bearer '"${TRIAL_TOKEN:?}""#))

        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "curl() { printf '%s\\n' \"$@\"; }; " + command]
        shell.environment = ["TRIAL_TOKEN": token]
        let output = Pipe()
        shell.standardOutput = output
        try shell.run()
        shell.waitUntilExit()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let words = printed.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(
            words == [
                "-X", "PUT", url, "-H", "Authorization: Bearer \(token)", "-H", "X-Api-Key: \(token)", "-H",
                "X-Echo: pre-\(token)-post", "-H", "Content-Type: application/json", "--data-raw", body, "",
            ])
    }

    /// A mask that is left (a declared secret, a value built from an environment secret, a token
    /// written in the suite) is explained at the end of the command, where a shell ignores it.
    @Test func leftMasksAreExplained() {
        let token = "sk-env-0123456789"
        let redactor = Redactor(secrets: ["Bearer \(token)"])
        redactor.add(token, environmentName: "TRIAL_TOKEN")
        var request = HTTPRequest(url: "http://127.0.0.1:9/")
        request.headers.append(name: "Authorization", value: "Bearer \(token)")
        request.headers.append(name: "Cookie", value: "session=abc123")
        let command = CurlCommand.render(request: request, redactor: redactor)
        #expect(!command.contains(token) && !command.contains("abc123") && !command.contains("TRIAL_TOKEN"))
        #expect(command.hasSuffix("-H 'Cookie: ***'  # *** \(CurlCommand.maskNote)"))
        #expect(CurlCommand.render(request: HTTPRequest(url: "http://127.0.0.1:9/")) == "curl http://127.0.0.1:9/")
    }
}
