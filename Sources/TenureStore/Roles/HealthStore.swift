import Foundation
import TenureCore

/// Health scores, their history and alerts, backtests, and segment assignments.
public protocol HealthStore: Sendable {
    /// What each account of `range` created before `cutoff` did before it: usage, tickets, answers, payments and
    /// touchpoints (see ``AccountActivity``). Seats, renewals and first value are left for the caller,
    /// which reads them from the revenue ledger and ``milestoneReached(_:)``.
    func accountActivity(asOf cutoff: Date, product: ProductConfiguration, accounts range: AccountRange) async throws
        -> [String: AccountActivity]
    /// Each account's (of `range`) count of each window's event in the window's days before `cutoff`.
    func usageTotals(_ windows: Set<UsageCondition.Window>, asOf cutoff: Date, accounts range: AccountRange) async throws
        -> [UsageCondition.Window: [String: Int64]]
    /// Replaces the scores of `day` of the accounts of `range` with `scores` (all of accounts of `range`), in one
    /// transaction; when `current`, they also become those accounts' current health (accounts without a score
    /// that day lose theirs).
    func saveHealth(_ scores: [HealthScore], day: Date, definitionVersion: Int, current: Bool, at now: Date,
                    events: [DomainEvent], accounts range: AccountRange) async throws
    /// The account's latest stored score with its breakdown.
    func healthRecord(accountID: String) async throws -> HealthRecord?
    /// The account's scores from `since` (all when `nil`), oldest first.
    func healthHistory(accountID: String, since: Date?) async throws -> [HealthPoint]
    /// The scores of days in `[from, before)` of each account of `range`, oldest first.
    func healthScores(from: Date, before: Date, accounts range: AccountRange) async throws -> [String: [(at: Date, score: Double)]]
    /// Accounts and their MRR (summed in minor units as stored, so one currency is assumed) per colour of their current score.
    func healthDistribution() async throws -> [HealthColour: HealthBandTotals]
    /// The current health of each of `accountIDs` (every account when `nil`) that has one.
    func currentHealth(ofAccounts accountIDs: [String]?) async throws -> [String: CurrentHealth]
    /// Stores alerts (one per account and day; a later one the same day replaces it).
    func insertHealthAlerts(_ alerts: [HealthAlert], definitionVersion: Int, at now: Date) async throws
    /// Alerts of days from `since`, newest and biggest drops first.
    func healthAlerts(since: Date, limit: Int) async throws -> [StoredHealthAlert]
    func saveBacktest(_ backtest: StoredBacktest) async throws
    func latestBacktest(definitionVersion: Int) async throws -> StoredBacktest?
    /// Sets each listed account's segment and engagement model (`nil`: no segment matched), recording
    /// the accounts whose segment changes in their segment history (with an `account.segment.changed` event in the
    /// same transaction); returns how many changed.
    func assignSegments(_ assignments: [String: SegmentRule?], definitionVersion: Int, at now: Date) async throws -> Int
    /// The account's segment changes, oldest first.
    func segmentHistory(accountID: String) async throws -> [SegmentChange]
}

extension HealthStore {
    /// What each account created before `cutoff` did before it (see ``accountActivity(asOf:product:accounts:)``).
    public func accountActivity(asOf cutoff: Date, product: ProductConfiguration) async throws -> [String: AccountActivity] {
        try await accountActivity(asOf: cutoff, product: product, accounts: .all)
    }

    /// Each account's count of each window's event in the window's days before `cutoff`.
    public func usageTotals(_ windows: Set<UsageCondition.Window>, asOf cutoff: Date) async throws
        -> [UsageCondition.Window: [String: Int64]]
    {
        try await usageTotals(windows, asOf: cutoff, accounts: .all)
    }

    /// Every account's scores of days in `[from, before)`, oldest first.
    public func healthScores(from: Date, before: Date) async throws -> [String: [(at: Date, score: Double)]] {
        try await healthScores(from: from, before: before, accounts: .all)
    }

    /// Replaces every account's scores of `day` with `scores` (see ``saveHealth(_:day:definitionVersion:current:at:events:accounts:)``).
    public func saveHealth(_ scores: [HealthScore], day: Date, definitionVersion: Int, current: Bool, at now: Date,
                           events: [DomainEvent]) async throws {
        try await saveHealth(scores, day: day, definitionVersion: definitionVersion, current: current, at: now, events: events,
                             accounts: .all)
    }

    /// Saves scores that cause no outbox events (backfilled days, calibration).
    public func saveHealth(_ scores: [HealthScore], day: Date, definitionVersion: Int, current: Bool, at now: Date) async throws {
        try await saveHealth(scores, day: day, definitionVersion: definitionVersion, current: current, at: now, events: [])
    }
}
