import Foundation

/// The stack size of every thread Assay starts to send, judge or compare (loops, workers, the
/// replay bursts).
///
/// Those threads walk trees a target or a suite controls: the parser, `JSONValue` equality, the
/// comparator, the golden normalise/compare/record, the writer, and the recursive release of a
/// nested tree are all recursive, one or two frames per level of nesting. The parser refuses
/// anything deeper than `JSONParser.maxDepth` (512), and every other walk runs on trees the parser
/// made, so no walk goes deeper than that (plus a few levels for the tree's own container).
///
/// The arithmetic: `StackBudgetTests` measures the deepest walk at the limit, in the debug build
/// (the larger frames; release frames are smaller), at under 8 KiB per level, so
/// 512 levels × 8 KiB = 4 MiB. The 16 MiB below keeps that four times over, for the frames of
/// the step that starts the walk and for a toolchain whose frames grow. Only the pages a thread
/// touches are backed by memory, so a worker that never meets a deep body costs no more than
/// with 1 MiB; the rest is address space (256 workers × 16 MiB = 4 GiB of 128 TiB).
enum ThreadStack {
    static let size = 16 << 20

    /// Starts `body` on a new thread with this stack size.
    static func start(_ body: @escaping @Sendable () -> Void) {
        let thread = Thread(block: body)
        thread.stackSize = size
        thread.start()
    }
}
