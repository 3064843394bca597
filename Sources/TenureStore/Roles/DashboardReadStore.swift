import Foundation
import TenureCore

/// The reads behind the dashboard's lists and Account 360.
public protocol DashboardReadStore: Sendable {
    /// One page of the dashboard's accounts table, with each account's next renewal.
    func accountList(_ query: AccountListQuery) async throws -> Page<AccountListRow>
    /// Distinct account segments, sorted.
    func accountSegments() async throws -> [String]
    /// Live subscriptions whose current period ends in the query's window, soonest first.
    func renewals(_ query: RenewalQuery) async throws -> Page<RenewalRow>
    /// An account's contacts, subscription history, invoices, payment attempts, tickets, survey
    /// answers, touchpoints and tasks; each list newest first and at most `limit` long (changes: all, oldest first).
    func accountRecords(ofAccount accountID: String, limit: Int) async throws -> AccountRecords
    /// An account's product usage per day in `[from, to)`.
    func dailyUsage(ofAccount accountID: String, from: Date, to: Date) async throws -> [UsageDay]
    /// How often an account sent each event in `[from, to)`.
    func eventCounts(ofAccount accountID: String, from: Date, to: Date) async throws -> [String: Int64]
}
