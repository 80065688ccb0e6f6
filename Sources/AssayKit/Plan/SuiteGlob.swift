import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `--glob PATTERN`, as Hurl spells it: the suite files whose paths match. `*`, `?` and `[…]`
/// match within one path segment (fnmatch); `**` matches any number of whole segments.
public enum SuiteGlob {
    /// The matching suite files (`.jsonc`, `.json`), sorted so every run plans them in one order.
    public static func expand(_ pattern: String, fileManager: FileManager = .default) -> [String] {
        let segments = pattern.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let firstWild = segments.firstIndex { $0.contains(where: { "*?[".contains($0) }) } ?? segments.count
        guard firstWild < segments.count else {
            // No wildcard: the path itself, when it is a suite file.
            return isSuiteFile(pattern, fileManager) ? [pattern] : []
        }
        let rootSegments = segments[..<firstWild]
        let root = rootSegments.isEmpty ? "." : rootSegments.joined(separator: "/")
        let rest = Array(segments[firstWild...])
        guard let walker = fileManager.enumerator(atPath: root.isEmpty ? "/" : root) else { return [] }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            let parts = relative.split(separator: "/").map(String.init)
            guard matches(parts[...], rest[...]) else { continue }
            let path = rootSegments.isEmpty ? relative : root + "/" + relative
            if isSuiteFile(path, fileManager) { found.append(path) }
        }
        return found.sorted()
    }

    private static func isSuiteFile(_ path: String, _ fileManager: FileManager) -> Bool {
        var isFolder: ObjCBool = false
        guard fileManager.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else { return false }
        return SuiteLoader.extensions.contains((path as NSString).pathExtension.lowercased())
    }

    /// Whether path segments match pattern segments, `**` standing for zero or more segments.
    private static func matches(_ parts: ArraySlice<String>, _ pattern: ArraySlice<String>) -> Bool {
        guard let head = pattern.first else { return parts.isEmpty }
        if head == "**" {
            if matches(parts, pattern.dropFirst()) { return true }
            return !parts.isEmpty && matches(parts.dropFirst(), pattern)
        }
        guard let part = parts.first else { return false }
        // FNM_PERIOD: `*` does not match a hidden file's leading dot, as in the shell.
        return fnmatch(head, part, FNM_PERIOD) == 0 && matches(parts.dropFirst(), pattern.dropFirst())
    }
}
