import Foundation

/// Segmentation as configuration: an ordered list of segments, each with the
/// conditions an account must meet, its engagement model and how many of its
/// accounts one CSM should carry. The first segment whose conditions all hold
/// wins; a segment without conditions catches the rest. See `docs/health.md`.
public struct SegmentationDefinition: Hashable, Sendable, Codable {
    public var name: String
    public var description: String?
    public var segments: [SegmentRule]

    public init(name: String, description: String? = nil, segments: [SegmentRule]) {
        self.name = name
        self.description = description
        self.segments = segments
    }

    /// The rule of the segment `key`.
    public func rule(_ key: String) -> SegmentRule? { segments.first { $0.key == key } }

    /// Every (event, days) usage window the conditions read.
    public var usageWindows: Set<UsageCondition.Window> {
        Set(segments.compactMap { $0.when?.usage?.window })
    }
}

/// One segment: its key (stored on accounts), engagement model, CSM ratio and conditions.
public struct SegmentRule: Hashable, Sendable, Codable {
    /// Stored as the account's segment, e.g. `enterprise`.
    public var key: String
    public var engagementModel: EngagementModel
    /// Accounts of this segment one CSM is expected to carry (the coverage target).
    public var accountsPerCSM: Int
    /// Conditions that must all hold; `nil` matches every account.
    public var when: SegmentCondition?

    private enum CodingKeys: String, CodingKey {
        case key, engagementModel, when
        case accountsPerCSM = "accountsPerCsm"
    }

    public init(key: String, engagementModel: EngagementModel, accountsPerCSM: Int, when: SegmentCondition? = nil) {
        self.key = key
        self.engagementModel = engagementModel
        self.accountsPerCSM = accountsPerCSM
        self.when = when
    }
}

/// How a segment's accounts are served, from a named CSM to the community.
public enum EngagementModel: String, StringEnum, Hashable {
    /// A named CSM, executive sponsor, success plans, QBRs (typically 1 CSM : 10–15 accounts).
    case highTouch = "high_touch"
    /// A named CSM with templated plans and quarterly check-ins (1 : 30–50).
    case midTouch = "mid_touch"
    /// Automated onboarding, in-app guidance and campaigns (1 : 200–500).
    case techTouch = "tech_touch"
    /// Product-led onboarding, knowledge base and community (1 : 1000+).
    case communityTouch = "community_touch"
}

/// What an account must meet to fall in a segment; every condition given must hold.
/// Money is in major units of the reporting currency (dollars, not cents).
public struct SegmentCondition: Hashable, Sendable, Codable {
    public var arrAtLeast: Double?
    public var arrBelow: Double?
    /// Plan (product) names, compared without case.
    public var plans: [String]?
    public var employeesAtLeast: Int?
    public var employeesBelow: Int?
    /// Industries, compared without case.
    public var industries: [String]?
    /// The account carries at least one of these tags.
    public var tagsAny: [String]?
    public var usage: UsageCondition?

    public init(arrAtLeast: Double? = nil, arrBelow: Double? = nil, plans: [String]? = nil, employeesAtLeast: Int? = nil,
                employeesBelow: Int? = nil, industries: [String]? = nil, tagsAny: [String]? = nil, usage: UsageCondition? = nil) {
        self.arrAtLeast = arrAtLeast
        self.arrBelow = arrBelow
        self.plans = plans
        self.employeesAtLeast = employeesAtLeast
        self.employeesBelow = employeesBelow
        self.industries = industries
        self.tagsAny = tagsAny
        self.usage = usage
    }
}

/// A usage condition: the account's count of `event` in the last `lastDays` days is within bounds.
public struct UsageCondition: Hashable, Sendable, Codable {
    public var event: String
    public var lastDays: Int
    public var atLeast: Int64?
    public var below: Int64?

    public init(event: String, lastDays: Int = 30, atLeast: Int64? = nil, below: Int64? = nil) {
        self.event = event
        self.lastDays = lastDays
        self.atLeast = atLeast
        self.below = below
    }

    /// The event and day count whose totals the condition reads.
    public struct Window: Hashable, Sendable {
        public var event: String
        public var days: Int

        public init(event: String, days: Int) {
            self.event = event
            self.days = days
        }
    }

    public var window: Window { Window(event: event, days: lastDays) }

    private enum CodingKeys: String, CodingKey { case event, lastDays, atLeast, below }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(event: try container.decode(String.self, forKey: .event),
                  lastDays: try container.decodeIfPresent(Int.self, forKey: .lastDays) ?? 30,
                  atLeast: try container.decodeIfPresent(Int64.self, forKey: .atLeast),
                  below: try container.decodeIfPresent(Int64.self, forKey: .below))
    }
}

extension SegmentationDefinition: Validatable {
    public func validate() throws(ValidationError) {
        try Check.nonEmpty(name, "name", maxLength: 200)
        guard !segments.isEmpty else { throw ValidationError(field: "segments", "must list at least one segment") }
        var keys: Set<String> = []
        for (index, rule) in segments.enumerated() {
            let path = "segments[\(index)]"
            try Check.nonEmpty(rule.key, "\(path).key", maxLength: 100)
            guard keys.insert(rule.key).inserted else { throw ValidationError(field: "\(path).key", "repeats the key \(rule.key)") }
            try Check.range(rule.accountsPerCSM, "\(path).accounts_per_csm", 1...1_000_000)
            if rule.when == nil && index < segments.count - 1 {
                throw ValidationError(field: "\(path).when", "only the last segment may leave out conditions (it catches every account, so later ones could never match)")
            }
            guard let condition = rule.when else { continue }
            try Check.range(condition.arrAtLeast, "\(path).when.arr_at_least", 0...1e12)
            try Check.range(condition.arrBelow, "\(path).when.arr_below", 0...1e12)
            try Check.range(condition.employeesAtLeast, "\(path).when.employees_at_least", 0...10_000_000)
            try Check.range(condition.employeesBelow, "\(path).when.employees_below", 0...10_000_000)
            if let usage = condition.usage {
                try Check.nonEmpty(usage.event, "\(path).when.usage.event", maxLength: 200)
                try Check.range(usage.lastDays, "\(path).when.usage.last_days", 1...365)
                if usage.atLeast == nil && usage.below == nil {
                    throw ValidationError(field: "\(path).when.usage", "needs at_least or below")
                }
            }
        }
    }
}
