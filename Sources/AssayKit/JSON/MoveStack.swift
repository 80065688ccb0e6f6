/// A stack the parser pushes the elements of every open array and object onto; a closed
/// container's elements are moved off into an array of exactly their count. One buffer per
/// parse replaces an array per container that grows by reallocating (and copying) as it fills,
/// and moving, unlike copying a slice out, neither retains nor releases anything.
final class MoveStack<Element> {
    private var storage: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 64) {
        self.capacity = capacity
        storage = .allocate(capacity: capacity)
    }

    deinit {
        // Elements left by a parse that threw.
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    func push(_ element: consuming Element) {
        if count == capacity { grow() }
        (storage + count).initialize(to: element)
        count += 1
    }

    /// The elements pushed since `start`, in order, as an array of their exact count; the stack is left at `start`.
    func popArray(from start: Int) -> [Element] {
        let moved = count - start
        guard moved > 0 else { return [] }
        let source = storage + start
        count = start
        return [Element](unsafeUninitializedCapacity: moved) { buffer, initialized in
            buffer.baseAddress!.moveInitialize(from: source, count: moved)
            initialized = moved
        }
    }

    /// Drops the elements pushed since `start`.
    func truncate(to start: Int) {
        (storage + start).deinitialize(count: count - start)
        count = start
    }

    /// Reads the element at `position` (counted from the bottom), which must be below `count`.
    subscript(position: Int) -> Element {
        _read { yield storage[position] }
    }

    private func grow() {
        let larger = capacity * 2
        let moved = UnsafeMutablePointer<Element>.allocate(capacity: larger)
        moved.moveInitialize(from: storage, count: count)
        storage.deallocate()
        storage = moved
        capacity = larger
    }
}
