/// What the product's usage events mean for customer success: which event
/// marks an engaged account, which features are core, and which milestone
/// is the customer's first value. Stored as configuration.
public struct ProductConfiguration: Hashable, Sendable, Codable {
    /// Event that counts an account as engaged in a period (e.g. `login`).
    public var engagementEvent: String
    /// Events of the core features adoption is measured on.
    public var coreFeatures: [String]
    /// The first-value milestone: `count` `event`s in total.
    public var firstValue: Milestone?

    public init(engagementEvent: String = "login", coreFeatures: [String] = [], firstValue: Milestone? = nil) {
        self.engagementEvent = engagementEvent
        self.coreFeatures = coreFeatures
        self.firstValue = firstValue
    }

    private enum CodingKeys: String, CodingKey { case engagementEvent, coreFeatures, firstValue }

    /// Decodes a configuration; fields left out keep their defaults.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            engagementEvent: try container.decodeIfPresent(String.self, forKey: .engagementEvent) ?? "login",
            coreFeatures: try container.decodeIfPresent([String].self, forKey: .coreFeatures) ?? [],
            firstValue: try container.decodeIfPresent(Milestone.self, forKey: .firstValue))
    }

    /// A usage milestone: the first time an account's running total of `event` reaches `count`.
    public struct Milestone: Hashable, Sendable, Codable {
        public var event: String
        public var count: Int64

        public init(event: String, count: Int64) {
            self.event = event
            self.count = count
        }
    }
}

extension ProductConfiguration: Validatable {
    public func validate() throws(ValidationError) {
        try Check.nonEmpty(engagementEvent, "engagement_event", maxLength: 200)
        if coreFeatures.count > 50 { throw ValidationError(field: "core_features", "must list at most 50 events") }
        for (index, feature) in coreFeatures.enumerated() { try Check.nonEmpty(feature, "core_features[\(index)]", maxLength: 200) }
        if let milestone = firstValue {
            try Check.nonEmpty(milestone.event, "first_value.event", maxLength: 200)
            try Check.range(milestone.count, "first_value.count", 1...1_000_000_000)
        }
    }
}
