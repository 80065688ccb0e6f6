import AssayTestSupport
import Foundation
import Testing

@testable import AssayKit

/// The per-exchange waterfall: libcurl's cumulative timings become touching intervals in phase
/// order, redirects come first as their own segments, and sub-millisecond phases read in µs.
@Suite struct ReportWaterfallTests {
    static func record(_ timings: TransferTimings, redirects: [RedirectHop]? = nil) -> ExchangeRecord {
        let now = ContinuousClock.now
        let exchange = Exchange(
            request: HTTPRequest(method: "GET", url: "http://127.0.0.1:9/"), response: nil, timings: timings,
            startedAt: Date(timeIntervalSince1970: 0), startInstant: now, finishedAt: now)
        var record = ExchangeRecord(exchange, redactor: Redactor(), detail: .full)
        record.redirects = redirects
        return record
    }

    /// Every phase of a fresh TLS connection, each the difference of two cumulative points.
    @Test func phasesAreDifferencesOfCumulativePoints() {
        let waterfall = ExchangeWaterfall(
            Self.record(
                TransferTimings(dns: 100, connect: 300, tls: 900, preTransfer: 950, firstByte: 1_800, total: 2_000)))
        #expect(waterfall.segments.map(\.label) == ["DNS", "connect", "TLS", "pre-transfer", "wait", "download"])
        #expect(waterfall.segments.map(\.duration) == [100, 200, 600, 50, 850, 200])
        #expect(waterfall.total == 2_000)
    }

    /// A pre-transfer reported after the first byte (seen with a gzip body) is pulled back to it:
    /// the wait is not drawn as a zero-width mark at the far right.
    @Test func preTransferAfterFirstByteIsPulledBack() throws {
        let waterfall = ExchangeWaterfall(
            Self.record(
                TransferTimings(dns: 20, connect: 90, tls: 0, preTransfer: 2_300, firstByte: 1_162, total: 2_400)))
        let wait = try #require(waterfall.segments.first { $0.kind == "wait" })
        #expect(wait.end == 1_162)
        #expect(waterfall.segments.first { $0.kind == "pretransfer" }?.end == 1_162)
        #expect(waterfall.segments.first { $0.kind == "download" }?.duration == 1_238)
        #expect(zip(waterfall.segments, waterfall.segments.dropFirst()).allSatisfy { $0.end == $1.start })
    }

    /// A reused connection reports no connect (0): the DNS time it did report is kept, not pulled to 0.
    @Test func reusedConnectionKeepsItsDNS() {
        let waterfall = ExchangeWaterfall(
            Self.record(TransferTimings(dns: 11, connect: 0, tls: 0, preTransfer: 40, firstByte: 595, total: 634)))
        #expect(waterfall.segments.map(\.duration) == [11, 0, 0, 29, 555, 39])
    }

    /// No first byte recorded (a failed transfer) leaves it at the total, never past it.
    @Test func missingFirstByteIsTheTotal() {
        let waterfall = ExchangeWaterfall(
            Self.record(TransferTimings(dns: 10, connect: 50, preTransfer: 60, firstByte: 0, total: 5_000)))
        #expect(waterfall.segments.first { $0.kind == "wait" }?.end == 5_000)
        #expect(waterfall.segments.allSatisfy { $0.start >= 0 && $0.end <= 5_000 && $0.duration >= 0 })
    }

    @Test func durationsBelowAMillisecondReadInMicroseconds() {
        #expect(ReportDuration.microseconds(734) == "734 µs")
        #expect(ReportDuration.microseconds(1_162) == "1.2 ms")
        #expect(ReportDuration.microseconds(14_200_000) == "14.20 s")
        #expect(ReportDuration.milliseconds(0.25) == "250 µs")
        let html = HTMLReport.waterfall(
            Self.record(TransferTimings(dns: 100, connect: 300, preTransfer: 310, firstByte: 800, total: 1_000)))
        #expect(html.contains(">490 µs<"), "the wait reads 490 µs")
        #expect(!html.contains("0.0 ms"))
    }

    /// A real redirect over loopback: the hop's own timings are recorded, and the waterfall draws
    /// the hop first, then every phase of the final request, in order, touching, on one axis.
    @Test func realRedirectShowsEveryPhaseInOrder() throws {
        let landing = try LoopbackServer(scripts: [[.serve { _ in LoopbackServer.response(body: "landed") }]])
        let origin = try LoopbackServer(scripts: [
            [
                .serve { _ in
                    LoopbackServer.response(
                        status: 302, reason: "Found", headers: [("Location", landing.baseURL + "/there")], body: "")
                }
            ]
        ])
        let client = try #require(CurlClient())
        let exchange = client.perform(
            HTTPRequest(method: "GET", url: origin.baseURL + "/here"), options: TransportOptions(followRedirects: true))
        #expect(exchange.response?.status == 200)
        let hop = try #require(exchange.redirects.first)
        let hopTimings = try #require(hop.timings, "the hop keeps its own timings")
        #expect(hopTimings.total > 0)
        let record = ExchangeRecord(exchange, redactor: Redactor(), detail: .full)
        let waterfall = ExchangeWaterfall(record)
        #expect(
            waterfall.segments.map(\.kind) == ["redirect", "dns", "connect", "tls", "pretransfer", "wait", "download"])
        #expect(waterfall.segments[0].label == "302 → \(landing.baseURL)/there")
        #expect(waterfall.segments[0].duration == hopTimings.total)
        #expect(zip(waterfall.segments, waterfall.segments.dropFirst()).allSatisfy { $0.end == $1.start })
        #expect(waterfall.total == hopTimings.total + exchange.timings.total)
        #expect(waterfall.segments.first { $0.kind == "wait" }!.duration > 0, "a response was waited for")
        // The hop survives the JSON report and its read-back.
        let decoded = try JSONDecoder().decode(ExchangeRecord.self, from: JSONEncoder().encode(record))
        #expect(decoded.redirects?.first?.timings == hopTimings)
    }
}
