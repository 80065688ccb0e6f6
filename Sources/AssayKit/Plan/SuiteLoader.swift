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
            var found: [String] = []
            collectSuiteFiles(in: path.hasSuffix("/") ? String(path.dropLast()) : path, into: &found)
            if found.isEmpty { throw Diagnostic("no suite files (*.jsonc, *.json) under \(path)") }
            files += found.sorted()
        }
        var seen = Set<String>()
        return files.filter { seen.insert($0).inserted }
    }

    /// A folder of target profiles, which are config files, not suites: never searched for suites.
    public static let profilesFolder = "profiles"

    /// Appends the suite files under `folder`, recursively, skipping names that start with a dot.
    /// Symbolic links are listed, never followed into (as `find` does by default).
    static func collectSuiteFiles(in folder: String, into found: inout [String]) {
        guard let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name.hasASCIIPrefix(".") { continue }
            let path = folder + "/" + name
            if isFolder(entry.pointee.d_type, path: path) {
                // Target profiles (config files) live next to the suites they configure.
                if name == profilesFolder { continue }
                collectSuiteFiles(in: path, into: &found)
            } else if let dot = name.lastIndex(of: "."),
                extensions.contains(name[name.index(after: dot)...].lowercased())
            {
                found.append(path)
            }
        }
    }

    /// Whether a directory entry is a folder (not a link to one); file systems that do not fill in
    /// the entry's type are asked with `lstat`.
    private static func isFolder(_ type: UInt8, path: String) -> Bool {
        if type != UInt8(DT_UNKNOWN) { return type == UInt8(DT_DIR) }
        var status = stat()
        return lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    /// The largest suite file read (`FileBytes.maximumInputBytes`).
    public static let maximumFileBytes = FileBytes.maximumInputBytes

    /// Reads and decodes one suite file.
    public static func load(file: String, splices: JSONSplices = JSONSplices()) throws(Diagnostic) -> Suite {
        try loadWithFingerprint(file: file, splices: splices).suite
    }

    /// Reads and decodes one suite file, with a hash of its bytes that tells whether a later read is the same file.
    public static func loadWithFingerprint(file: String, splices: JSONSplices = JSONSplices()) throws(Diagnostic)
        -> (suite: Suite, fingerprint: UInt64)
    {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.contents(of: file, limit: maximumFileBytes)
        } catch {
            throw Diagnostic(
                "cannot read suite file: \(error.reason)", at: SourceLocation(file: file, line: 1, column: 1))
        }
        return try bytes.withUnsafeBufferPointer { bytes throws(Diagnostic) in
            (try SuiteDecoder.decode(bytes: bytes, file: file, splices: splices), fingerprint(bytes))
        }
    }

    /// A hash of the file's bytes, compared only within one process to notice an edited file (no
    /// adversary): eight bytes per step, multiply and rotate so every bit reaches every other, and a
    /// final avalanche. `Hasher` (SipHash) cost six times as much per byte of every suite file.
    static func fingerprint(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let raw = UnsafeRawBufferPointer(bytes)
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(raw.count)
        var offset = 0
        while offset + 8 <= raw.count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            hash = rotate((hash ^ word) &* 0xFF51_AFD7_ED55_8CCD)
            offset += 8
        }
        var tail: UInt64 = 0
        for index in offset..<raw.count { tail = tail << 8 | UInt64(raw[index]) }
        hash = rotate((hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53)
        // fmix64 from MurmurHash3.
        hash ^= hash >> 33
        hash &*= 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        hash &*= 0xC4CE_B9FE_1A85_EC53
        hash ^= hash >> 33
        return hash
    }

    private static func rotate(_ value: UInt64) -> UInt64 { value << 29 | value >> 35 }

    /// Loads every suite under `paths`; throws all diagnostics together if any file is broken.
    public static func loadAll(_ paths: [String], splices: JSONSplices = JSONSplices()) throws(DiagnosticList)
        -> [Suite]
    {
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
                suites.append(try load(file: file, splices: splices))
            } catch {
                problems.append(error)
            }
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
        return suites
    }
}
