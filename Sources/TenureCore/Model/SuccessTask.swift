import Foundation

/// A piece of customer-success work with an owner and a deadline, created by
/// hand or by a playbook.
public struct SuccessTask: Identifiable, Hashable, Sendable, Codable {
    public var id: String
    public var accountID: String?
    /// CSM responsible for the task.
    public var ownerID: String?
    public var title: String
    public var details: String?
    public var status: Status
    public var priority: Ticket.Priority
    public var dueAt: Date?
    public var createdAt: Date
    public var completedAt: Date?
    /// What created the task: `"manual"` or `"playbook:<id>"`.
    public var source: String

    public init(
        id: String, accountID: String?, ownerID: String? = nil, title: String, details: String? = nil,
        status: Status = .open, priority: Ticket.Priority = .normal, dueAt: Date? = nil, createdAt: Date,
        completedAt: Date? = nil, source: String = "manual"
    ) {
        self.id = id
        self.accountID = accountID
        self.ownerID = ownerID
        self.title = title
        self.details = details
        self.status = status
        self.priority = priority
        self.dueAt = dueAt
        self.createdAt = createdAt
        self.completedAt = completedAt
        self.source = source
    }

    /// Where the task is in its life.
    public enum Status: String, StringEnum, Hashable {
        case open
        case inProgress = "in_progress"
        case done
        case canceled
    }
}

extension SuccessTask: Validatable {
    public func validate() throws(ValidationError) {
        try Check.nonEmpty(id, "id", maxLength: 200)
        try Check.nonEmpty(title, "title", maxLength: 1000)
        try Check.maxLength(details, "details", 10_000)
    }
}
