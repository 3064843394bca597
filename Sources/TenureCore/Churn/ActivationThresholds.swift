import Foundation

/// The "aha moment" hidden in early usage: for each event, the count in an
/// account's first days that best separates the accounts that stayed from
/// those that churned — like Slack's 2,000 messages.
///
/// For every candidate threshold t of an event, accounts are split into
/// those that reached t in their first days and those that did not; the
/// threshold chosen maximises Youden's J = P(reached | retained) −
/// P(reached | churned), among thresholds with at least `minimumSupport` of
/// the accounts on each side.
public struct ActivationThreshold: Hashable, Sendable, Codable {
    public var event: String
    /// Count of `event` in the first days that separates best.
    public var threshold: Int64
    /// Share of accounts that reached the threshold.
    public var support: Double
    /// Share of accounts retained among those that reached it, and among the rest.
    public var retentionReached: Double
    public var retentionMissed: Double
    /// How many times as likely to churn the accounts that missed it were.
    public var churnRatio: Double?
    /// Youden's J of the split (0: no separation, 1: perfect).
    public var separation: Double

    /// One account's early counts and outcome.
    public struct Subject: Hashable, Sendable {
        public var counts: [String: Int64]
        public var retained: Bool

        public init(counts: [String: Int64], retained: Bool) {
            self.counts = counts
            self.retained = retained
        }
    }

    /// The best threshold of every event seen, best separating first; events
    /// without a threshold meeting the support are left out.
    public static func discover(_ subjects: [Subject], minimumSupport: Double = 0.05) -> [ActivationThreshold] {
        let retained = subjects.filter(\.retained).count, churned = subjects.count - retained
        guard retained > 0, churned > 0 else { return [] }
        let events = Set(subjects.flatMap(\.counts.keys)).sorted()
        return events.compactMap { event in
            var best: ActivationThreshold?
            // Sweep thresholds from the highest count down, accumulating who reached each.
            let counts = subjects.map { ($0.counts[event] ?? 0, $0.retained) }.sorted { $0.0 > $1.0 }
            var reached = 0, reachedRetained = 0, index = 0
            while index < counts.count, counts[index].0 > 0 {
                let threshold = counts[index].0
                while index < counts.count, counts[index].0 == threshold {
                    reached += 1
                    if counts[index].1 { reachedRetained += 1 }
                    index += 1
                }
                let support = Double(reached) / Double(subjects.count)
                guard support >= minimumSupport, support <= 1 - minimumSupport else { continue }
                let separation = Double(reachedRetained) / Double(retained) - Double(reached - reachedRetained) / Double(churned)
                guard separation > (best?.separation ?? 0) else { continue }
                let missed = subjects.count - reached, missedRetained = retained - reachedRetained
                let churnReached = 1 - Double(reachedRetained) / Double(reached)
                let churnMissed = 1 - Double(missedRetained) / Double(missed)
                best = ActivationThreshold(
                    event: event, threshold: threshold, support: support,
                    retentionReached: Double(reachedRetained) / Double(reached),
                    retentionMissed: Double(missedRetained) / Double(missed),
                    churnRatio: churnReached > 0 ? churnMissed / churnReached : nil, separation: separation)
            }
            return best
        }.sorted { $0.separation == $1.separation ? $0.event < $1.event : $0.separation > $1.separation }
    }
}
