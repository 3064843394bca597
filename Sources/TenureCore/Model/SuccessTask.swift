import Foundation

/// A piece of customer-success work with an owner and a deadline, created by
/// hand, from a touchpoint's next step, or by a playbook step.
public struct SuccessTask: Identifiable, Hashable, Sendable, Codable {
    public var id: String
    public var accountID: String?
    /// The CSM (user or CSM id) responsible for the task; `nil` while it waits in a team ``queue``.
    public var ownerID: String?
    /// The team queue the task waits in when no one owns it (e.g. `"onboarding"`).
    public var queue: String?
    public var title: String
    public var details: String?
    public var status: Status
    public var priority: Ticket.Priority
    public var dueAt: Date?
    /// When the task breaks its service-level agreement (due within N business hours or days of creation).
    public var slaDueAt: Date?
    /// While ``status`` is `snoozed`: when the task comes back to the queue.
    public var snoozedUntil: Date?
    public var createdAt: Date
    public var updatedAt: Date
    public var completedAt: Date?
    /// What came of it, chosen when the task is done.
    public var outcome: Outcome?
    /// What came of it, in the CSM's words.
    public var outcomeNote: String?
    /// What created the task: `"manual"`, `"touchpoint:<id>"` or `"playbook:<name>"`.
    public var source: String
    /// The playbook run and step that created the task.
    public var playbookRunID: String?
    public var playbookStep: Int?
    /// How many escalation tiers have fired for the task (0: none).
    public var escalationTier: Int

    public init(
        id: String = SuccessTask.newID(), accountID: String?, ownerID: String? = nil, queue: String? = nil, title: String,
        details: String? = nil, status: Status = .open, priority: Ticket.Priority = .normal, dueAt: Date? = nil,
        slaDueAt: Date? = nil, snoozedUntil: Date? = nil, createdAt: Date, updatedAt: Date? = nil, completedAt: Date? = nil,
        outcome: Outcome? = nil, outcomeNote: String? = nil, source: String = "manual", playbookRunID: String? = nil,
        playbookStep: Int? = nil, escalationTier: Int = 0
    ) {
        self.id = id
        self.accountID = accountID
        self.ownerID = ownerID
        self.queue = queue
        self.title = title
        self.details = details
        self.status = status
        self.priority = priority
        self.dueAt = dueAt
        self.slaDueAt = slaDueAt
        self.snoozedUntil = snoozedUntil
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.completedAt = completedAt
        self.outcome = outcome
        self.outcomeNote = outcomeNote
        self.source = source
        self.playbookRunID = playbookRunID
        self.playbookStep = playbookStep
        self.escalationTier = escalationTier
    }

    /// `task_` and 20 random hexadecimal digits.
    public static func newID() -> String { "task_" + RandomHex.make(10) }

    /// Where the task is in its life.
    public enum Status: String, StringEnum, Hashable {
        case open
        case inProgress = "in_progress"
        /// Put aside until ``SuccessTask/snoozedUntil``.
        case snoozed
        case done
        case canceled

        /// Whether work on the task is still expected (open, in progress or snoozed).
        public var isOpen: Bool { self == .open || self == .inProgress || self == .snoozed }
    }

    /// What came of a finished task.
    public enum Outcome: String, StringEnum, Hashable {
        /// The customer's problem is solved or the goal met.
        case resolved
        /// The customer was reached and the risk is lower.
        case saved
        /// The customer confirmed a risk of leaving.
        case riskConfirmed = "risk_confirmed"
        /// An expansion (upsell, more seats) came out of it.
        case expansion
        /// No answer from the customer.
        case noResponse = "no_response"
        /// Nothing needed doing.
        case notNeeded = "not_needed"
    }

    /// The earlier of the due date and the SLA's, when there is one: the instant after which the task is overdue.
    public var deadline: Date? { [dueAt, slaDueAt].compactMap { $0 }.min() }

    /// Whether the task is open (not snoozed) and its deadline has passed at `now`.
    public func isOverdue(at now: Date) -> Bool {
        guard status == .open || status == .inProgress, let deadline else { return false }
        return deadline < now
    }
}

extension SuccessTask: Validatable {
    public func validate() throws(ValidationError) {
        try Check.nonEmpty(id, "id", maxLength: 200)
        try Check.maxLength(accountID, "account_id", 200)
        try Check.maxLength(ownerID, "owner_id", 200)
        try Check.maxLength(queue, "queue", 100)
        try Check.nonEmpty(title, "title", maxLength: 1000)
        try Check.maxLength(details, "details", 10_000)
        try Check.maxLength(outcomeNote, "outcome_note", 10_000)
        try Check.maxLength(source, "source", 300)
        try Check.range(escalationTier, "escalation_tier", 0...100)
        if status == .snoozed && snoozedUntil == nil { throw ValidationError(field: "snoozed_until", "is required while the task is snoozed") }
        try Check.ordered(createdAt, before: completedAt, "created_at", "completed_at")
    }
}
