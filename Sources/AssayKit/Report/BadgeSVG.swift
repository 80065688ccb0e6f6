/// A README badge such as "contract 42/45": passed cases over cases that ran. Its colour says
/// what CI said: green only when the run passed, red whenever a case failed or could not run,
/// grey when there is no verdict (nothing ran, or the run was interrupted). Plain SVG 1.1,
/// well-formed XML, no external fonts or links, so it renders the same from a file, a CI
/// artifact or a CDN.
public enum BadgeSVG {
    /// The badge's right-hand colour.
    public enum Color: String, Sendable {
        case green = "#4c1"
        case red = "#e05d44"
        /// No verdict: nothing ran, or the run was cut short.
        case grey = "#9f9f9f"
    }

    /// The colour for a run's counts. A partial pass rate is never "nearly green": a run that
    /// failed CI must not look like one that passed.
    public static func color(_ summary: RunSummary, interrupted: Bool) -> Color {
        let ran = summary.passed + summary.failed + summary.errors
        if interrupted || ran == 0 { return .grey }
        return summary.exitCode == ExitCode.success ? .green : .red
    }

    /// The badge for `result`; the left text is the lowercased score label.
    public static func render(_ result: RunResult, scoreLabel: String = "Contract") -> String {
        let summary = result.summary
        let ran = summary.passed + summary.failed + summary.errors
        let label = scoreLabel.lowercased()
        let value = result.interrupted ? "\(summary.passed)/\(ran) interrupted" : "\(summary.passed)/\(ran)"
        let color = color(summary, interrupted: result.interrupted)
        let leftWidth = textWidth(label) + 10
        let rightWidth = textWidth(value) + 10
        let width = leftWidth + rightWidth
        let score = CompatibilityScore(result, label: scoreLabel)
        let title = score.applies ? "\(label): \(value); \(score.line)" : "\(label): \(value) cases passed"
        let font = "Verdana,Geneva,DejaVu Sans,sans-serif"
        // Ids are document-wide in a page that inlines several badges: a suffix taken from
        // the badge's own text keeps two different badges from clipping each other, and keeps
        // the file reproducible.
        let id = idSuffix(of: "\(label)|\(value)|\(color.rawValue)|\(width)")
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="20" role="img" aria-label="\(TextEscaping.xml(label)): \(value)">
              <title>\(TextEscaping.xml(title))</title>
              <linearGradient id="shine-\(id)" x2="0" y2="100%">
                <stop offset="0" stop-color="#bbb" stop-opacity=".1"/>
                <stop offset="1" stop-opacity=".1"/>
              </linearGradient>
              <clipPath id="round-\(id)"><rect width="\(width)" height="20" rx="3" fill="#fff"/></clipPath>
              <g clip-path="url(#round-\(id))">
                <rect width="\(leftWidth)" height="20" fill="#555"/>
                <rect x="\(leftWidth)" width="\(rightWidth)" height="20" fill="\(color.rawValue)"/>
                <rect width="\(width)" height="20" fill="url(#shine-\(id))"/>
              </g>
              <g fill="#fff" text-anchor="middle" font-family="\(font)" font-size="11">
                <text x="\(leftWidth / 2)" y="14">\(TextEscaping.xml(label))</text>
                <text x="\(leftWidth + rightWidth / 2)" y="14">\(value)</text>
              </g>
            </svg>

            """
    }

    /// An estimate of the text's width in pixels at 11 px Verdana (about 7 px a character).
    static func textWidth(_ text: String) -> Int { max(1, text.count) * 7 }

    /// Eight hex digits of 32-bit FNV-1a over `text`: stable across runs and platforms.
    static func idSuffix(of text: String) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in text.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
