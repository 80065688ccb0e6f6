import Foundation

/// The file names of source locations, each stored once per process and named by a small id.
/// A location then holds no string: a parsed suite has two locations per member, and copying
/// or freeing each one used to retain or release the file name.
final class SourceFileTable: @unchecked Sendable {
    // @unchecked: both collections are guarded by `lock`.
    private let lock = NSLock()
    private var names: [String] = [""]
    private var ids: [String: UInt32] = ["": 0]

    static let shared = SourceFileTable()

    /// The id of `name`, registering it on first use; the empty name is always 0.
    func id(of name: String) -> UInt32 {
        if name.isEmpty { return 0 }
        return lock.withLock {
            if let id = ids[name] { return id }
            let id = UInt32(names.count)
            names.append(name)
            ids[name] = id
            return id
        }
    }

    /// The name registered as `id`.
    func name(of id: UInt32) -> String {
        if id == 0 { return "" }
        return lock.withLock { names[Int(id)] }
    }
}
