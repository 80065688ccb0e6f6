/// Every report file Assay writes, with its file name under `--out` and its renderer.
public enum ReportFormat: String, Sendable, CaseIterable {
    case junit, json, markdown, html, badge, tap

    /// The formats `--out DIR` writes, in that order.
    public static let outFormats: [ReportFormat] = [.junit, .json, .markdown, .html, .badge]

    /// The file name under `--out DIR`.
    public var outFileName: String {
        switch self {
        case .junit: "junit.xml"
        case .json: "report.json"
        case .markdown: "report.md"
        case .html: "report.html"
        case .badge: "badge.svg"
        case .tap: "report.tap"
        }
    }

    /// Renders `result` in this format; a pure function.
    public func render(_ result: RunResult, context: ReportContext) -> String {
        switch self {
        case .junit: JUnitReport.render(result, scoreLabel: context.scoreLabel)
        case .json: JSONReport.render(result, scoreLabel: context.scoreLabel)
        case .markdown: MarkdownReport.render(result, context: context)
        case .html: HTMLReport.render(result, context: context)
        case .badge: BadgeSVG.render(result, scoreLabel: context.scoreLabel)
        case .tap: TAPReport.render(result, scoreLabel: context.scoreLabel)
        }
    }
}
