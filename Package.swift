// swift-tools-version:6.0
// Assay: a contract test and smoke runner for HTTP APIs, over libcurl.
// No package dependencies by design: Foundation, XCTest, Swift Testing and libcurl only.
import PackageDescription

let package = Package(
    name: "assay",
    products: [
        .executable(name: "assay", targets: ["assay"]),
        .executable(name: "assay-target", targets: ["assay-target"]),
        .library(name: "AssayKit", targets: ["AssayKit"]),
    ],
    targets: [
        // libcurl, opened at run time (dlopen, not linked: see CCurl.h), with typed, non-variadic
        // wrappers; no logic in C.
        .target(name: "CCurl"),
        // The runner library: suites, JSON, matching, transport, checks, scheduling, reports.
        .target(name: "AssayKit", dependencies: ["CCurl"]),
        // The command-line tool: arguments -> plan -> scheduler -> reporters -> exit code.
        .executableTarget(name: "assay", dependencies: ["AssayKit", "CCurl", "StopSignals", "BuildStamp"]),
        // The commit a release was built from, passed in by the Makefile as a C define.
        .target(name: "BuildStamp"),
        // SIGINT/SIGTERM to a thread, for both executables (the reference target stays independent of AssayKit).
        .target(name: "StopSignals"),
        // The reference target server, as a library so tests can read its fault table.
        .target(name: "AssayTargetKit"),
        .executableTarget(name: "assay-target", dependencies: ["AssayTargetKit", "StopSignals"]),
        // Helpers shared by test targets: start real servers on loopback, find built binaries.
        .target(name: "AssayTestSupport", path: "Tests/AssayTestSupport"),
        .testTarget(name: "AssayKitTests", dependencies: ["AssayKit", "AssayTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "AssayTargetTests", dependencies: ["AssayTargetKit", "AssayTestSupport"]),
        .testTarget(name: "AssayEndToEndTests", dependencies: ["AssayKit", "AssayTestSupport"]),
    ]
)
