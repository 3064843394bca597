import Foundation
import TenureCore
import TenureStore

/// What one recompute did.
public struct HealthRecomputeSummary: Sendable, Hashable, Codable {
    /// Cut-offs scored (one for a plain recompute; more with a backfill).
    public var cutoffs: Int
    /// Accounts scored at the last cut-off, by colour.
    public var scored: Int
    public var colours: [String: Int]
    /// Accounts whose segment changed.
    public var segmentsChanged: Int
    public var alerts: Int
    public var definitionVersion: Int
    public var factsVersion: Int64
}

extension HealthEngine {
    /// Applies the active segmentation (if any), scores every live account as
    /// of `now`, stores the scores as today's and as the accounts' current
    /// health, and raises alerts for drops within the alert window. With
    /// `backfillDays`, first scores every `everyDays` days over that many past
    /// days (history for trends), raising alerts as they would have fired.
    /// Reads, scores and writes ``accountsPerChunk`` accounts at a time, ranking each
    /// against every account's signals (so the scores do not depend on the chunk size).
    /// `progress` receives (cut-offs done, cut-offs in all); `andThen` gets the book's chunks
    /// as of `now`, so that predictions reuse them instead of splitting the book again.
    public func recompute(asOf now: Date, backfillDays: Int = 0, everyDays: Int = 7,
                          progress: @Sendable (Int, Int) -> Void = { _, _ in },
                          andThen: (AccountChunks) async throws -> Void = { _ in }) async throws -> HealthRecomputeSummary {
        let health = try await activeHealthDefinition(at: now)
        let chunks = try await AccountChunks.load(from: store, asOf: now, size: accountsPerChunk)
        let today = UTCCalendar.startOfDay(now)
        var cutoffs = stride(from: backfillDays, to: 0, by: -max(1, everyDays)).map { today.adding(days: -Double($0)) }
        cutoffs.append(now)
        var changed = 0
        // With `now` the only cut-off, the segmentation pass reads each chunk's subjects too, with their new segments,
        // instead of every chunk being read again to score it.
        let scoresNowOnly = cutoffs == [now]
        var subjectsRead: [[HealthScorer.Subject]]?
        if let segmentation = try await activeSegmentation() {
            var assignments: [String: SegmentRule?] = [:]
            var subjects: [[HealthScorer.Subject]] = []
            for range in chunks.ranges {
                let context = try await chunks.context(range, from: store)
                let assigned = try await segments(at: now, segmentation: segmentation.definition, context: context)
                if scoresNowOnly { subjects.append(try await liveSubjects(at: now, context: context, segments: assigned.mapValues { $0?.key })) }
                assignments.merge(assigned) { _, new in new }
            }
            changed = try await store.assignSegments(assignments, definitionVersion: segmentation.version, at: now)
            if scoresNowOnly { subjectsRead = subjects }
        }
        let factsVersion = try await store.factsVersion()
        let scorer = HealthScorer(definition: health.definition)
        var alerts = 0
        var colours: [String: Int] = [:]
        var scoredDays: Set<Date> = []
        for (index, cutoff) in cutoffs.enumerated() {
            var subjects: [[HealthScorer.Subject]] = []
            if let subjectsRead {
                subjects = subjectsRead
            } else {
                for range in chunks.ranges {
                    subjects.append(try await liveSubjects(at: cutoff, context: try await chunks.context(range, from: store)))
                }
            }
            let population = scorer.population(of: subjects.flatMap { $0 })
            let current = index == cutoffs.count - 1
            for (range, part) in zip(chunks.ranges, subjects) {
                let scores = scorer.score(part, among: population)
                let raised = try await raisedAlerts(for: scores, at: cutoff, rule: health.definition.alert, since: cutoffs[0],
                                              scoredDays: scoredDays, accounts: range)
                let events = current
                    ? AccountEvents.healthChanges(
                        previous: try await store.currentHealth(ofAccounts: scores.map(\.accountID)).mapValues { ($0.score, $0.colour) },
                        scores: scores, alerts: raised, day: UTCCalendar.startOfDay(cutoff), at: now)
                    : []
                try await store.saveHealth(scores, day: cutoff, definitionVersion: health.version, current: current, at: now,
                                           events: events, accounts: range)
                try await store.insertHealthAlerts(raised, definitionVersion: health.version, at: now)
                alerts += raised.count
                if current {
                    for score in scores { colours[score.colour.rawValue, default: 0] += 1 }
                }
            }
            scoredDays.insert(UTCCalendar.startOfDay(cutoff))
            progress(index + 1, cutoffs.count)
        }
        try await store.setSetting(SettingKey.healthFactsVersion, to: String(factsVersion))
        try await store.setSetting(SettingKey.healthScoredDay, to: JSONCoding.format(today))
        try await andThen(chunks)
        return HealthRecomputeSummary(
            cutoffs: cutoffs.count, scored: colours.values.reduce(0, +), colours: colours,
            segmentsChanged: changed, alerts: alerts, definitionVersion: health.version, factsVersion: factsVersion)
    }

    /// The live accounts of `context` at `cutoff` as the scorer sees them; `segments` overrides their stored segments.
    private func liveSubjects(at cutoff: Date, context: Context, segments: [String: String?] = [:]) async throws -> [HealthScorer.Subject] {
        try await states(at: cutoff, population: .live, context: context, segments: segments).map(HealthScorer.Subject.init)
    }

    /// The alerts `scores` (of accounts of `range`) at `cutoff` raise against the scores stored in the alert
    /// window before `firstCutoff`, the run's first, and those of the run's earlier cut-offs (`scoredDays`).
    private func raisedAlerts(for scores: [HealthScore], at cutoff: Date, rule: HealthDefinition.AlertRule, since firstCutoff: Date,
                        scoredDays: Set<Date>, accounts range: AccountRange) async throws -> [HealthAlert] {
        var history = try await store.healthScores(from: firstCutoff.adding(days: -Double(rule.withinDays)), before: firstCutoff,
                                                   accounts: range)
        let day = UTCCalendar.startOfDay(cutoff)
        if let firstDay = scoredDays.min() {
            for (accountID, points) in try await store.healthScores(from: firstDay, before: day, accounts: range) {
                history[accountID, default: []] += points.filter { scoredDays.contains($0.at) }
            }
        }
        return scores.compactMap { score in
            rule.alert(accountID: score.accountID, score: score.score, at: day, earlier: history[score.accountID] ?? [])
        }
    }

    /// Whether scores are older than the facts or than today: what a scheduler checks before recomputing.
    public func isStale(now: Date) async throws -> Bool {
        let scoredVersion = try await store.setting(SettingKey.healthFactsVersion).flatMap { Int64($0) }
        let scoredDay = try await store.setting(SettingKey.healthScoredDay).flatMap(JSONCoding.parse)
        return try await scoredVersion != store.factsVersion() || scoredDay != UTCCalendar.startOfDay(now)
    }
}

extension SettingKey {
    /// The facts version the current health scores were computed from.
    public static let healthFactsVersion = "health.facts_version"
    /// The day (midnight UTC, ISO 8601) the current health scores are for.
    public static let healthScoredDay = "health.scored_day"
}
