import Foundation

/// Platt scaling: turns a classifier's scores (log-odds, margins, uncalibrated probabilities)
/// into calibrated probabilities P(y = 1 | s) = 1 / (1 + exp(a·s + b)), with a and b fitted by a
/// one-feature logistic regression — the `sigmoid` method of scikit-learn's `CalibratedClassifierCV`,
/// whose sign convention (a < 0 when higher scores mean more positives) this follows.
public struct PlattScaling: Hashable, Sendable {
    /// The slope a (negative when higher scores mean the positive class is likelier).
    public let slope: Double
    /// The intercept b.
    public let intercept: Double

    /// Fits a and b to `scores` and `labels` (1 positive, 0 negative) by Newton's method.
    /// With `smoothedTargets` (Platt's and scikit-learn's default) the targets are not 0 and 1 but
    /// 1/(N₋ + 2) and (N₊ + 1)/(N₊ + 2) — a prior that keeps the fit finite when the scores separate
    /// the classes perfectly. Throws when the lengths differ, a label is not 0 or 1, or a class is absent.
    public init(scores: [Double], labels: [Double], smoothedTargets: Bool = true) throws(PredictionError) {
        try PredictionError.checkCount(labels.count, "labels", equals: scores.count, "scores")
        try PredictionError.checkFinite(scores, "scores")
        let positives = try PredictionError.checkBinary(labels), negatives = labels.count - positives
        guard positives > 0, negatives > 0 else {
            throw PredictionError(.oneClass, "Platt scaling needs both positive and negative labels")
        }
        let high = smoothedTargets ? (Double(positives) + 1) / (Double(positives) + 2) : 1
        let low = smoothedTargets ? 1 / (Double(negatives) + 2) : 0
        let design = try DenseMatrix(rows: scores.count, columns: 2, values: scores.flatMap { [$0, 1] })
        let solution = try LogisticNewtonSolver(
            design: design, targets: labels.map { $0 == 1 ? high : low }, weights: Array(repeating: 1, count: scores.count),
            penalty: 0, tolerance: 1e-12, maxIterations: 100
        ).solve()
        guard solution.converged else {
            throw PredictionError(.notConverged, "the scores separate the classes perfectly; use smoothed targets")
        }
        slope = -solution.coefficients[0]
        intercept = -solution.coefficients[1]
    }

    /// The calibrated probability of the positive class for `score`.
    public func probability(_ score: Double) -> Double {
        LogisticNewtonSolver.sigmoid(-(slope * score + intercept))
    }
}
