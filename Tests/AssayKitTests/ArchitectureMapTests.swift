import Foundation
import Testing

/// docs/ARCHITECTURE.md is the map of AssayKit's folders: these tests keep it true, and keep the
/// data flowing one way (a folder uses only the folders listed above it).
@Suite struct ArchitectureMapTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let kit = repository.appendingPathComponent("Sources/AssayKit")

    /// The folders the map's AssayKit table names, in the order written (`Run/Conversations/` included).
    static func mappedFolders() throws -> [String] {
        let text = try String(contentsOf: repository.appendingPathComponent("docs/ARCHITECTURE.md"), encoding: .utf8)
        let section = text.components(separatedBy: "## AssayKit, folder by folder").last ?? ""
        var folders: [String] = []
        for line in section.split(separator: "\n") where line.hasPrefix("| `") {
            let firstCell = line.dropFirst(2).prefix { $0 != "|" }
            for (index, piece) in firstCell.split(separator: "`", omittingEmptySubsequences: false).enumerated()
            where index % 2 == 1 && piece.hasSuffix("/") {
                folders.append(String(piece.dropLast()))
            }
        }
        return folders
    }

    /// Every folder under Sources/AssayKit, relative to it.
    static func actualFolders() -> Set<String> {
        var result: Set<String> = []
        let enumerator = FileManager.default.enumerator(at: kit, includingPropertiesForKeys: [.isDirectoryKey])
        while let url = enumerator?.nextObject() as? URL {
            if (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
                result.insert(String(url.standardizedFileURL.path.dropFirst(kit.standardizedFileURL.path.count + 1)))
            }
        }
        return result
    }

    /// Every AssayKit source file, relative to Sources/AssayKit, with its text.
    static func sources() throws -> [(path: String, text: String)] {
        var result: [(String, String)] = []
        let enumerator = FileManager.default.enumerator(at: kit, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let path = String(url.standardizedFileURL.path.dropFirst(kit.standardizedFileURL.path.count + 1))
            result.append((path, try String(contentsOf: url, encoding: .utf8)))
        }
        return result
    }

    /// Each folder the map names exists, and each folder of AssayKit is named on the map.
    @Test func mapNamesExactlyTheFoldersThatExist() throws {
        let mapped = Set(try Self.mappedFolders())
        let actual = Self.actualFolders()
        #expect(!mapped.isEmpty)
        #expect(mapped.subtracting(actual).sorted() == [], "named on the map but missing")
        #expect(actual.subtracting(mapped).sorted() == [], "in Sources/AssayKit but not on the map")
    }

    /// No file names a type declared at the top level of a folder listed below its own folder.
    @Test func noFolderUsesAFolderBelowIt() throws {
        var layers: [String: Int] = [:]
        for folder in try Self.mappedFolders() {
            let top = String(folder.prefix { $0 != "/" })
            if layers[top] == nil { layers[top] = layers.count }
        }
        let files = try Self.sources()
        let declaration = try NSRegularExpression(
            pattern:
                #"^(?:(?:public|internal|private|fileprivate|final|indirect) )*(?:struct|enum|class|protocol|typealias|actor) ([A-Z]\w*)"#,
            options: .anchorsMatchLines)
        let identifier = try NSRegularExpression(pattern: #"\b[A-Z]\w*\b"#)
        let noise = try NSRegularExpression(pattern: #"//[^\n]*|"(?:\\.|[^"\\\n])*""#)
        func top(_ path: String) -> String { String(path.prefix { $0 != "/" }) }
        var owner: [String: String] = [:]
        for file in files {
            let range = NSRange(file.text.startIndex..., in: file.text)
            for match in declaration.matches(in: file.text, range: range) {
                guard let name = Range(match.range(at: 1), in: file.text).map({ String(file.text[$0]) }) else {
                    continue
                }
                owner[name] = owner[name] ?? top(file.path)
            }
        }
        var violations: [String] = []
        for file in files {
            guard let layer = layers[top(file.path)] else { continue }
            let code = noise.stringByReplacingMatches(
                in: file.text, range: NSRange(file.text.startIndex..., in: file.text), withTemplate: "")
            let names = Set(
                identifier.matches(in: code, range: NSRange(code.startIndex..., in: code)).compactMap {
                    Range($0.range, in: code).map { String(code[$0]) }
                })
            for name in names.sorted() {
                guard let folder = owner[name], let used = layers[folder], used > layer else { continue }
                violations.append("\(file.path) uses \(name) from \(folder)/")
            }
        }
        #expect(violations == [])
    }
}
