import Foundation

/// The Kaplan–Meier estimate of a survival curve from right-censored durations — e.g. the share
/// of accounts still paying d days after signing up, counting accounts that are still paying
/// today as censored. It matches lifelines' `KaplanMeierFitter`: a row at time 0 and at every
/// distinct duration, Greenwood's variance, and confidence bands on the log(−log S) scale.
public struct KaplanMeierEstimate: Hashable, Sendable {
    /// One row of the survival table.
    public struct Row: Hashable, Sendable, Codable {
        /// The time, in the durations' units (e.g. days).
        public var time: Double
        /// Subjects whose duration is at least `time`.
        public var atRisk: Int
        /// Events (e.g. churns) at exactly `time`.
        public var events: Int
        /// Subjects censored at exactly `time`.
        public var censored: Int
        /// Estimated probability of surviving beyond `time`.
        public var survival: Double
        /// Lower end of the confidence band for `survival`.
        public var lower: Double
        /// Upper end of the confidence band for `survival`.
        public var upper: Double
    }

    /// The table, by increasing time: time 0, then every distinct duration.
    public let rows: [Row]
    /// Confidence level of the bands, e.g. 0.95.
    public let confidenceLevel: Double

    /// Estimates the curve from `durations` (non-negative, any time unit) and `events` (true when
    /// the event was observed, false when the subject was censored at that duration), with bands
    /// at `confidenceLevel`. O(n log n). Throws when the lengths differ, the input is empty, or a
    /// duration is negative or not finite.
    public init(durations: [Double], events: [Bool], confidenceLevel: Double = 0.95) throws(PredictionError) {
        try PredictionError.checkCount(events.count, "events", equals: durations.count, "durations")
        guard !durations.isEmpty else { throw PredictionError(.invalidInput, "a survival curve needs at least one duration") }
        if let index = durations.firstIndex(where: { !($0 >= 0 && $0.isFinite) }) {
            throw PredictionError(.invalidInput, "durations[\(index)] is \(durations[index]); durations must be finite and not negative")
        }
        guard confidenceLevel > 0 && confidenceLevel < 1 else {
            throw PredictionError(.invalidInput, "the confidence level must be between 0 and 1, not \(confidenceLevel)")
        }
        let z = StandardNormal.quantile(0.5 + confidenceLevel / 2)
        let order = durations.ascendingOrder()
        var rows: [Row] = []
        var atRisk = durations.count, position = 0
        var logSurvival = 0.0, greenwood = 0.0
        if durations[order[0]] > 0 {
            rows.append(Row(time: 0, atRisk: atRisk, events: 0, censored: 0, survival: 1, lower: 1, upper: 1))
        }
        while position < order.count {
            let time = durations[order[position]]
            var deaths = 0, leaving = 0
            while position < order.count && durations[order[position]] == time {
                if events[order[position]] { deaths += 1 }
                leaving += 1
                position += 1
            }
            logSurvival += log(Double(atRisk - deaths)) - log(Double(atRisk))
            if deaths < atRisk { greenwood += Double(deaths) / (Double(atRisk) * Double(atRisk - deaths)) }
            let survival = exp(logSurvival)
            let (lower, upper) = Self.band(survival: survival, logSurvival: logSurvival, greenwood: greenwood, z: z)
            rows.append(Row(time: time, atRisk: atRisk, events: deaths, censored: leaving - deaths,
                            survival: survival, lower: lower, upper: upper))
            atRisk -= leaving
        }
        self.rows = rows
        self.confidenceLevel = confidenceLevel
    }

    /// The exponential Greenwood band: exp(−exp(log(−log S) ∓ z·√V / log S)), as lifelines
    /// computes it (1 where S is 1, 0 where S is 0).
    private static func band(survival: Double, logSurvival: Double, greenwood: Double, z: Double) -> (Double, Double) {
        guard survival < 1 else { return (1, 1) }
        guard survival > 0 else { return (0, 0) }
        let centre = log(-logSurvival), spread = z * greenwood.squareRoot() / logSurvival
        return (exp(-exp(centre - spread)), exp(-exp(centre + spread)))
    }

    /// The median survival time: the first time at which the survival estimate is at most 0.5
    /// (lifelines' `median_survival_time_`), or `nil` when the curve never gets there.
    public var medianSurvivalTime: Double? { rows.first { $0.survival <= 0.5 }?.time }

    /// The survival estimate at `time`: the step function's value at the last table time not
    /// after `time` (1 before the first).
    public func survival(at time: Double) -> Double {
        let later = rows.partitionIndex { $0.time > time }
        return later == 0 ? 1 : rows[later - 1].survival
    }

    /// One estimate per group (e.g. per plan): `groups[i]` names the group of subject i. The result
    /// is sorted by group name.
    public static func byGroup(durations: [Double], events: [Bool], groups: [String],
                               confidenceLevel: Double = 0.95) throws(PredictionError) -> [(group: String, estimate: KaplanMeierEstimate)] {
        try PredictionError.checkCount(groups.count, "groups", equals: durations.count, "durations")
        try PredictionError.checkCount(events.count, "events", equals: durations.count, "durations")
        let members = Dictionary(grouping: durations.indices, by: { groups[$0] })
        var result: [(group: String, estimate: KaplanMeierEstimate)] = []
        for (group, indices) in members.sorted(by: { $0.key < $1.key }) {
            let estimate = try KaplanMeierEstimate(
                durations: indices.map { durations[$0] }, events: indices.map { events[$0] }, confidenceLevel: confidenceLevel)
            result.append((group, estimate))
        }
        return result
    }
}
