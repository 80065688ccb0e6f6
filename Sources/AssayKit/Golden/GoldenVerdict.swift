import Foundation

/// Checks a body against its golden file and records it when the record mode says so:
/// normalize (parse and redact) → compare → outcome.
public enum GoldenVerdict {
    /// The outcome for one case's golden.
    /// - Parameters:
    ///   - explicit: whether the record mode was given explicitly (e.g. on the command line);
    ///     a writing mode that was not is refused when `environment` says CI.
    ///   - location: where the suite names the golden, for diagnostics.
    public static func evaluate(
        store: GoldenStore, path: String, actual: GoldenBody, compareMode: CompareMode, recordMode: RecordMode,
        explicit: Bool, environment: [String: String], redactor: Redactor, location: SourceLocation? = nil
    ) -> GoldenOutcome {
        do throws(Diagnostic) {
            let mode = try recordMode.checked(explicit: explicit, environment: environment)
            let recorder = GoldenRecorder(redactor: redactor)
            guard let golden = try store.load(path, at: location) else {
                guard mode != .never else { return .missing(try store.resolve(path, at: location)) }
                return .recorded(try store.write(try render(nil, actual, path, recorder), to: path, at: location))
            }
            let expectation: Expectation?
            let mismatches: [Mismatch]
            switch golden {
            case .json(let node):
                do throws(DiagnosticList) {
                    expectation = try store.expectation(path, node: node)
                } catch {
                    return .invalid(error.diagnostics)
                }
                mismatches = compareJSON(expectation, actual, compareMode)
            case .text(let text):
                expectation = nil
                mismatches = try compareText(text, actual, location: location)
            }
            let rewrite = mode == .all || (mode == .failed && !mismatches.isEmpty)
            if rewrite {
                return .recorded(
                    try store.write(try render(expectation, actual, path, recorder), to: path, at: location))
            }
            return mismatches.isEmpty ? .matched : .mismatched(mismatches)
        } catch {
            return .invalid([error])
        }
    }

    private static func compareJSON(_ expectation: Expectation?, _ actual: GoldenBody, _ mode: CompareMode)
        -> [Mismatch]
    {
        guard let expectation else { return [] }
        switch actual {
        case .json(let value):
            return JSONComparator.compare(expected: expectation, actual: value, mode: mode)
        case .text(let text):
            do throws(Diagnostic) {
                let value = try JSONParser.parseValue(Data(text.utf8))
                return JSONComparator.compare(expected: expectation, actual: value, mode: mode)
            } catch {
                let shown = JSONValue.string(text).abbreviated()
                return [
                    Mismatch(
                        kind: .value, path: .root, expected: "JSON", actual: shown,
                        message:
                            "$: expected a JSON body, got \(shown) (\(error.location.map { "\($0): " } ?? "")\(error.message))"
                    )
                ]
            }
        }
    }

    /// Text goldens ignore one trailing newline on either side: files end with one, bodies may not.
    private static func compareText(_ golden: String, _ actual: GoldenBody, location: SourceLocation?)
        throws(Diagnostic)
        -> [Mismatch]
    {
        let pattern = try TextPattern(parsing: trimNewline(golden), at: location)
        return pattern.mismatch(trimNewline(bodyText(actual))).map { [$0] } ?? []
    }

    private static func render(
        _ expectation: Expectation?, _ actual: GoldenBody, _ path: String, _ recorder: GoldenRecorder
    ) throws(Diagnostic) -> String {
        switch actual {
        case .json(let value) where GoldenStore.isJSON(path):
            return recorder.jsonText(existing: expectation, actual: value)
        case .text(let text) where GoldenStore.isJSON(path):
            // Writing a non-JSON body into a `.json` golden would only break the next run.
            guard let value = try? JSONParser.parseValue(Data(text.utf8)) else {
                throw Diagnostic("cannot record a body that is not JSON into the JSON golden \(JSONWriter.quote(path))")
            }
            return recorder.jsonText(existing: expectation, actual: value)
        default:
            return recorder.text(actual: bodyText(actual))
        }
    }

    private static func bodyText(_ body: GoldenBody) -> String {
        switch body {
        case .json(let value): JSONWriter.pretty(value)
        case .text(let text): text
        }
    }

    private static func trimNewline(_ text: String) -> String {
        // "\r\n" is one Character, so compare the last Character rather than a suffix.
        guard let last = text.last, last == "\n" || last == "\r\n" else { return text }
        return String(text.dropLast())
    }
}
