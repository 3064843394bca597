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
        let deaths = durations.indices.filter { events[$0] }.sorted { durations[$0] < durations[$1] }
        let censored = durations.indices.filter { !events[$0] }.sorted { durations[$0] < durations[$1] }
        var pool = RankCounter(values: deaths.map { riskScores[$0] })
        var pairs = 0, concordant = 0, tied = 0
        func compare(_ subjects: ArraySlice<Int>) {
            for subject in subjects {
                let (greater, equal) = pool.counts(around: riskScores[subject])
                pairs += pool.total
                concordant += greater
                tied += equal
            }
        }
        var nextDeath = 0, nextCensored = 0
        while nextDeath < deaths.count || nextCensored < censored.count {
            // Events at a time come before censorings at the same time: those censorings are comparable with them.
            let deathFirst = nextCensored == censored.count
                || (nextDeath < deaths.count && durations[deaths[nextDeath]] <= durations[censored[nextCensored]])
            if deathFirst {
                let end = batchEnd(deaths, from: nextDeath, durations)
                compare(deaths[nextDeath..<end])
                for subject in deaths[nextDeath..<end] { pool.insert(riskScores[subject]) }
                nextDeath = end
            } else {
                let end = batchEnd(censored, from: nextCensored, durations)
                compare(censored[nextCensored..<end])
                nextCensored = end
            }
        }
        guard pairs > 0 else {
            throw PredictionError(.oneClass, "no pair of subjects is comparable (an event must precede another subject's time)")
        }
        return (Double(concordant) + Double(tied) / 2) / Double(pairs)
    }

    /// The end of the run of `subjects` (sorted by duration) that share the duration of `subjects[start]`.
    private static func batchEnd(_ subjects: [Int], from start: Int, _ durations: [Double]) -> Int {
        var end = start
        while end < subjects.count && durations[subjects[end]] == durations[subjects[start]] { end += 1 }
        return end
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
        distinct = Array(Set(values)).sorted()
        tree = Array(repeating: 0, count: distinct.count + 1)
    }

    mutating func insert(_ value: Double) {
        var position = lowerBound(value) + 1
        while position < tree.count {
            tree[position] += 1
            position += position & -position
        }
        total += 1
    }

    /// How many inserted values are greater than, and equal to, `value`.
    func counts(around value: Double) -> (greater: Int, equal: Int) {
        let below = countBelow(lowerBound(value))
        let atOrBelow = countBelow(upperBound(value))
        return (total - atOrBelow, atOrBelow - below)
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

    /// The number of distinct values below `value`.
    private func lowerBound(_ value: Double) -> Int { distinct.partitionIndex { $0 >= value } }

    /// The number of distinct values at or below `value`.
    private func upperBound(_ value: Double) -> Int { distinct.partitionIndex { $0 > value } }
}
