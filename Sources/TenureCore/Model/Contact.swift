import Foundation

/// A person at a customer account: a user of the product, a champion, a sponsor.
public struct Contact: Identifiable, Hashable, Sendable, Codable {
    public var id: String
    public var accountID: String
    public var name: String?
    public var email: String?
    public var title: String?
    public var role: ContactRole
    /// Segment `userId` of this person, linking their product events.
    public var segmentUserID: String?
    public var createdAt: Date

    public init(
        id: String, accountID: String, name: String? = nil, email: String? = nil, title: String? = nil,
        role: ContactRole = .user, segmentUserID: String? = nil, createdAt: Date
    ) {
        self.id = id
        self.accountID = accountID
        self.name = name
        self.email = email
        self.title = title
        self.role = role
        self.segmentUserID = segmentUserID
        self.createdAt = createdAt
    }
}

/// The part a contact plays in the relationship.
public enum ContactRole: String, StringEnum, Hashable {
    case user
    case admin
    case champion
    case decisionMaker = "decision_maker"
    case executiveSponsor = "executive_sponsor"
    case billing
}

extension Contact: Validatable {
    public func validate() throws(ValidationError) {
        try Check.nonEmpty(id, "id", maxLength: 200)
        try Check.nonEmpty(accountID, "account_id", maxLength: 200)
        if let email { try Check.email(email, "email") }
        try Check.maxLength(name, "name", 500)
        try Check.maxLength(title, "title", 500)
    }
}
