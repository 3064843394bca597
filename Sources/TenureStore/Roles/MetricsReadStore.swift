import Foundation
import TenureCore

/// What the metrics engine reads: subscription history, account attributes, survey, ticket and usage figures.
public protocol MetricsReadStore: Sendable {
    /// Every subscription change with its items, ordered by subscription and time.
    func subscriptionChanges() async throws -> [SubscriptionChange]
    func accountAttributes() async throws -> [AccountAttributes]
    /// A number that grows with every write of facts; derived numbers cached
    /// against an older value are stale.
    func factsVersion() async throws -> Int64
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
