/// What the demo generator makes for some accounts: their facts, and the playbook runs they went through.
public struct DemoBatch: Sendable, Hashable {
    public var facts: FactBatch
    public var playbooks: DemoPlaybookHistory

    public init(facts: FactBatch = FactBatch(), playbooks: DemoPlaybookHistory = DemoPlaybookHistory()) {
        self.facts = facts
        self.playbooks = playbooks
    }

    /// Adds another batch's facts and runs after these.
    public mutating func append(contentsOf other: DemoBatch) {
        facts.append(contentsOf: other.facts)
        playbooks.append(contentsOf: other.playbooks)
    }
}
