/// Literal `|` and folded `>` block scalars, with chomping (`-` strip, `+` keep, clip by default)
/// and indentation indicators.
extension YAMLReader {
    private enum Chomping {
        case clip, strip, keep
    }

    /// The block scalar whose header is at the current character; its lines are those indented at
    /// least as much as its first non-empty line (or the indicator says), and more than the parent.
    mutating func parseBlockScalar(parentIndent: Int) throws(Diagnostic) -> JSONNode {
        let start = location
        let literal = byte == UInt8(ascii: "|")
        position += 1
        var chomping = Chomping.clip
        var explicitIndent: Int?
        for _ in 0..<2 {
            switch byte {
            case UInt8(ascii: "-"): chomping = .strip
            case UInt8(ascii: "+"): chomping = .keep
            case UInt8(ascii: "1")...UInt8(ascii: "9"): explicitIndent = Int(byte - UInt8(ascii: "0"))
            default: continue
            }
            position += 1
        }
        guard Self.isSpaceOrEnd(byte) else {
            throw error(
                "expected `-`, `+`, an indentation digit or the end of the line after `\(literal ? "|" : ">")`, found \(found)"
            )
        }
        try expectLineEnd()
        var contentIndent = explicitIndent.map { max(parentIndent, 0) + $0 }
        // Each line's content, nil for an empty line.
        var lines: [Range<Int>?] = []
        while byte == 0x0A {
            let saved = mark
            newLine()
            var spaces = 0
            while byte(at: spaces) == 0x20 { spaces += 1 }
            let lineEnd = lineEnd(from: position + spaces)
            let blank = bytes[(position + spaces)..<lineEnd].allSatisfy(Self.isBlank)
            if contentIndent == nil && !blank {
                guard spaces > parentIndent else {
                    reset(to: saved)
                    break
                }
                contentIndent = spaces
            }
            if blank {
                let indent = contentIndent ?? Int.max
                lines.append(lineEnd - position > indent ? (position + indent)..<lineEnd : nil)
                position = lineEnd
                continue
            }
            guard let contentIndent, spaces >= contentIndent, !atDocumentMarker else {
                reset(to: saved)
                break
            }
            lines.append((position + contentIndent)..<lineEnd)
            position = lineEnd
        }
        var trailingEmpty = 0
        while let last = lines.last, last == nil {
            lines.removeLast()
            trailingEmpty += 1
        }
        // The text is put together as bytes and made a string once, without a string per line.
        var value: [UInt8] = []
        value.reserveCapacity(lines.reduce(0) { $0 + ($1?.count ?? 0) + 1 } + trailingEmpty)
        if literal { appendLiteral(lines, to: &value) } else { appendFolded(lines, to: &value) }
        let hasContent = !lines.isEmpty
        switch chomping {
        case .strip: break
        case .clip: if hasContent { value.append(0x0A) }
        case .keep: value.append(contentsOf: repeatElement(0x0A, count: trailingEmpty + (hasContent ? 1 : 0)))
        }
        try skipToContent()
        return node(.string(String(decoding: value, as: UTF8.self)), at: start)
    }

    private func appendLiteral(_ lines: [Range<Int>?], to output: inout [UInt8]) {
        for (index, line) in lines.enumerated() {
            if index > 0 { output.append(0x0A) }
            if let line { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[line])) }
        }
    }

    /// Folding: a break between two ordinary lines becomes a space, each empty line a newline;
    /// lines indented further keep their breaks.
    private func appendFolded(_ lines: [Range<Int>?], to output: inout [UInt8]) {
        var pendingBreaks = 0
        var sawContent = false
        var previousMoreIndented = false
        for line in lines {
            guard let line else {
                pendingBreaks += 1
                continue
            }
            let moreIndented = Self.isBlank(bytes[line.lowerBound])
            if !sawContent {
                output.append(contentsOf: repeatElement(0x0A, count: pendingBreaks))
            } else if moreIndented || previousMoreIndented {
                output.append(contentsOf: repeatElement(0x0A, count: pendingBreaks + 1))
            } else if pendingBreaks == 0 {
                output.append(0x20)
            } else {
                output.append(contentsOf: repeatElement(0x0A, count: pendingBreaks))
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[line]))
            pendingBreaks = 0
            sawContent = true
            previousMoreIndented = moreIndented
        }
    }
}
