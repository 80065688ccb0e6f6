/// One value's way through a schema: where in the value it is, and what it found. The JSON path
/// (`$.data[0].id`) is kept as steps and spelled out only for a violation, since almost every
/// member of almost every response passes; a quiet walk (does this `oneOf` option accept the
/// value?) only counts, and stops at the first failure.
struct OpenAPISchemaWalk {
    enum Step {
        case member(String)
        case index(Int)
    }

    /// Counts failures without describing them, and stops at the first.
    let quiet: Bool
    private(set) var trail: [Step] = []
    private(set) var violations: [OpenAPIViolation] = []
    private(set) var failures = 0

    init(quiet: Bool = false) { self.quiet = quiet }

    /// Whether going on can change the outcome: a quiet walk ends at its first failure.
    var isDone: Bool { quiet && failures > 0 }

    /// Records a violation at the current place; its message is built only when it is kept.
    mutating func fail(_ keyword: String, _ message: @autoclosure () -> String, at location: SourceLocation) {
        failures += 1
        guard !quiet else { return }
        violations.append(OpenAPIViolation(path: path, keyword: keyword, message: message(), schemaLocation: location))
    }

    /// Records a violation one member further in (`required`, `discriminator`).
    mutating func fail(
        member: String, _ keyword: String, _ message: @autoclosure () -> String, at location: SourceLocation
    ) {
        trail.append(.member(member))
        fail(keyword, message(), at: location)
        trail.removeLast()
    }

    /// One step further into the value; `leave` steps back out.
    mutating func enter(_ step: Step) { trail.append(step) }
    mutating func leave() { trail.removeLast() }

    /// The JSON path of the current place, as violations name it.
    var path: String {
        var text = "$"
        for step in trail {
            switch step {
            case .member(let key): text = OpenAPISchemaValidator.append(key, to: text)
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }
}
