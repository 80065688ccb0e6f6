import Foundation

/// A real nginx from Debian on 127.0.0.1, serving one static JSON file over TLS (HTTP/2 and
/// HTTP/1.1 through ALPN) with a self-signed certificate made for the test. `.ci/run` installs
/// nginx and openssl; a missing one fails the test with the install command, never skips it.
public final class NginxServer: @unchecked Sendable {
    // @unchecked: immutable after init; `process` is only stopped once, in deinit.
    public let port: UInt16
    /// The PEM certificate clients must trust (`--cacert`).
    public let certificatePath: String
    /// The body served at `/v1/models/tls`.
    public static let body = #"{"object":"model","id":"tls","created":1700000000,"owned_by":"nginx"}"#
    private let process: Process
    private let directory: URL

    public var baseURL: String { "https://127.0.0.1:\(port)" }

    /// With `requireClientCertificate`, nginx also asks every client for a certificate signed by a
    /// CA made for the test (mutual TLS) and answers 400 without one; `/whoami` names the client.
    public let clientCertificatePath: String?
    public let clientKeyPath: String?

    public init(requireClientCertificate: Bool = false) throws {
        for tool in ["/usr/sbin/nginx", "/usr/bin/openssl"] where !FileManager.default.isExecutableFile(atPath: tool) {
            throw TargetProcessError(description: "\(tool) is missing: apt-get install -y nginx-light openssl")
        }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("assay-nginx-\(UUID().uuidString)")
        let www = directory.appendingPathComponent("www")
        try FileManager.default.createDirectory(at: www, withIntermediateDirectories: true)
        try Self.body.write(to: www.appendingPathComponent("model.json"), atomically: true, encoding: .utf8)
        certificatePath = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        let openssl = try CLIRun.run(
            URL(fileURLWithPath: "/usr/bin/openssl"),
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", certificatePath,
            ])
        guard openssl.exitCode == 0 else {
            throw TargetProcessError(description: "openssl could not make a certificate: \(openssl.stderr)")
        }
        var clientTLS = ""
        if requireClientCertificate {
            let paths = try Self.makeClientCertificate(in: directory)
            clientCertificatePath = paths.certificate
            clientKeyPath = paths.key
            clientTLS = """
                ssl_client_certificate \(paths.authority);
                ssl_verify_client on;
                location = /whoami {
                    default_type application/json;
                    return 200 '{"client":"$ssl_client_s_dn","verified":"$ssl_client_verify"}';
                }
                """
        } else {
            clientCertificatePath = nil
            clientKeyPath = nil
        }
        port = try LoopbackServer.unusedPort()
        let config = """
            worker_processes 1;
            pid \(directory.path)/nginx.pid;
            error_log \(directory.path)/error.log;
            events { worker_connections 64; }
            http {
                access_log off;
                client_body_temp_path \(directory.path)/tmp;
                server {
                    listen 127.0.0.1:\(port) ssl http2;
                    ssl_certificate \(certificatePath);
                    ssl_certificate_key \(key);
                    \(clientTLS)
                    location = /v1/models/tls {
                        default_type application/json;
                        add_header X-Served-By nginx;
                        alias \(www.path)/model.json;
                    }
                }
            }
            """
        try config.write(to: directory.appendingPathComponent("nginx.conf"), atomically: true, encoding: .utf8)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/nginx")
        process.arguments = [
            "-p", directory.path, "-c", directory.appendingPathComponent("nginx.conf").path, "-g", "daemon off;",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Ready when the port accepts a connection.
        let deadline = Date().addingTimeInterval(10)
        while !Self.accepts(port), Date() < deadline {
            guard process.isRunning else { break }
            usleep(20_000)
        }
        guard Self.accepts(port) else {
            let log = (try? String(contentsOf: directory.appendingPathComponent("error.log"), encoding: .utf8)) ?? ""
            if process.isRunning { process.terminate() }
            throw TargetProcessError(description: "nginx did not start: \(log)")
        }
    }

    /// A CA, and a client certificate it signed: the paths of the CA's certificate, the client's
    /// certificate and the client's key.
    private static func makeClientCertificate(in directory: URL) throws -> (
        authority: String, certificate: String, key: String
    ) {
        let path = { (name: String) in directory.appendingPathComponent(name).path }
        let steps: [[String]] = [
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=assay-test-ca",
                "-keyout", path("ca.key"), "-out", path("ca.pem"),
            ],
            [
                "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=assay-client", "-keyout", path("client.key"),
                "-out", path("client.csr"),
            ],
            [
                "x509", "-req", "-in", path("client.csr"), "-CA", path("ca.pem"), "-CAkey", path("ca.key"),
                "-CAcreateserial", "-days", "1", "-out", path("client.pem"),
            ],
        ]
        for arguments in steps {
            let openssl = try CLIRun.run(URL(fileURLWithPath: "/usr/bin/openssl"), arguments)
            guard openssl.exitCode == 0 else {
                throw TargetProcessError(description: "openssl \(arguments[0]) failed: \(openssl.stderr)")
            }
        }
        return (path("ca.pem"), path("client.pem"), path("client.key"))
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    private static func accepts(_ port: UInt16) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
