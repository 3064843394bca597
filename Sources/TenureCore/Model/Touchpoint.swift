import Foundation

/// A recorded interaction between the CS team and an account.
public struct Touchpoint: Identifiable, Hashable, Sendable, Codable {
    public var id: String
    public var accountID: String
    /// CSM who held it, if any.
    public var csmID: String?
    public var kind: Kind
    public var occurredAt: Date
    public var summary: String
    /// Whether the customer's executive sponsor took part.
    public var executiveSponsorPresent: Bool

    public init(
        id: String, accountID: String, csmID: String? = nil, kind: Kind, occurredAt: Date, summary: String,
        executiveSponsorPresent: Bool = false
    ) {
        self.id = id
        self.accountID = accountID
        self.csmID = csmID
        self.kind = kind
        self.occurredAt = occurredAt
        self.summary = summary
        self.executiveSponsorPresent = executiveSponsorPresent
    }

    /// The kinds of interaction.
    public enum Kind: String, StringEnum, Hashable {
        case call, meeting, qbr, email, note
    }
}

extension Touchpoint: Validatable {
    public func validate() throws(ValidationError) {
        try Check.nonEmpty(id, "id", maxLength: 200)
        try Check.nonEmpty(accountID, "account_id", maxLength: 200)
        try Check.nonEmpty(summary, "summary", maxLength: 10_000)
    }
}
