/// A README badge such as "contract 42/45": passed cases over cases that ran, coloured
/// green at 100 %, yellow from 80 %, red below. Plain SVG 1.1, well-formed XML, no
/// external fonts or links, so it renders the same from a file, a CI artifact or a CDN.
public enum BadgeSVG {
    /// The badge's right-hand colour.
    public enum Color: String, Sendable {
        case green = "#4c1"
        case yellow = "#dfb317"
        case red = "#e05d44"
        /// Nothing ran.
        case grey = "#9f9f9f"
    }

    /// The colour for `passed` of `ran` cases.
    public static func color(passed: Int, ran: Int) -> Color {
        guard ran > 0 else { return .grey }
        if passed >= ran { return .green }
        return Double(passed) / Double(ran) >= 0.8 ? .yellow : .red
    }

    /// The badge for `result`; the left text is the lowercased score label.
    public static func render(_ result: RunResult, scoreLabel: String = "Contract") -> String {
        let summary = result.summary
        let ran = summary.passed + summary.failed + summary.errors
        let label = scoreLabel.lowercased()
        let value = "\(summary.passed)/\(ran)"
        let color = color(passed: summary.passed, ran: ran)
        let leftWidth = textWidth(label) + 10
        let rightWidth = textWidth(value) + 10
        let width = leftWidth + rightWidth
        let title = "\(label): \(value); \(CompatibilityScore(result, label: scoreLabel).line)"
        let font = "Verdana,Geneva,DejaVu Sans,sans-serif"
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="20" role="img" aria-label="\(TextEscaping.xml(label)): \(value)">
              <title>\(TextEscaping.xml(title))</title>
              <linearGradient id="shine" x2="0" y2="100%">
                <stop offset="0" stop-color="#bbb" stop-opacity=".1"/>
                <stop offset="1" stop-opacity=".1"/>
              </linearGradient>
              <clipPath id="round"><rect width="\(width)" height="20" rx="3" fill="#fff"/></clipPath>
              <g clip-path="url(#round)">
                <rect width="\(leftWidth)" height="20" fill="#555"/>
                <rect x="\(leftWidth)" width="\(rightWidth)" height="20" fill="\(color.rawValue)"/>
                <rect width="\(width)" height="20" fill="url(#shine)"/>
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
}
