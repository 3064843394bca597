import Foundation

/// Isotonic calibration: the non-decreasing step-and-ramp function of a score that best fits the
/// labels in least squares, found by pool-adjacent-violators. It predicts as scikit-learn's
/// `IsotonicRegression(out_of_bounds="clip")` does — linear interpolation between the fitted
/// points, and the end values outside the training scores.
public struct IsotonicRegression: Hashable, Sendable {
    /// The distinct training scores, increasing.
    public let thresholds: [Double]
    /// The fitted (non-decreasing) value at each threshold.
    public let values: [Double]

    /// Fits `targets` (e.g. 0/1 labels) as a non-decreasing function of `scores`, weighting each
    /// pair by `weights` (default 1). Pairs with equal scores are first merged into their weighted
    /// mean, as scikit-learn does. O(n log n). Throws when lengths differ, the input is empty, or
    /// a value is not finite.
    public init(scores: [Double], targets: [Double], weights: [Double]? = nil) throws(PredictionError) {
        try PredictionError.checkCount(targets.count, "targets", equals: scores.count, "scores")
        guard !scores.isEmpty else { throw PredictionError(.invalidInput, "isotonic regression needs at least one score") }
        try PredictionError.checkFinite(scores, "scores")
        try PredictionError.checkFinite(targets, "targets")
        let weights = weights ?? Array(repeating: 1, count: scores.count)
        try PredictionError.checkCount(weights.count, "weights", equals: scores.count, "scores")
        if let index = weights.firstIndex(where: { !($0 > 0 && $0.isFinite) }) {
            throw PredictionError(.invalidInput, "weights[\(index)] is \(weights[index]); weights must be positive and finite")
        }
        // Equal scores first become one point: their weighted mean target and total weight.
        var thresholds: [Double] = [], points: [(mean: Double, weight: Double)] = []
        for index in scores.ascendingOrder() {
            let (score, target, weight) = (scores[index], targets[index], weights[index])
            if thresholds.last == score, let last = points.popLast() {
                points.append((last.mean + (target - last.mean) * weight / (last.weight + weight), last.weight + weight))
            } else {
                thresholds.append(score)
                points.append((target, weight))
            }
        }
        // Pool adjacent violators: blocks of consecutive points, each with its mean, weight and size.
        var blocks: [(mean: Double, weight: Double, span: Int)] = []
        for point in points {
            blocks.append((point.mean, point.weight, 1))
            while blocks.count > 1, blocks[blocks.count - 2].mean > blocks[blocks.count - 1].mean {
                let right = blocks.removeLast(), left = blocks.removeLast()
                let weight = left.weight + right.weight
                blocks.append(((left.mean * left.weight + right.mean * right.weight) / weight, weight, left.span + right.span))
            }
        }
        self.thresholds = thresholds
        values = blocks.flatMap { Array(repeating: $0.mean, count: $0.span) }
    }

    /// The calibrated value at `score`: interpolated linearly between the two nearest thresholds,
    /// clipped to the first and last fitted values outside them.
    public func predict(_ score: Double) -> Double {
        let above = thresholds.partitionIndex { $0 > score }
        if above == 0 { return values[0] }
        if above == thresholds.count { return values[thresholds.count - 1] }
        let (x0, x1) = (thresholds[above - 1], thresholds[above])
        return values[above - 1] + (values[above] - values[above - 1]) * (score - x0) / (x1 - x0)
    }
}
