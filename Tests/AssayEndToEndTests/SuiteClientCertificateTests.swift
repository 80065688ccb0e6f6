import AssayTestSupport
import Foundation
import Testing

/// A suite's own client certificate (`defaults.tls`) against a real nginx that requires one
/// (mutual TLS), with certificates the test makes.
@Suite("Client certificate per suite, end to end")
struct SuiteClientCertificateTests {
    /// A suite reaching nginx's `/whoami`, with `tls` as given (nil: none).
    static func suite(tls: String?) -> String {
        let defaults = tls.map { #", "defaults": { "tls": \#($0) }"# } ?? ""
        return """
            { "name": "mtls"\(defaults), "cases": [ { "name": "whoami", "request": { "path": "/whoami" },
                "expect": { "status": 200, "body": { "client": "CN=assay-client", "verified": "SUCCESS" } } } ] }
            """
    }

    @Test func theSuitesCertificateIsPresentedAndAccepted() throws {
        let nginx = try NginxServer(requireClientCertificate: true)
        let directory = try TemporaryDirectory()
        let certs = directory.url.appendingPathComponent("Suites/certs")
        try FileManager.default.createDirectory(at: certs, withIntermediateDirectories: true)
        for (from, to) in [
            (nginx.clientCertificatePath, "client.pem"), (nginx.clientKeyPath, "client.key"),
            (nginx.certificatePath, "server.pem"),
        ] {
            try FileManager.default.copyItem(
                atPath: try #require(from), toPath: certs.appendingPathComponent(to).path)
        }
        // Relative to the suite file's folder.
        try directory.write(
            Self.suite(
                tls: #"{ "cert": "certs/client.pem", "key": "certs/client.key", "cacert": "certs/server.pem" }"#),
            to: "Suites/mtls.jsonc")
        let run = try CLIRun.assay(["run", "Suites", "--target", nginx.baseURL], directory: directory.url)
        #expect(run.exitCode == 0, "\(run.allOutput)")
    }

    /// Without the suite's certificate nginx refuses the client: the same case fails.
    @Test func withoutTheCertificateTheServerRefuses() throws {
        let nginx = try NginxServer(requireClientCertificate: true)
        let directory = try TemporaryDirectory()
        try directory.write(
            Self.suite(tls: #"{ "cacert": "\#(nginx.certificatePath)" }"#), to: "Suites/mtls.jsonc")
        let run = try CLIRun.assay(["run", "Suites", "--target", nginx.baseURL], directory: directory.url)
        #expect(run.exitCode == 1, "\(run.allOutput)")
        #expect(run.allOutput.contains("expected 200, got 400"), "\(run.allOutput)")
    }

    @Test(arguments: [
        (#"{ "key": "k.pem" }"#, "`tls.key` needs `tls.cert`"),
        (#"{ "cert": "missing.pem" }"#, "tls.cert file"),
        (#"{ "certificate": "c.pem" }"#, "certificate"),
        ("{}", "`tls` needs `cert`"),
    ])
    func badTLSIsAPositionedSuiteError(tls: String, message: String) throws {
        let directory = try TemporaryDirectory()
        try directory.write(
            """
            { "defaults": {
                "tls": \(tls) }, "cases": [ { "name": "c", "request": { "path": "/" } } ] }
            """, to: "Suites/bad.jsonc")
        let lint = try CLIRun.assay(["lint", "Suites"], directory: directory.url)
        #expect(lint.exitCode == 2, "\(lint.allOutput)")
        #expect(lint.allOutput.contains("bad.jsonc:2:"), "\(lint.allOutput)")
        #expect(lint.allOutput.contains(message), "\(lint.allOutput)")
    }
}
