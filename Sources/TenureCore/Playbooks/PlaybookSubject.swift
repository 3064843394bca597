import Foundation

/// An account's state at the moment a playbook looks at it: what conditions test and templates show.
public struct PlaybookSubject: Hashable, Sendable {
    public var accountID: String
    public var name: String
    public var segment: String?
    public var stage: LifecycleStage
    public var ownerID: String?
    public var tags: [String]
    public var traits: [String: JSONValue]
    /// Monthly recurring revenue in minor units of ``currency``.
    public var mrr: Int64
    public var currency: Currency
    public var healthScore: Double?
    public var healthColour: HealthColour?
    public var churnProbability: Double?
    public var createdAt: Date
    public var renewalAt: Date?

    public init(accountID: String, name: String, segment: String? = nil, stage: LifecycleStage = .onboarding,
                ownerID: String? = nil, tags: [String] = [], traits: [String: JSONValue] = [:], mrr: Int64 = 0,
                currency: Currency = .usd, healthScore: Double? = nil, healthColour: HealthColour? = nil,
                churnProbability: Double? = nil, createdAt: Date, renewalAt: Date? = nil) {
        self.accountID = accountID
        self.name = name
        self.segment = segment
        self.stage = stage
        self.ownerID = ownerID
        self.tags = tags
        self.traits = traits
        self.mrr = mrr
        self.currency = currency
        self.healthScore = healthScore
        self.healthColour = healthColour
        self.churnProbability = churnProbability
        self.createdAt = createdAt
        self.renewalAt = renewalAt
    }

    /// The subject of `account` with the figures the store computes for it.
    public init(account: Account, mrr: Int64, healthScore: Double?, healthColour: HealthColour?, churnProbability: Double?,
                renewalAt: Date?) {
        self.init(accountID: account.id, name: account.name, segment: account.segment, stage: account.lifecycleStage,
                  ownerID: account.ownerID, tags: account.tags, traits: account.traits, mrr: mrr, currency: account.currency,
                  healthScore: healthScore, healthColour: healthColour, churnProbability: churnProbability,
                  createdAt: account.createdAt, renewalAt: renewalAt)
    }
}
