/// The run's context as its cases share it while they run: every case in flight, on any lane,
/// refers to this one object and judges its steps with its one `StepJudge`. A `RunContext` (a
/// struct of a dozen settings, lists and references) held by value was copied, each of its
/// members retained, into every case and every judgement.
final class SharedContext: Sendable {
    let context: RunContext
    let judge: StepJudge

    init(_ context: RunContext) {
        self.context = context
        judge = StepJudge(context: context)
    }
}
