import Foundation
import TenureCore

/// What the metrics engine reads: subscription history, account attributes, survey, ticket and usage figures.
public protocol MetricsReadStore: Sendable {
    /// The subscription changes of `accountIDs` alone, ordered by subscription and time.
    func subscriptionChanges(ofAccounts accountIDs: [String]) async throws -> [SubscriptionChange]
    func accountAttributes(ofAccounts accountIDs: [String]) async throws -> [AccountAttributes]
    /// A number that grows with every write of facts; derived numbers cached
    /// against an older value are stale.
    func factsVersion() async throws -> Int64
    /// The facts and derived versions together: read models cached against an older one are stale.
    func dataVersion() async throws -> DataVersion
    /// The facts version now and which accounts' facts changed after `version` (`nil`: anything may have changed).
    func factsChanges(since version: Int64) async throws -> FactsChanges
    /// Survey answers of `kind` in `[from, to)`: count per score, per group of `column` ("" when ungrouped or unset).
    func surveyScoreCounts(_ kind: SurveyResponse.Kind, from: Date, to: Date, groupedBy column: AccountColumn?)
        async throws -> [String: [Int: Int]]
    /// Tickets opened in each period, per priority, by period label.
    func ticketCounts(in periods: [ReportingPeriod]) async throws -> [String: [Ticket.Priority: Int]]
    /// Accounts with at least one `event` in each period, by period label.
    func engagedAccounts(event: String, in periods: [ReportingPeriod]) async throws -> [String: Int]
    /// When each account's running total of the milestone event first reached its count (the day of the rollup).
    func milestoneReached(_ milestone: ProductConfiguration.Milestone) async throws -> [String: Date]
    /// How many of `events` each account used in `[from, to)`.
    func featuresUsed(_ events: [String], from: Date, to: Date) async throws -> [String: Int]
}

/// Which facts changed after a version: the accounts whose facts changed, or `nil` when a write could not be tied to
/// accounts (prices, a full MRR refresh, a restored backup) and everything must be read again.
public struct FactsChanges: Sendable, Hashable {
    /// The facts version now.
    public var version: Int64
    public var accountIDs: Set<String>?

    public init(version: Int64, accountIDs: Set<String>?) {
        self.version = version
        self.accountIDs = accountIDs
    }
}

/// How far the stored data has moved: the facts version and the version of what is derived from facts (health
/// scores, churn models and predictions). Each only grows.
public struct DataVersion: Sendable, Hashable {
    public var facts: Int64
    public var derived: Int64

    public init(facts: Int64, derived: Int64) {
        self.facts = facts
        self.derived = derived
    }
}
