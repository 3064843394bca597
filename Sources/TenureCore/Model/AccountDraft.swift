import Foundation

/// What a caller sends to create or update an account: every field optional,
/// so an upsert changes only what it names. Traits merge key by key; `tags`
/// replaces the list when present.
public struct AccountDraft: Hashable, Sendable, Codable {
    public var id: String?
    public var name: String?
    public var domain: String?
    public var stripeCustomerID: String?
    public var segmentGroupID: String?
    public var industry: String?
    public var employeeCount: Int?
    public var ownerID: String?
    public var lifecycleStage: LifecycleStage?
    public var segment: String?
    public var currency: Currency?
    public var tags: [String]?
    public var traits: [String: JSONValue]?

    public init(
        id: String? = nil, name: String? = nil, domain: String? = nil, stripeCustomerID: String? = nil,
        segmentGroupID: String? = nil, industry: String? = nil, employeeCount: Int? = nil,
        ownerID: String? = nil, lifecycleStage: LifecycleStage? = nil, segment: String? = nil,
        currency: Currency? = nil, tags: [String]? = nil, traits: [String: JSONValue]? = nil
    ) {
        self.id = id
        self.name = name
        self.domain = domain
        self.stripeCustomerID = stripeCustomerID
        self.segmentGroupID = segmentGroupID
        self.industry = industry
        self.employeeCount = employeeCount
        self.ownerID = ownerID
        self.lifecycleStage = lifecycleStage
        self.segment = segment
        self.currency = currency
        self.tags = tags
        self.traits = traits
    }

    /// The account this draft creates when nothing matches it yet.
    /// `newID` is used when the draft names no id; a name is required.
    public func makeAccount(newID: String, at now: Date) throws(ValidationError) -> Account {
        guard let name else { throw ValidationError(field: "name", "is required to create an account") }
        let account = Account(
            id: id ?? newID, name: name, domain: domain, stripeCustomerID: stripeCustomerID,
            segmentGroupID: segmentGroupID, industry: industry, employeeCount: employeeCount,
            ownerID: ownerID, lifecycleStage: lifecycleStage ?? .onboarding, segment: segment,
            currency: currency ?? .usd, tags: tags ?? [], traits: traits ?? [:], createdAt: now)
        try account.validate()
        return account
    }

    /// `existing` with the fields this draft names written over it.
    public func applied(to existing: Account, at now: Date) throws(ValidationError) -> Account {
        var account = existing
        if let name { account.name = name }
        if let domain { account.domain = domain }
        if let stripeCustomerID { account.stripeCustomerID = stripeCustomerID }
        if let segmentGroupID { account.segmentGroupID = segmentGroupID }
        if let industry { account.industry = industry }
        if let employeeCount { account.employeeCount = employeeCount }
        if let ownerID { account.ownerID = ownerID }
        if let lifecycleStage { account.lifecycleStage = lifecycleStage }
        if let segment { account.segment = segment }
        if let currency { account.currency = currency }
        if let tags { account.tags = tags }
        if let traits { account.traits.merge(traits) { _, new in new } }
        account.updatedAt = now
        try account.validate()
        return account
    }
}
