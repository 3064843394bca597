import Foundation

/// How well a binary classifier's scores rank and how well its probabilities are calibrated —
/// e.g. a churn model's scores against who actually churned. Labels are 1 (positive, e.g.
/// churned) or 0. The ranking measures equal scikit-learn's `roc_auc_score` and
/// `average_precision_score`, and throw ``PredictionError/Code/oneClass`` when a class is absent.
public enum ClassifierEvaluation {
    /// The area under the ROC curve: the probability that a random positive scores above a random
    /// negative, ties counting one half (the Mann–Whitney statistic from average ranks). O(n log n).
    public static func rocAUC(scores: [Double], labels: [Double]) throws(PredictionError) -> Double {
        let (positives, negatives) = try classCounts(scores: scores, labels: labels)
        let order = scores.ascendingOrder()
        var positiveRankSum = 0.0, start = 0
        while start < order.count {
            var end = start
            while end < order.count && scores[order[end]] == scores[order[start]] { end += 1 }
            let averageRank = Double(start + 1 + end) / 2
            for index in order[start..<end] where labels[index] == 1 { positiveRankSum += averageRank }
            start = end
        }
        let p = Double(positives), n = Double(negatives)
        return (positiveRankSum - p * (p + 1) / 2) / (p * n)
    }

    /// Average precision, Σₖ (Rₖ − Rₖ₋₁)·Pₖ over the distinct score thresholds from the highest:
    /// the area under the precision–recall curve without interpolation. O(n log n).
    public static func averagePrecision(scores: [Double], labels: [Double]) throws(PredictionError) -> Double {
        let (positives, _) = try classCounts(scores: scores, labels: labels)
        let order = Array(scores.ascendingOrder().reversed())
        var truePositives = 0, seen = 0, previousRecall = 0.0, sum = 0.0
        while seen < order.count {
            let threshold = scores[order[seen]]
            while seen < order.count && scores[order[seen]] == threshold {
                if labels[order[seen]] == 1 { truePositives += 1 }
                seen += 1
            }
            let recall = Double(truePositives) / Double(positives)
            sum += (recall - previousRecall) * Double(truePositives) / Double(seen)
            previousRecall = recall
        }
        return sum
    }

    /// The Brier score, the mean of (probability − label)²: 0 is perfect, 0.25 what always
    /// predicting 0.5 earns. Needs no particular class mix.
    public static func brierScore(probabilities: [Double], labels: [Double]) throws(PredictionError) -> Double {
        try PredictionError.checkCount(labels.count, "labels", equals: probabilities.count, "probabilities")
        guard !labels.isEmpty else { throw PredictionError(.invalidInput, "the Brier score needs at least one prediction") }
        try PredictionError.checkBinary(labels)
        return zip(probabilities, labels).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(labels.count)
    }

    /// The top-decile lift: the positive rate among the ⌈n/10⌉ highest scores divided by the
    /// overall positive rate (ties at the cut are taken in input order). 1 is no better than
    /// chance; a churn model with lift 3 finds three times as many churners in its top tenth.
    public static func topDecileLift(scores: [Double], labels: [Double]) throws(PredictionError) -> Double {
        let (positives, _) = try classCounts(scores: scores, labels: labels)
        let count = (scores.count + 9) / 10
        let top = scores.map { -$0 }.ascendingOrder().prefix(count)
        let topRate = Double(top.filter { labels[$0] == 1 }.count) / Double(count)
        return topRate / (Double(positives) / Double(scores.count))
    }

    /// Checks that scores and labels pair up, are finite and 0/1, and that both classes are present.
    static func classCounts(scores: [Double], labels: [Double]) throws(PredictionError) -> (positives: Int, negatives: Int) {
        try PredictionError.checkCount(labels.count, "labels", equals: scores.count, "scores")
        try PredictionError.checkFinite(scores, "scores")
        let positives = try PredictionError.checkBinary(labels)
        guard positives > 0, positives < labels.count else {
            throw PredictionError(.oneClass, "the labels hold only \(positives > 0 ? "positives" : "negatives"); ranking measures need both classes")
        }
        return (positives, labels.count - positives)
    }
}
