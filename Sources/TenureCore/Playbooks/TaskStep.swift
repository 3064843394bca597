import Foundation

/// A step that creates a task: its title and details (templates), owner, deadline and priority.
public struct TaskStep: Hashable, Sendable {
    public var title: PlaybookTemplate
    public var details: PlaybookTemplate?
    public var owner: TaskOwner
    /// Due this many calendar days after the step runs.
    public var dueDays: Int?
    /// Due this many business days after the step runs.
    public var dueBusinessDays: Int?
    /// The SLA: done within this many business hours of creation.
    public var slaBusinessHours: Int?
    /// The SLA: done within this many business days of creation.
    public var slaBusinessDays: Int?
    public var priority: Ticket.Priority

    public init(title: PlaybookTemplate, details: PlaybookTemplate? = nil, owner: TaskOwner = .accountOwner, dueDays: Int? = nil,
                dueBusinessDays: Int? = nil, slaBusinessHours: Int? = nil, slaBusinessDays: Int? = nil, priority: Ticket.Priority = .normal) {
        self.title = title
        self.details = details
        self.owner = owner
        self.dueDays = dueDays
        self.dueBusinessDays = dueBusinessDays
        self.slaBusinessHours = slaBusinessHours
        self.slaBusinessDays = slaBusinessDays
        self.priority = priority
    }
}

/// Who a playbook's task (or account) goes to: the account's owner, a team queue (`queue:<name>`) or a CSM by id.
public enum TaskOwner: Hashable, Sendable {
    /// The account's CSM; the `unassigned` queue when the account has none.
    case accountOwner
    case queue(String)
    case csm(String)
}

extension TaskStep {
    static let keys = ["title", "details", "owner", "due_days", "due_business_days", "sla_business_hours", "sla_business_days", "priority"]

    /// Reads a task step; at most one due key and one SLA key.
    init(_ field: DocumentField) throws(ValidationError) {
        let object = try field.object(known: Self.keys)
        for pair in [("due_days", "due_business_days"), ("sla_business_hours", "sla_business_days")]
        where object.optional(pair.0) != nil && object.optional(pair.1) != nil {
            throw ValidationError(field: DocumentObject.path(object.path, pair.1), "cannot be given with \(pair.0); choose one")
        }
        self.init(title: try object.required("title").template(maxLength: 1_000))
        if let details = object.optional("details") { self.details = try details.template(maxLength: 10_000) }
        if let owner = object.optional("owner") { self.owner = try TaskOwner(owner) }
        dueDays = try object.optional("due_days")?.integer(in: 0...3_650)
        dueBusinessDays = try object.optional("due_business_days")?.integer(in: 0...3_650)
        slaBusinessHours = try object.optional("sla_business_hours")?.integer(in: 1...10_000)
        slaBusinessDays = try object.optional("sla_business_days")?.integer(in: 1...3_650)
        if let priority = object.optional("priority") { self.priority = try priority.choice(Ticket.Priority.self) }
    }
}

extension TaskOwner {
    /// Reads `account_owner`, `queue:<name>` or a CSM id.
    init(_ field: DocumentField) throws(ValidationError) {
        let text = try field.text(maxLength: 200)
        if text == "account_owner" {
            self = .accountOwner
        } else if text.hasPrefix("queue:") {
            let name = String(text.dropFirst("queue:".count))
            try Check.nonEmpty(name, field.path, maxLength: 100)
            self = .queue(name)
        } else {
            self = .csm(text)
        }
    }
}
