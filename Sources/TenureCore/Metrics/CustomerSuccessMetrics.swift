import Foundation

/// Net Promoter Score from answer counts: promoters 9–10, passives 7–8,
/// detractors 0–6; score = 100 × (promoters − detractors) ÷ answers, with a
/// 95% confidence interval from the normal approximation (each answer is
/// +1, 0 or −1; its variance is p + d − (p − d)²).
public struct NPSSummary: Hashable, Sendable, Codable {
    public var promoters: Int
    public var passives: Int
    public var detractors: Int

    public init(scoreCounts: [Int: Int]) {
        promoters = (9...10).reduce(0) { $0 + (scoreCounts[$1] ?? 0) }
        passives = (7...8).reduce(0) { $0 + (scoreCounts[$1] ?? 0) }
        detractors = (0...6).reduce(0) { $0 + (scoreCounts[$1] ?? 0) }
    }

    public var responses: Int { promoters + passives + detractors }

    /// −100…100, `nil` without answers.
    public var score: Double? {
        responses == 0 ? nil : 100 * Double(promoters - detractors) / Double(responses)
    }

    /// 95% confidence interval of the score, clamped to −100…100.
    public var confidenceInterval: ClosedRange<Double>? {
        guard let score, responses > 1 else { return nil }
        let n = Double(responses), p = Double(promoters) / n, d = Double(detractors) / n
        let margin = 196 * ((p + d - (p - d) * (p - d)) / n).squareRoot()
        return max(-100, score - margin)...min(100, score + margin)
    }

    private enum CodingKeys: String, CodingKey { case promoters, passives, detractors, responses, score, confidenceLow, confidenceHigh }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(promoters, forKey: .promoters)
        try container.encode(passives, forKey: .passives)
        try container.encode(detractors, forKey: .detractors)
        try container.encode(responses, forKey: .responses)
        try container.encodeIfPresent(score, forKey: .score)
        try container.encodeIfPresent(confidenceInterval?.lowerBound, forKey: .confidenceLow)
        try container.encodeIfPresent(confidenceInterval?.upperBound, forKey: .confidenceHigh)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        promoters = try container.decode(Int.self, forKey: .promoters)
        passives = try container.decode(Int.self, forKey: .passives)
        detractors = try container.decode(Int.self, forKey: .detractors)
    }
}

/// Survey answers of one scale summarised: CSAT as the share of 4–5 out of 5,
/// CES as the average (1 = very easy … 7 = very hard).
public struct ScoreSummary: Hashable, Sendable, Codable {
    public var responses: Int
    /// Mean score.
    public var average: Double?
    /// Share of answers at or above the "satisfied" mark (4 for CSAT); `nil` for CES.
    public var satisfiedShare: Double?

    public init(scoreCounts: [Int: Int], satisfiedAtLeast: Int?) {
        responses = scoreCounts.values.reduce(0, +)
        let total = scoreCounts.reduce(0) { $0 + $1.key * $1.value }
        average = responses > 0 ? Double(total) / Double(responses) : nil
        if let mark = satisfiedAtLeast, responses > 0 {
            satisfiedShare = Double(scoreCounts.filter { $0.key >= mark }.values.reduce(0, +)) / Double(responses)
        }
    }
}

/// How long accounts take to reach their first-value milestone, in days from sign-up.
public struct TimeToValueSummary: Hashable, Sendable, Codable {
    /// Accounts considered.
    public var accounts: Int
    /// Accounts that reached the milestone.
    public var reached: Int
    public var medianDays: Double?
    public var p25Days: Double?
    public var p75Days: Double?
    /// Accounts reaching it within 0–7, 8–14, 15–30, 31–60, 61–90 and over 90 days.
    public var distribution: [String: Int]

    public static let buckets: [(label: String, upTo: Double)] = [
        ("0-7", 7), ("8-14", 14), ("15-30", 30), ("31-60", 60), ("61-90", 90), ("90+", .infinity),
    ]

    /// Summarises `days` (one entry per account that reached the milestone) out of `accounts`.
    public init(days: [Double], accounts: Int) {
        self.accounts = accounts
        reached = days.count
        let sorted = days.sorted()
        medianDays = Self.quantile(sorted, 0.5)
        p25Days = Self.quantile(sorted, 0.25)
        p75Days = Self.quantile(sorted, 0.75)
        distribution = Dictionary(uniqueKeysWithValues: Self.buckets.map { ($0.label, 0) })
        for value in sorted {
            let bucket = Self.buckets.first { value <= $0.upTo }!
            distribution[bucket.label, default: 0] += 1
        }
    }

    /// Linear-interpolation quantile (type 7, as numpy and R use by default).
    static func quantile(_ sorted: [Double], _ q: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down)), upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }
}
