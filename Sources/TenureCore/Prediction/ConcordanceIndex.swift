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
        let isSorted = zip(durations, durations.dropFirst()).allSatisfy { $0 <= $1 }
        let order = isSorted ? Array(durations.indices) : durations.ascendingOrder()
        var pool = RankCounter(riskScores: riskScores, events: events)
        var pairs = 0, concordant = 0, tied = 0
        func compare(_ subject: Int) {
            let (greater, equal) = pool.counts(around: subject)
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
            for subject in order[start..<end] where events[subject] { compare(subject) }
            for subject in order[start..<end] where events[subject] { pool.insert(subject) }
            for subject in order[start..<end] where !events[subject] { compare(subject) }
            start = end
        }
        guard pairs > 0 else {
            throw PredictionError(.oneClass, "no pair of subjects is comparable (an event must precede another subject's time)")
        }
        return (Double(concordant) + Double(tied) / 2) / Double(pairs)
    }
}

/// The events' risk scores inserted so far, counting how many are above or equal to a subject's
/// in O(log n): a Fenwick tree over the ranks of the distinct event risks, each subject's rank
/// found once up front.
private struct RankCounter {
    /// Per subject: how many distinct event risks are below its risk.
    private let ranks: [Int]
    /// Per subject: whether some event has exactly its risk.
    private let matchesEvent: [Bool]
    private var tree: [Int]
    /// How many values have been inserted.
    private(set) var total = 0

    init(riskScores: [Double], events: [Bool]) {
        var ranks = [Int](repeating: 0, count: riskScores.count), matchesEvent = [Bool](repeating: false, count: riskScores.count)
        let byRisk = riskScores.ascendingOrder()
        var distinct = 0, start = 0
        while start < byRisk.count {
            var end = start, hasEvent = false
            while end < byRisk.count && riskScores[byRisk[end]] == riskScores[byRisk[start]] {
                hasEvent = hasEvent || events[byRisk[end]]
                end += 1
            }
            for subject in byRisk[start..<end] { (ranks[subject], matchesEvent[subject]) = (distinct, hasEvent) }
            if hasEvent { distinct += 1 }
            start = end
        }
        self.ranks = ranks
        self.matchesEvent = matchesEvent
        tree = Array(repeating: 0, count: distinct + 1)
    }

    /// Adds the risk of `subject`, which must have had the event.
    mutating func insert(_ subject: Int) {
        var position = ranks[subject] + 1
        while position < tree.count {
            tree[position] += 1
            position += position & -position
        }
        total += 1
    }

    /// How many inserted risks are greater than, and equal to, the risk of `subject`.
    func counts(around subject: Int) -> (greater: Int, equal: Int) {
        let below = countBelow(ranks[subject])
        guard matchesEvent[subject] else { return (total - below, 0) }
        let atOrBelow = countBelow(ranks[subject] + 1)
        return (total - atOrBelow, atOrBelow - below)
    }

    /// How many inserted risks have a rank below `rank`.
    private func countBelow(_ rank: Int) -> Int {
        var position = rank, sum = 0
        while position > 0 {
            sum += tree[position]
            position -= position & -position
        }
        return sum
    }
}
