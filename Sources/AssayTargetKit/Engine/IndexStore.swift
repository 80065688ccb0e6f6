import Foundation

/// In-memory document indexes for the index-manager endpoints.
public final class IndexStore: @unchecked Sendable {
    // @unchecked: `indexes` is guarded by `lock`.
    /// One stored document.
    public struct Document: Sendable, Equatable {
        /// The document id.
        public var id: String
        /// The text searched.
        public var text: String

        /// Creates a document.
        public init(id: String, text: String) {
            self.id = id
            self.text = text
        }
    }

    /// One index.
    public struct Index: Sendable {
        /// The id, `idx_` plus hex.
        public var id: String
        /// The given name.
        public var name: String
        /// The documents.
        public var documents: [Document]
        /// Unix seconds at creation.
        public var createdAt: Int
        /// Whether it was deleted (kept only for the `index-search-after-delete` fault).
        public var deleted: Bool
    }

    private let lock = NSLock()
    private var indexes: [String: Index] = [:]

    /// Creates an empty store.
    public init() {}

    /// Stores a new index.
    public func create(name: String, documents: [Document]) -> Index {
        let index = Index(
            id: "idx_" + TraceIDs.hex(UInt64.random(in: 0...UInt64.max)), name: name, documents: documents,
            createdAt: Int(Date().timeIntervalSince1970), deleted: false)
        lock.withLock { indexes[index.id] = index }
        return index
    }

    /// The index, including deleted ones when `includeDeleted`.
    public func get(_ id: String, includeDeleted: Bool = false) -> Index? {
        lock.withLock {
            guard let index = indexes[id], includeDeleted || !index.deleted else { return nil }
            return index
        }
    }

    /// Marks an index deleted; false when it did not exist.
    public func delete(_ id: String) -> Bool {
        lock.withLock {
            guard var index = indexes[id], !index.deleted else { return false }
            index.deleted = true
            indexes[id] = index
            return true
        }
    }
}
