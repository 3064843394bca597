import Foundation

/// Harrell's concordance index for survival predictions: among comparable pairs, the share in
/// which the subject with the earlier observed event had the higher predicted risk (ties in
/// risk count one half). 0.5 is chance, 1 perfect ranking.
public enum ConcordanceIndex {
    /// Harrell's C, computed as lifelines' `concordance_index` does: a pair is comparable when the
    /// earlier of the two durations ends in an event, or when both durations are equal and only
    /// one ends in an event (the censored one counts as later). `riskScores` are higher for
    /// subjects expected to have the event sooner (e.g. a Cox partial hazard; lifelines takes the
    /// opposite, predicted survival times). O(n log n). Throws when no pair is comparable.
    public static func harrell(durations: [Double], riskScores: [Double], events: [Bool]) throws(PredictionError) -> Double {
        try PredictionError.checkCount(riskScores.count, "risk scores", equals: durations.count, "durations")
        try PredictionError.checkCount(events.count, "events", equals: durations.count, "durations")
        let order = durations.indices.sorted { durations[$0] < durations[$1] }
        var pool = RankCounter(values: order.filter { events[$0] }.map { riskScores[$0] })
        var pairs = 0, concordant = 0, tied = 0
        func compare(_ subject: Int) {
            let (greater, equal) = pool.counts(around: riskScores[subject])
            pairs += pool.total
            concordant += greater
            tied += equal
        }
        var start = 0
        while start < order.count {
            var end = start
            while end < order.count && durations[order[end]] == durations[order[start]] { end += 1 }
            // Events at this time are compared with earlier events; censorings at this time with
            // those and with the events at this time too.
            let deaths = order[start..<end].filter { events[$0] }
            for subject in deaths { compare(subject) }
            for subject in deaths { pool.insert(riskScores[subject]) }
            for subject in order[start..<end] where !events[subject] { compare(subject) }
            start = end
        }
        guard pairs > 0 else {
            throw PredictionError(.oneClass, "no pair of subjects is comparable (an event must precede another subject's time)")
        }
        return (Double(concordant) + Double(tied) / 2) / Double(pairs)
    }
}

/// A multiset of values drawn from a fixed set, counting how many are above or equal to a
/// query in O(log n) (a Fenwick tree over the sorted distinct values).
private struct RankCounter {
    private let distinct: [Double]
    private var tree: [Int]
    /// How many values have been inserted.
    private(set) var total = 0

    init(values: [Double]) {
        let sorted = values.sorted()
        distinct = sorted.indices.filter { $0 == 0 || sorted[$0 - 1] != sorted[$0] }.map { sorted[$0] }
        tree = Array(repeating: 0, count: distinct.count + 1)
    }

    mutating func insert(_ value: Double) {
        var position = distinct.partitionIndex { $0 >= value } + 1
        while position < tree.count {
            tree[position] += 1
            position += position & -position
        }
        total += 1
    }

    /// How many inserted values are greater than, and equal to, `value`.
    func counts(around value: Double) -> (greater: Int, equal: Int) {
        let below = distinct.partitionIndex { $0 >= value }
        guard below < distinct.count, distinct[below] == value else {
            return (total - countBelow(below), 0)
        }
        let lower = countBelow(below), upper = countBelow(below + 1)
        return (total - upper, upper - lower)
    }

    /// How many inserted values have a rank below `rank`.
    private func countBelow(_ rank: Int) -> Int {
        var position = rank, sum = 0
        while position > 0 {
            sum += tree[position]
            position -= position & -position
        }
        return sum
    }
}
