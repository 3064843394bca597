import Foundation

/// A proposal for new weights, learnt from churn: an L2-regularised logistic
/// regression of churn-within-the-horizon on each signal's 0–100 value over
/// the earlier backtest cut-offs, judged on the later ones it never saw.
///
/// A signal's proposed weight is proportional to how much one point of it
/// lowers the log-odds of churn (its coefficient, negated); signals whose
/// coefficient says higher values go with *more* churn, or whose AUC alone is
/// under 0.55, get no weight and are flagged. Weights are whole points summing to 100.
public struct HealthCalibration: Hashable, Sendable, Codable {
    public var signals: [Entry]
    /// Cut-offs the model learnt from, and the later ones it was judged on.
    public var trainingCutoffs: [Date]
    public var holdoutCutoffs: [Date]
    /// AUC on the held-out cut-offs of the definition as it is and as proposed.
    public var currentHoldoutAUC: Double?
    public var proposedHoldoutAUC: Double?
    /// The proposed definition: the current one with the new weights.
    public var proposal: HealthDefinition

    /// One signal's evidence and weights.
    public struct Entry: Hashable, Sendable, Codable {
        public var signal: HealthSignal
        /// Change in churn log-odds per point of the 0–100 value (negative is protective).
        public var coefficient: Double
        /// AUC of the signal alone on the training cut-offs.
        public var auc: Double?
        public var currentWeight: Double
        public var proposedWeight: Double
        /// Why the signal gets no weight, when it gets none.
        public var flag: String?
    }

    /// Fits on `training` samples (scored with `definition`, whose default
    /// signal list it re-weights; segment overrides are kept as they are) and
    /// judges the proposal on `holdout` samples re-weighed with it.
    public static func propose(
        _ definition: HealthDefinition, training: [BacktestSample], holdout: [BacktestSample],
        inverseRegularization: Double = 1
    ) throws(PredictionError) -> HealthCalibration {
        let listed = definition.signals
        func row(_ sample: BacktestSample) -> [Double] {
            listed.map { item in
                let value = sample.score.signals.first { $0.signal == item.signal }?.normalized
                return value ?? item.missing ?? 50
            }
        }
        let features = try DenseMatrix(rowValues: training.map(row))
        let labels = training.map { $0.churned ? 1.0 : 0.0 }
        let model = try LogisticRegression(inverseRegularization: inverseRegularization).fit(features: features, labels: labels)
        var entries: [Entry] = listed.enumerated().map { index, item in
            let auc = HealthBacktestReport.auc(risk: training.map { -row($0)[index] }, churned: training.map(\.churned))
            let coefficient = model.coefficients[index]
            let flag: String? = if coefficient >= 0 {
                "higher values go with more churn once the other signals are known"
            } else if (auc ?? 0) < HealthBacktestReport.predictiveAUC {
                "does not predict churn on its own (AUC \((auc ?? 0.5).formatted(.number.precision(.fractionLength(2)))))"
            } else { nil }
            return Entry(signal: item.signal, coefficient: coefficient, auc: auc, currentWeight: item.weight,
                         proposedWeight: 0, flag: flag)
        }
        let strengths = entries.map { $0.flag == nil ? -$0.coefficient : 0 }
        let weights = wholePoints(strengths.reduce(0, +) > 0 ? strengths : listed.map(\.weight), summingTo: 100)
        for index in entries.indices { entries[index].proposedWeight = weights[index] }
        var proposal = definition
        proposal.name = definition.name + " (calibrated)"
        proposal.signals = zip(listed, weights).map { item, weight in
            var item = item
            item.weight = weight
            return item
        }
        let scorer = HealthScorer(definition: proposal)
        let churned = holdout.map(\.churned)
        let current = HealthBacktestReport.auc(risk: holdout.map { -$0.score.score }, churned: churned)
        let proposed = HealthBacktestReport.auc(risk: holdout.map { -scorer.reweighed($0.score).score }, churned: churned)
        return HealthCalibration(
            signals: entries, trainingCutoffs: Array(Set(training.map(\.cutoff))).sorted(),
            holdoutCutoffs: Array(Set(holdout.map(\.cutoff))).sorted(), currentHoldoutAUC: current,
            proposedHoldoutAUC: proposed, proposal: proposal)
    }

    /// `shares` scaled to whole numbers summing to `total` by largest remainder.
    static func wholePoints(_ shares: [Double], summingTo total: Int) -> [Double] {
        let sum = shares.reduce(0, +)
        guard sum > 0 else { return shares.map { _ in 0 } }
        let exact = shares.map { $0 / sum * Double(total) }
        var points = exact.map { $0.rounded(.down) }
        let order = exact.indices.sorted { exact[$0] - points[$0] > exact[$1] - points[$1] }
        for index in order.prefix(total - Int(points.reduce(0, +))) { points[index] += 1 }
        return points
    }
}
