import Foundation

/// A customer company: the unit that pays, is scored for health and is owned by a CSM.
///
/// `id` is Tenure's key for the account; callers may choose it (a CRM id, say).
/// `stripeCustomerID` and `segmentGroupID` link billing and product usage to it;
/// each is unique across accounts, so either one finds the account on upsert.
public struct Account: Identifiable, Hashable, Sendable, Codable {
    public var id: String
    public var name: String
    /// Web domain without scheme, e.g. `"acme.com"`.
    public var domain: String?
    /// Stripe customer id (`cus_…`) whose subscriptions are this account's revenue.
    public var stripeCustomerID: String?
    /// Segment `groupId` that product events use for this account.
    public var segmentGroupID: String?
    public var industry: String?
    /// Number of employees of the customer company.
    public var employeeCount: Int?
    /// Id of the CSM who owns the account, if any.
    public var ownerID: String?
    public var lifecycleStage: LifecycleStage
    /// Key of the customer segment (e.g. `"enterprise"`), set by segmentation.
    public var segment: String?
    /// Currency the account is billed in; its MRR is in this currency.
    public var currency: Currency
    public var tags: [String]
    /// Free-form attributes from the CRM or `identify`/`group` calls.
    public var traits: [String: JSONValue]
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, name: String, domain: String? = nil, stripeCustomerID: String? = nil,
        segmentGroupID: String? = nil, industry: String? = nil, employeeCount: Int? = nil,
        ownerID: String? = nil, lifecycleStage: LifecycleStage = .onboarding, segment: String? = nil,
        currency: Currency = .usd, tags: [String] = [], traits: [String: JSONValue] = [:],
        createdAt: Date, updatedAt: Date? = nil
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
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }
}

/// Where an account stands in the customer journey (onboarding → advocacy), or churned.
public enum LifecycleStage: String, StringEnum, Hashable {
    case trial
    case onboarding
    case adoption
    case valueRealization = "value_realization"
    case renewal
    case advocacy
    case churned
}

extension Account: Validatable {
    public func validate() throws(ValidationError) {
        try Check.nonEmpty(id, "id", maxLength: 200)
        try Check.nonEmpty(name, "name")
        try Check.maxLength(domain, "domain", 253)
        try Check.maxLength(stripeCustomerID, "stripe_customer_id", 200)
        try Check.maxLength(segmentGroupID, "segment_group_id", 200)
        try Check.maxLength(industry, "industry", 200)
        try Check.maxLength(ownerID, "owner_id", 200)
        try Check.range(employeeCount, "employee_count", 0...10_000_000)
        try Check.maxLength(segment, "segment", 100)
        if tags.count > 100 { throw ValidationError(field: "tags", "must hold at most 100 tags") }
        for (index, tag) in tags.enumerated() { try Check.nonEmpty(tag, "tags[\(index)]", maxLength: 100) }
    }
}
