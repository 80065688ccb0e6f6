import Foundation

/// How a run uses the machine's cores. Plain cases run on one transfer loop per core (never more
/// loops than cases in flight), each loop judging its own responses; a core no loop uses judges
/// the last step of each case instead, while the loops send on. Measured on 2 cores against
/// nginx (docs/PERFORMANCE.md): one loop per core keeps every core busy without the context
/// switches of handing each judgement to another thread.
struct LaneLayout: Equatable {
    /// How many transfer-loop threads run.
    let loops: Int
    /// Whether a case's last judgement is handed to the judging thread.
    let defersJudgement: Bool
}

extension LaneLayout {
    // In an extension, so the memberwise initializer stays.
    init(parallelism: Int, cores: Int = ProcessInfo.processInfo.activeProcessorCount) {
        loops = max(1, min(parallelism, cores))
        defersJudgement = loops < cores
    }
}
