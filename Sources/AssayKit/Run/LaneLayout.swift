import Foundation

/// How a run uses the machine's cores: plain cases run on transfer loops, one per two cores and
/// never more loops than cases in flight, each loop judging its own responses.
///
/// Why half the cores, not all: the target of a smoke stage often runs on the same machine, and
/// every busy thread of ours is CPU it does not get. A loop drives thousands of transfers a
/// second, so one rarely limits a run; on 2 cores against nginx started from the same shell, one
/// loop measured fastest (docs/PERFORMANCE.md).
struct LaneLayout: Equatable {
    /// How many transfer-loop threads run.
    let loops: Int
}

extension LaneLayout {
    // In an extension, so the memberwise initializer stays.
    init(parallelism: Int, cores: Int = ProcessInfo.processInfo.activeProcessorCount) {
        loops = max(1, min(parallelism, cores / 2))
    }
}
