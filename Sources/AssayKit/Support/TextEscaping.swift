/// Every way Assay escapes text for a destination, in one place. Text from a target (headers,
/// bodies, reason phrases, event data, and messages quoting them) can hold any byte; each function
/// makes it inert where it goes: a terminal or CI log, XML/HTML, Markdown, TAP/YAML, a GitHub
/// workflow command, a POSIX shell.
public enum TextEscaping {
    // MARK: Terminals and logs

    /// Text fit for a terminal or CI log: C0 controls (but line feed and tab), DEL, C1 controls and
    /// Unicode direction overrides become visible escapes (`\x1B`, `\u{202E}`), so a target cannot
    /// colour, move the cursor, rewrite a line (`\r`), ring the bell or reorder what is shown.
    public static func terminal(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsTerminalEscape) else { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if needsTerminalEscape(scalar) {
                output +=
                    scalar.value < 0x100 ? "\\x" + hex(scalar.value, digits: 2) : "\\u{\(hex(scalar.value, digits: 4))}"
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// C0 but LF and tab, DEL, C1, and the bidirectional formatting characters (they reorder the
    /// text around them on screen).
    private static func needsTerminalEscape(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 { return value != 0x0A && value != 0x09 }
        if value < 0x7F { return false }
        if value <= 0x9F { return true }
        return (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) || value == 0x200E
            || value == 0x200F || value == 0x061C
    }

    /// Lines that would begin a GitHub Actions workflow command (`::add-mask::…`, `::stop-commands::…`,
    /// after any indentation) get their first colon escaped (`\x3A:`), so only Assay's own
    /// annotations are commands.
    public static func noWorkflowCommands(_ text: String) -> String {
        guard text.containsBytes("::") else { return text }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for index in lines.indices {
            let line = lines[index]
            let indent = line.prefix { $0 == " " || $0 == "\t" }
            if line.dropFirst(indent.count).hasPrefix("::") {
                lines[index] = indent + "\\x3A" + line.dropFirst(indent.count + 1)
            }
        }
        return lines.joined(separator: "\n")
    }

    // MARK: Markup

    /// XML 1.0 attribute or content (also HTML): markup characters become entities, and characters
    /// XML forbids (a response body can hold any byte) become U+FFFD.
    public static func xml(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&apos;"
            case "\t", "\n", "\r": output.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                let allowed = (0x20...0xD7FF).contains(value) || (0xE000...0xFFFD).contains(value) || value >= 0x10000
                output.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return output
    }

    /// A Markdown table cell: pipes and backslashes escaped, line breaks flattened, HTML-ish brackets
    /// neutralised, controls made visible.
    public static func markdownCell(_ text: String) -> String {
        terminal(text).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\n", with: " ")
    }

    /// Markdown inline code: backticks and pipes cannot be escaped there, so they are replaced.
    public static func markdownCode(_ text: String) -> String {
        terminal(text).replacingOccurrences(of: "`", with: "'").replacingOccurrences(of: "|", with: "¦")
            .replacingOccurrences(of: "\n", with: " ")
    }

    // MARK: TAP

    /// A TAP test description: `\` and `#` escaped (`#` starts a directive), line breaks flattened.
    public static func tapDescription(_ text: String) -> String {
        var output = ""
        for character in terminal(text) {
            switch character {
            case "\\": output += "\\\\"
            case "#": output += "\\#"
            case "\n": output += " "
            default: output.append(character)
            }
        }
        return output
    }

    /// A YAML double-quoted scalar (JSON string syntax, which YAML accepts).
    public static func yamlQuoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || needsTerminalEscape(scalar) {
                    output += "\\u" + hex(scalar.value, digits: 4).lowercased()
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }

    // MARK: GitHub workflow commands

    /// A workflow command's data (its message): `%`, CR and LF, as the runner requires.
    public static func annotationData(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": output += "%25"
            case "\r": output += "%0D"
            case "\n": output += "%0A"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// A workflow command's property value: as data, plus `:` and `,`.
    public static func annotationProperty(_ text: String) -> String {
        annotationData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    // MARK: Shells

    /// One word for a POSIX shell: bare when safe, else in single quotes; text with control
    /// characters uses `$'…'` (POSIX.1-2024, bash, zsh, ksh) so the command stays one line.
    public static func shellWord(_ word: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-")
        if !word.isEmpty, word.allSatisfy({ safe.contains($0) }) { return word }
        let hasControl = word.unicodeScalars.contains { needsTerminalEscape($0) || $0 == "\n" || $0 == "\t" }
        guard hasControl else { return "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'" }
        var quoted = "$'"
        for scalar in word.unicodeScalars {
            switch scalar {
            case "\\": quoted += #"\\"#
            case "'": quoted += #"\'"#
            case "\n": quoted += #"\n"#
            case "\r": quoted += #"\r"#
            case "\t": quoted += #"\t"#
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                quoted += #"\x"# + hex(scalar.value, digits: 2).lowercased()
            case _ where needsTerminalEscape(scalar):
                // C1 and direction controls: `\u` keeps them out of the terminal and the shell restores them.
                quoted += #"\u"# + hex(scalar.value, digits: 4)
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "'"
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
