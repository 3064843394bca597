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
    /// Ids of the account's contacts who took part.
    public var attendees: [String]
    /// What was agreed to do next (a task may be created from it).
    public var nextStep: String?

    public init(
        id: String = Touchpoint.newID(), accountID: String, csmID: String? = nil, kind: Kind, occurredAt: Date, summary: String,
        executiveSponsorPresent: Bool = false, attendees: [String] = [], nextStep: String? = nil
    ) {
        self.id = id
        self.accountID = accountID
        self.csmID = csmID
        self.kind = kind
        self.occurredAt = occurredAt
        self.summary = summary
        self.executiveSponsorPresent = executiveSponsorPresent
        self.attendees = attendees
        self.nextStep = nextStep
    }

    /// `tp_` and 20 random hexadecimal digits.
    public static func newID() -> String { "tp_" + RandomHex.make(10) }

    /// The kinds of interaction.
    public enum Kind: String, StringEnum, Hashable {
        case call, meeting, qbr, email, note
    }
}

extension Touchpoint {
    /// Checks that each attendee is one of the account's `contacts`, naming the first that is not.
    public func checkAttendees(among contacts: [Contact], of accountName: String) throws(ValidationError) {
        let known = Set(contacts.map(\.id))
        for (index, attendee) in attendees.enumerated() where !known.contains(attendee) {
            throw ValidationError(field: "attendees[\(index)]", "'\(attendee)' is not a contact of \(accountName)")
        }
    }
}

extension Touchpoint: Validatable {
    public func validate() throws(ValidationError) {
        try Check.nonEmpty(id, "id", maxLength: 200)
        try Check.nonEmpty(accountID, "account_id", maxLength: 200)
        try Check.maxLength(csmID, "csm_id", 200)
        try Check.nonEmpty(summary, "summary", maxLength: 10_000)
        try Check.maxLength(nextStep, "next_step", 1_000)
        if attendees.count > 100 { throw ValidationError(field: "attendees", "must list at most 100 contacts") }
        for (index, attendee) in attendees.enumerated() { try Check.nonEmpty(attendee, "attendees[\(index)]", maxLength: 200) }
    }
}
