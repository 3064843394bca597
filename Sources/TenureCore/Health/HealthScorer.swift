import Foundation

/// Scores accounts with a ``HealthDefinition``. Accounts scored together form
/// the population that `percentile` transforms and adoption depth rank against,
/// so score every account of one cut-off in one call.
public struct HealthScorer: Sendable {
    public let definition: HealthDefinition

    public init(definition: HealthDefinition) {
        self.definition = definition
    }

    /// One account to score: its id, segment and signal values.
    public struct Subject: Sendable, Hashable {
        public var accountID: String
        public var segment: String?
        public var values: SignalValues

        public init(accountID: String, segment: String?, values: SignalValues) {
            self.accountID = accountID
            self.segment = segment
            self.values = values
        }
    }

    /// The scores of `subjects`, in their order. An account none of whose
    /// weighted signals has a value scores 50 (yellow on the default thresholds).
    public func score(_ subjects: [Subject]) -> [HealthScore] {
        score(subjects, among: population(of: subjects))
    }

    /// Each signal's values over `subjects`, sorted: what `percentile` transforms and adoption depth rank against.
    public func population(of subjects: [Subject]) -> [HealthSignal: [Double]] {
        var populations: [HealthSignal: [Double]] = [:]
        for signal in definition.allSignals.union([.coreIntensity]) {
            populations[signal] = subjects.compactMap { $0.values[signal] }.sorted()
        }
        return populations
    }

    /// The scores of `subjects`, in their order, ranked against `population` (see ``population(of:)``): scoring a
    /// large book a part at a time against the whole book's population gives the scores ``score(_:)`` gives.
    public func score(_ subjects: some Sequence<Subject>, among population: [HealthSignal: [Double]]) -> [HealthScore] {
        subjects.map { subject in
            score(subject, populations: population)
        }
    }

    private func score(_ subject: Subject, populations: [HealthSignal: [Double]]) -> HealthScore {
        let weighted = definition.signals(for: subject.segment)
        let normalized = weighted.map { item -> Double? in
            guard let raw = subject.values[item.signal] else { return item.missing }
            return item.transform.score(raw, among: populations[item.signal] ?? [])
        }
        return combine(accountID: subject.accountID, segment: subject.segment, weighted: weighted,
                       raw: weighted.map { subject.values[$0.signal] }, normalized: normalized,
                       adoption: adoption(subject.values, intensities: populations[.coreIntensity] ?? []))
    }

    /// `score` recombined with this definition's weights and thresholds from
    /// its signals' 0–100 values (which weights do not change).
    public func reweighed(_ score: HealthScore) -> HealthScore {
        let weighted = definition.signals(for: score.segment)
        let parts = weighted.map { item in score.signals.first { $0.signal == item.signal } }
        return combine(accountID: score.accountID, segment: score.segment, weighted: weighted, raw: parts.map { $0?.raw },
                       normalized: parts.map { $0?.normalized }, adoption: score.adoption)
    }

    /// The weighted mean of the present 0–100 values (weights of absent ones spread over the rest).
    private func combine(accountID: String, segment: String?, weighted: [WeightedSignal], raw: [Double?],
                         normalized: [Double?], adoption: AdoptionScore) -> HealthScore {
        let presentWeight = zip(weighted, normalized).reduce(0) { $0 + ($1.1 == nil ? 0 : $1.0.weight) }
        var total = 0.0
        let parts = weighted.indices.map { index -> SignalScore in
            let item = weighted[index], value = normalized[index]
            let effective = value != nil && presentWeight > 0 ? item.weight * 100 / presentWeight : 0
            let contribution = (value ?? 0) * effective / 100
            total += contribution
            return SignalScore(signal: item.signal, raw: raw[index], normalized: value,
                               weight: item.weight, effectiveWeight: effective, contribution: contribution)
        }
        let score = presentWeight > 0 ? min(100, max(0, total)) : 50
        return HealthScore(
            accountID: accountID, score: score, colour: definition.thresholds(for: segment).colour(of: score),
            segment: definition.segments[segment ?? ""] == nil ? nil : segment, signals: parts, adoption: adoption)
    }

    private func adoption(_ values: SignalValues, intensities: [Double]) -> AdoptionScore {
        let shares = [values[.coreFeatureShare], values[.activeSeatShare].map { min(1, $0) }].compactMap { $0 }
        let breadth = shares.isEmpty ? 0 : 100 * shares.reduce(0, +) / Double(shares.count)
        let depth = SignalTransform.percentile(higherIsBetter: true).score(values[.coreIntensity] ?? 0, among: intensities)
        return AdoptionScore(score: (breadth + depth) / 2, breadth: breadth, depth: depth)
    }
}
