import AssayKit
import Foundation

/// `assay matrix REPORT.json… --markdown FILE --html FILE`: one clause × target table from the
/// JSON reports of runs against several servers.
struct MatrixCommand: OptionsCommand {
    static let name = "matrix"
    static let summary = "Compare runs against several targets: one clause × target matrix."
    static let usage = "assay matrix [NAME=]REPORT.json… [--markdown FILE] [--html FILE] [options]"
    static let about = """
        Reads the JSON reports of runs against several targets and writes one table: a row per
        contract clause, a column per target. Each cell is the worst verdict among the clause's
        cases (passed, failed, not exercised, skipped; `not executed` when a case could not run)
        with the counts and the one-line reason of the case that decided it. A column is named
        by NAME= when given, else by the report's target URL. With neither --markdown nor --html
        the Markdown goes to standard output. Exits 0 whatever the verdicts; 2 on bad input.
        """
    static let options: [Arguments.Option] = [
        .init(names: ["--markdown"], kind: .value(placeholder: "FILE"), help: "Write the matrix as Markdown."),
        .init(names: ["--html"], kind: .value(placeholder: "FILE"), help: "Write the matrix as one HTML page."),
        .init(
            names: ["--title"], kind: .value(placeholder: "TEXT"),
            help: "Heading of the matrix (default `Compatibility matrix`; empty: no Markdown heading)."),
        .init(
            names: ["--score-label"], kind: .value(placeholder: "TEXT"),
            help: "Label of each run's score line, as for `run` (default `Contract`)."),
    ]

    let arguments: Arguments

    func execute() throws -> Int32 {
        guard !arguments.positionals.isEmpty else {
            throw UsageError("give the JSON reports to compare ([NAME=]REPORT.json…)")
        }
        var targets: [CompatibilityMatrix.Target] = []
        for argument in arguments.positionals {
            let (name, path) = try Self.split(argument)
            let result = try MergeCommand.readReport(path)
            let column = name ?? result.target
            if targets.contains(where: { $0.name == column }) {
                throw UsageError("two reports are named \"\(column)\": name each column with NAME=REPORT.json")
            }
            targets.append(CompatibilityMatrix.Target(name: column, result: result))
        }
        let matrix = CompatibilityMatrix(targets, scoreLabel: arguments.value("--score-label") ?? "Contract")
        let title = arguments.value("--title") ?? "Compatibility matrix"
        let markdown = arguments.value("--markdown")
        let html = arguments.value("--html")
        if let markdown { try Self.write(CompatibilityMatrixMarkdown.render(matrix, title: title), to: markdown) }
        if let html { try Self.write(CompatibilityMatrixHTML.render(matrix, title: title), to: html) }
        if markdown == nil, html == nil {
            print(CompatibilityMatrixMarkdown.render(matrix, title: title), terminator: "")
        } else {
            for column in matrix.columns { print("\(column.name): \(column.score)") }
            print("\(matrix.rows.count) clause(s) × \(matrix.columns.count) target(s)")
        }
        return ExitCode.success
    }

    /// `name=path` or a bare path. A bare argument that names an existing file is a path even when it
    /// holds `=`, so a report called `a=b.json` still reads.
    static func split(_ argument: String) throws -> (name: String?, path: String) {
        guard let equals = argument.firstIndex(of: "="), !FileManager.default.fileExists(atPath: argument) else {
            return (nil, argument)
        }
        let name = String(argument[..<equals]).trimmingCharacters(in: .whitespaces)
        let path = String(argument[argument.index(after: equals)...])
        if name.isEmpty { throw UsageError("\"\(argument)\": the column name before `=` is empty") }
        if path.isEmpty { throw UsageError("\"\(argument)\": no report after `=`") }
        return (name, path)
    }

    static func write(_ text: String, to path: String) throws {
        do {
            try AtomicFile.write(text, to: path)
        } catch {
            throw UsageError("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
