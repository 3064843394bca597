/// The demo playbooks' runs in some accounts' past, each executed step's log line with them; the tasks the steps
/// created are facts (``FactBatch/tasks``). Runs whose steps go on after the generator's `asOf` are still active.
public struct DemoPlaybookHistory: Sendable, Hashable {
    /// Runs in the order they started, held-out ones included.
    public var runs: [PlaybookRun] = []
    /// Every run's step log, oldest first.
    public var steps: [PlaybookRunStep] = []

    public init() {}

    /// Adds another batch's runs and steps after these.
    public mutating func append(contentsOf other: DemoPlaybookHistory) {
        runs += other.runs
        steps += other.steps
    }
}
