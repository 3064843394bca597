import Foundation

/// A support ticket raised by an account.
public struct Ticket: Identifiable, Hashable, Sendable, Codable {
    public var id: String
    public var accountID: String
    public var subject: String
    public var priority: Priority
    public var status: Status
    /// Free-form topic, e.g. `"billing"`, `"bug"`, `"how-to"`.
    public var category: String?
    public var openedAt: Date
    public var resolvedAt: Date?

    public init(
        id: String, accountID: String, subject: String, priority: Priority = .normal, status: Status = .open,
        category: String? = nil, openedAt: Date, resolvedAt: Date? = nil
    ) {
        self.id = id
        self.accountID = accountID
        self.subject = subject
        self.priority = priority
        self.status = status
        self.category = category
        self.openedAt = openedAt
        self.resolvedAt = resolvedAt
    }

    /// How urgent the ticket is, from `low` to `urgent`.
    public enum Priority: String, StringEnum, Hashable, Comparable {
        case low, normal, high, urgent
        public static func < (lhs: Priority, rhs: Priority) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// Where the ticket is in its life.
    public enum Status: String, StringEnum, Hashable {
        case open, pending, solved, closed
    }
}

extension Ticket: Validatable {
    public func validate() throws(ValidationError) {
        try Check.nonEmpty(id, "id", maxLength: 200)
        try Check.nonEmpty(accountID, "account_id", maxLength: 200)
        try Check.nonEmpty(subject, "subject", maxLength: 1000)
        try Check.ordered(openedAt, before: resolvedAt, "opened_at", "resolved_at")
    }
}
