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
    /// `progress` receives (cut-offs done, cut-offs in all); `andThen` gets the point-in-time
    /// context the scores were computed from, so that predictions reuse it instead of loading another.
    public func recompute(asOf now: Date, backfillDays: Int = 0, everyDays: Int = 7,
                          progress: @Sendable (Int, Int) -> Void = { _, _ in },
                          andThen: (Context) async throws -> Void = { _ in }) async throws -> HealthRecomputeSummary {
        let health = try await activeHealthDefinition(at: now)
        var context = try await Context.load(from: store, asOf: now)
        var changed = 0
        if let segmentation = try await activeSegmentation() {
            let assignments = try await segments(at: now, segmentation: segmentation.definition, context: context)
            changed = try await store.assignSegments(assignments, definitionVersion: segmentation.version, at: now)
            if changed > 0 { context = try await Context.load(from: store, asOf: now) }
        }
        let factsVersion = try await store.factsVersion()
        let today = UTCCalendar.startOfDay(now)
        var cutoffs = stride(from: backfillDays, to: 0, by: -max(1, everyDays)).map { today.adding(days: -Double($0)) }
        cutoffs.append(now)
        let rule = health.definition.alert
        var history = try await store.healthScores(from: cutoffs[0].adding(days: -Double(rule.withinDays)), before: cutoffs[0])
        var alerts = 0
        var latest: [HealthScore] = []
        for (index, cutoff) in cutoffs.enumerated() {
            let scores = try await scores(at: cutoff, definition: health.definition, population: .live, context: context)
            let current = index == cutoffs.count - 1
            let day = UTCCalendar.startOfDay(cutoff)
            let raised = scores.compactMap { score in
                rule.alert(accountID: score.accountID, score: score.score, at: day, earlier: history[score.accountID] ?? [])
            }
            let events = current
                ? AccountEvents.healthChanges(previous: try await store.currentHealth(ofAccounts: nil).mapValues { ($0.score, $0.colour) },
                                              scores: scores, alerts: raised, day: day, at: now)
                : []
            try await store.saveHealth(scores, day: day, definitionVersion: health.version, current: current, at: now, events: events)
            try await store.insertHealthAlerts(raised, definitionVersion: health.version, at: now)
            alerts += raised.count
            for score in scores { history[score.accountID, default: []].append((day, score.score)) }
            latest = scores
            progress(index + 1, cutoffs.count)
        }
        try await store.setSetting(SettingKey.healthFactsVersion, to: String(factsVersion))
        try await store.setSetting(SettingKey.healthScoredDay, to: JSONCoding.format(today))
        try await andThen(context)
        return HealthRecomputeSummary(
            cutoffs: cutoffs.count, scored: latest.count,
            colours: Dictionary(grouping: latest, by: \.colour.rawValue).mapValues(\.count),
            segmentsChanged: changed, alerts: alerts, definitionVersion: health.version, factsVersion: factsVersion)
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
