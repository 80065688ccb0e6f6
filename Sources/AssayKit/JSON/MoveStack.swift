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
        count = start
        // Not `Array(unsafeUninitializedCapacity:)`: that allocates through an unspecialized stdlib
        // function that looks up the array's storage type at run time (≈ 400 instructions an array);
        // `append(contentsOf:)` is inlined here, sizes the array from the count, and moves the elements in.
        var result: [Element] = []
        result.append(contentsOf: Moving(position: storage + start, end: storage + start + moved))
        return result
    }

    /// Elements moved out one by one as they are iterated; the consumer must take them all.
    private struct Moving: Sequence, IteratorProtocol {
        var position: UnsafeMutablePointer<Element>
        let end: UnsafeMutablePointer<Element>

        var underestimatedCount: Int { end - position }

        mutating func next() -> Element? {
            guard position < end else { return nil }
            defer { position += 1 }
            return position.move()
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
