import Foundation

/// One answer to an NPS, CSAT or CES survey.
public struct SurveyResponse: Identifiable, Hashable, Sendable, Codable {
    public var id: String
    public var accountID: String
    public var contactID: String?
    public var kind: Kind
    /// NPS 0–10, CSAT 1–5, CES 1–7.
    public var score: Int
    public var comment: String?
    public var respondedAt: Date

    public init(
        id: String, accountID: String, contactID: String? = nil, kind: Kind, score: Int,
        comment: String? = nil, respondedAt: Date
    ) {
        self.id = id
        self.accountID = accountID
        self.contactID = contactID
        self.kind = kind
        self.score = score
        self.comment = comment
        self.respondedAt = respondedAt
    }

    /// The survey types Tenure understands, each with its score scale.
    public enum Kind: String, StringEnum, Hashable {
        /// Net Promoter Score: "how likely are you to recommend us", 0–10.
        case nps
        /// Customer satisfaction, 1–5.
        case csat
        /// Customer effort score, 1 (very easy) – 7 (very hard).
        case ces

        /// The scores a response of this kind may carry.
        public var scale: ClosedRange<Int> {
            switch self {
            case .nps: 0...10
            case .csat: 1...5
            case .ces: 1...7
            }
        }
    }
}

extension SurveyResponse: Validatable {
    public func validate() throws(ValidationError) {
        try Check.nonEmpty(id, "id", maxLength: 200)
        try Check.nonEmpty(accountID, "account_id", maxLength: 200)
        try Check.range(score, "score", kind.scale)
        try Check.maxLength(comment, "comment", 10_000)
    }
}
