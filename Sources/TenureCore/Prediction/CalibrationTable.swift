import Foundation

/// A reliability table: predictions grouped into bins by predicted probability, each bin's mean
/// prediction beside the rate actually observed — a calibrated model's rows lie on the diagonal.
/// Bins are formed as scikit-learn's `calibration_curve` forms them, and empty bins are left out.
public struct CalibrationTable: Hashable, Sendable {
    /// How the bin edges are chosen.
    public enum Binning: String, Hashable, Sendable, Codable, CaseIterable {
        /// Edges at 0, 1/k, 2/k, …, 1.
        case equalWidth = "equal_width"
        /// Edges at the probabilities' quantiles, so bins hold about equally many predictions.
        case quantile
    }

    /// One bin of predictions.
    public struct Bin: Hashable, Sendable, Codable {
        /// The bin's lower edge (a probability).
        public var lower: Double
        /// The bin's upper edge (a probability).
        public var upper: Double
        /// Predictions in the bin.
        public var count: Int
        /// Their mean predicted probability.
        public var meanPredicted: Double
        /// The share of them whose label is 1.
        public var observedRate: Double
    }

    /// The non-empty bins, from the lowest probabilities.
    public let bins: [Bin]

    /// Groups `probabilities` (each in [0, 1]) with their `labels` (0 or 1) into `binCount` bins.
    /// A probability goes to the first bin whose upper edge it does not exceed. Throws when the
    /// lengths differ, there are no predictions, a probability is outside [0, 1] or a label is not 0 or 1.
    public init(probabilities: [Double], labels: [Double], binCount: Int = 10, binning: Binning = .equalWidth) throws(PredictionError) {
        try PredictionError.checkCount(labels.count, "labels", equals: probabilities.count, "probabilities")
        guard !probabilities.isEmpty, binCount > 0 else {
            throw PredictionError(.invalidInput, "a calibration table needs at least one prediction and one bin")
        }
        if let index = probabilities.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
            throw PredictionError(.invalidInput, "probabilities[\(index)] is \(probabilities[index]); probabilities must lie in [0, 1]")
        }
        try PredictionError.checkBinary(labels)
        let edges: [Double]
        switch binning {
        case .equalWidth:
            edges = (0...binCount).map { Double($0) / Double(binCount) }
        case .quantile:
            let sorted = probabilities.sorted()
            edges = (0...binCount).map { Self.quantile(sorted, Double($0) / Double(binCount)) }
        }
        var counts = [Int](repeating: 0, count: binCount)
        var predicted = [Double](repeating: 0, count: binCount), observed = [Double](repeating: 0, count: binCount)
        let inner = edges.dropFirst().dropLast()
        for (probability, label) in zip(probabilities, labels) {
            let bin = inner.partitionIndex { $0 >= probability } - inner.startIndex
            counts[bin] += 1
            predicted[bin] += probability
            observed[bin] += label
        }
        bins = (0..<binCount).filter { counts[$0] > 0 }.map { bin in
            Bin(lower: edges[bin], upper: edges[bin + 1], count: counts[bin],
                meanPredicted: predicted[bin] / Double(counts[bin]), observedRate: observed[bin] / Double(counts[bin]))
        }
    }

    /// The `fraction` quantile of sorted values, interpolating linearly between order statistics (numpy's default).
    private static func quantile(_ sorted: [Double], _ fraction: Double) -> Double {
        let position = fraction * Double(sorted.count - 1)
        let below = Int(position.rounded(.down)), above = min(below + 1, sorted.count - 1)
        return sorted[below] + (sorted[above] - sorted[below]) * (position - Double(below))
    }
}
