import Foundation

/// Finds suite files under the paths a user gives and decodes them, collecting every
/// diagnostic so one `assay lint` shows all the problems at once.
public enum SuiteLoader {
    /// File extensions read as suites.
    public static let extensions = ["jsonc", "json"]

    /// The suite files named by `paths` (files, or folders searched recursively), sorted for a stable order.
    public static func discover(_ paths: [String], fileManager: FileManager = .default) throws(Diagnostic) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw Diagnostic("no such suite file or folder: \(path)")
            }
            if !isDirectory.boolValue {
                files.append(path)
                continue
            }
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            guard let enumerator = fileManager.enumerator(atPath: path) else { continue }
            var found: [String] = []
            while let relative = enumerator.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") { continue }
                if extensions.contains((relative as NSString).pathExtension.lowercased()) {
                    found.append(base + "/" + relative)
                }
            }
            if found.isEmpty { throw Diagnostic("no suite files (*.jsonc, *.json) under \(path)") }
            files += found.sorted()
        }
        var seen = Set<String>()
        return files.filter { seen.insert($0).inserted }
    }

    /// Reads and decodes one suite file.
    public static func load(file: String) throws(Diagnostic) -> Suite {
        try loadWithFingerprint(file: file).suite
    }

    /// Reads and decodes one suite file, with a hash of its text that tells whether a later read is the same file.
    public static func loadWithFingerprint(file: String) throws(Diagnostic) -> (suite: Suite, fingerprint: UInt64) {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw Diagnostic(
                "cannot read suite file: \(error.localizedDescription)",
                at: SourceLocation(file: file, line: 1, column: 1))
        }
        let root = try JSONParser.parseNode(text, file: file)
        return (try SuiteDecoder.decode(root, file: file), fingerprint(text))
    }

    /// A hash of the file's bytes, compared only within one process (so the seeded `Hasher` will do).
    static func fingerprint(_ text: String) -> UInt64 {
        var text = text
        var hasher = Hasher()
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        return UInt64(UInt(bitPattern: hasher.finalize()))
    }

    /// Loads every suite under `paths`; throws all diagnostics together if any file is broken.
    public static func loadAll(_ paths: [String]) throws(DiagnosticList) -> [Suite] {
        let files: [String]
        do {
            files = try discover(paths)
        } catch {
            throw DiagnosticList([error])
        }
        var suites: [Suite] = []
        var problems: [Diagnostic] = []
        for file in files {
            do {
                suites.append(try load(file: file))
            } catch {
                problems.append(error)
            }
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
        return suites
    }
}
