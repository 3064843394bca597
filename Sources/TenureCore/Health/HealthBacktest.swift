import Foundation

/// One account scored at a past cut-off, and whether it churned in the
/// horizon that followed.
public struct BacktestSample: Hashable, Sendable {
    public var cutoff: Date
    public var score: HealthScore
    /// Whether the account's MRR fell to zero within the horizon after the cut-off.
    public var churned: Bool

    public init(cutoff: Date, score: HealthScore, churned: Bool) {
        self.cutoff = cutoff
        self.score = score
        self.churned = churned
    }
}

/// How well a health definition's scores at past cut-offs foretold churn in
/// the following horizon: ROC AUC of the score and of each signal, churn
/// rate by colour band, and how many green accounts churned anyway.
///
/// AUC here is the probability that a randomly chosen churned account scored
/// lower than a randomly chosen retained one (ties count half): 0.5 is a coin
/// toss, 1.0 a perfect ordering.
public struct HealthBacktestReport: Hashable, Sendable, Codable {
    /// Days after each cut-off in which churn was looked for.
    public var horizonDays: Int
    public var cutoffs: [Cutoff]
    /// Account-cut-off pairs scored, and how many of them churned.
    public var samples: Int
    public var churned: Int
    /// AUC of the score over every sample; `nil` without both churned and retained samples.
    public var auc: Double?
    public var signals: [SignalValidation]
    public var bands: [BandOutcome]
    /// Samples scored green that churned within the horizon.
    public var greenChurned: Int
    /// Whether churn falls from red to yellow to green (each band with samples).
    public var bandsOrdered: Bool

    /// One cut-off's samples, churn and AUC.
    public struct Cutoff: Hashable, Sendable, Codable {
        public var at: Date
        public var accounts: Int
        public var churned: Int
        public var auc: Double?
    }

    /// One signal judged alone: the AUC of its 0–100 value over the samples that have one.
    public struct SignalValidation: Hashable, Sendable, Codable {
        public var signal: HealthSignal
        public var weight: Double
        public var samples: Int
        public var auc: Double?
        /// `false` when the signal's AUC is under 0.55: it separates churn no better than chance.
        public var predictive: Bool
    }

    /// Churn within one colour band.
    public struct BandOutcome: Hashable, Sendable, Codable {
        public var colour: HealthColour
        public var accounts: Int
        public var churned: Int
        public var churnRate: Double?
    }

    /// Signals whose AUC reaches this are called predictive.
    public static let predictiveAUC = 0.55

    /// Summarises `samples` (of every cut-off) for `definition`.
    public init(samples all: [BacktestSample], definition: HealthDefinition, horizonDays: Int) {
        self.horizonDays = horizonDays
        samples = all.count
        churned = all.filter(\.churned).count
        let labels = all.map(\.churned)
        auc = Self.auc(risk: all.map { -$0.score.score }, churned: labels)
        cutoffs = Dictionary(grouping: all, by: \.cutoff).map { cutoff, group in
            Cutoff(at: cutoff, accounts: group.count, churned: group.filter(\.churned).count,
                   auc: Self.auc(risk: group.map { -$0.score.score }, churned: group.map(\.churned)))
        }.sorted { $0.at < $1.at }
        let weights = Dictionary(definition.signals.map { ($0.signal, $0.weight) }) { first, _ in first }
        signals = definition.allSignals.sorted().map { signal in
            var scores: [Double] = [], outcomes: [Bool] = []
            for sample in all {
                guard let value = sample.score.signals.first(where: { $0.signal == signal })?.normalized else { continue }
                scores.append(-value)
                outcomes.append(sample.churned)
            }
            let auc = Self.auc(risk: scores, churned: outcomes)
            return SignalValidation(signal: signal, weight: weights[signal] ?? 0, samples: scores.count, auc: auc,
                                    predictive: (auc ?? 0) >= Self.predictiveAUC)
        }
        bands = HealthColour.allCases.map { colour in
            let group = all.filter { $0.score.colour == colour }
            let churned = group.filter(\.churned).count
            return BandOutcome(colour: colour, accounts: group.count, churned: churned,
                               churnRate: group.isEmpty ? nil : Double(churned) / Double(group.count))
        }
        greenChurned = bands.first { $0.colour == .green }?.churned ?? 0
        let rates = bands.compactMap(\.churnRate)
        bandsOrdered = zip(rates, rates.dropFirst()).allSatisfy { $0 > $1 }
    }

    /// ROC AUC of `risk` (higher = more likely to churn) against `churned`; `nil` without both outcomes.
    static func auc(risk: [Double], churned: [Bool]) -> Double? {
        try? ClassifierEvaluation.rocAUC(scores: risk, labels: churned.map { $0 ? 1 : 0 })
    }
}
