import Foundation
import TenureCore
import TenureStore

/// The customer success figures of a date range: survey scores, time to
/// first value, feature adoption, engaged accounts and ticket load.
public struct CustomerSuccessReport: Sendable, Codable {
    public var from: Date
    public var to: Date
    public var breakdown: Breakdown?
    public var nps: NPSSummary
    public var csat: ScoreSummary
    public var ces: ScoreSummary
    /// Accounts that signed up in the range, and how long they took to reach first value.
    public var timeToFirstValue: TimeToValueSummary?
    /// Paying accounts at the end of the range (or now, when the range runs past it: the current month) and the
    /// share of core features each used in the 30 days before.
    public var adoption: AdoptionSummary?
    /// Engaged accounts and tickets per period.
    public var periods: [ActivityPeriod]
    /// The same figures per group, when a breakdown was asked for.
    public var groups: [String: GroupFigures]?

    /// Survey and milestone figures of one group.
    public struct GroupFigures: Sendable, Codable {
        public var nps: NPSSummary
        public var csat: ScoreSummary
        public var timeToFirstValue: TimeToValueSummary?
        public var adoption: AdoptionSummary?
    }
}

/// How broadly paying accounts use the core features.
public struct AdoptionSummary: Hashable, Sendable, Codable {
    public var accounts: Int
    /// Mean share of core features used (0–1).
    public var averageShare: Double?
    /// Accounts by how many core features they used.
    public var featuresUsed: [String: Int]

    init(used: [Int], featureCount: Int) {
        accounts = used.count
        averageShare = used.isEmpty || featureCount == 0 ? nil : used.reduce(0) { $0 + Double($1) / Double(featureCount) } / Double(used.count)
        featuresUsed = Dictionary(grouping: used, by: { String($0) }).mapValues(\.count)
    }
}

/// Activity in one period.
public struct ActivityPeriod: Sendable, Codable {
    public var period: String
    /// Accounts with the engagement event in the period.
    public var engagedAccounts: Int
    /// Accounts paying at the end of the period.
    public var payingAccounts: Int
    public var tickets: Int
    public var ticketsByPriority: [String: Int]
}

extension CustomerSuccessReport {
    /// Builds the report from SQL aggregations and the snapshot's revenue ledger.
    public static func load(from store: any Store, snapshot: MetricsSnapshot, range: ReportRange,
                            breakdown: Breakdown?) async throws -> CustomerSuccessReport {
        let from = range.from, to = range.to
        let column: AccountColumn? = switch breakdown {
        case .segment: .segment
        case .industry: .industry
        case .csm: .owner
        case .plan, nil: nil
        }
        let npsCounts = try await store.surveyScoreCounts(.nps, from: from, to: to, groupedBy: column)
        let csatCounts = try await store.surveyScoreCounts(.csat, from: from, to: to, groupedBy: column)
        let cesCounts = try await store.surveyScoreCounts(.ces, from: from, to: to, groupedBy: nil)
        let product = snapshot.product
        var reached: [String: Date]?
        if let milestone = product.firstValue { reached = try await store.milestoneReached(milestone) }
        let adoptionEnd = min(to, snapshot.asOf)
        let used = try await store.featuresUsed(product.coreFeatures, from: adoptionEnd.adding(days: -30), to: adoptionEnd)
        let periods = range.periods(snapshot.policy.calendar)
        let engaged = try await store.engagedAccounts(event: product.engagementEvent, in: periods)
        let tickets = try await store.ticketCounts(in: periods)
        let paying = Set(snapshot.ledger.payingAccounts(at: ReportingPeriod(label: "", start: adoptionEnd, end: adoptionEnd)).map(\.accountID))

        func merged(_ counts: [String: [Int: Int]]) -> [Int: Int] {
            counts.values.reduce(into: [:]) { total, group in total.merge(group, uniquingKeysWith: +) }
        }
        func timeToValue(_ members: Set<String>?) -> TimeToValueSummary? {
            guard let reached else { return nil }
            let signups = snapshot.accounts.values.filter {
                $0.createdAt >= from && $0.createdAt < to && (members?.contains($0.id) ?? true)
            }
            let days = signups.compactMap { account in
                reached[account.id].map { max(0, $0.timeIntervalSince(UTCCalendar.startOfDay(account.createdAt)) / 86_400) }
            }
            return TimeToValueSummary(days: days, accounts: signups.count)
        }
        func adoption(_ members: Set<String>?) -> AdoptionSummary? {
            guard !product.coreFeatures.isEmpty else { return nil }
            // In id order: a set's order changes between runs, and with it the last bit of the average.
            let accounts = paying.filter { members?.contains($0) ?? true }.sorted()
            return AdoptionSummary(used: accounts.map { used[$0] ?? 0 }, featureCount: product.coreFeatures.count)
        }

        var report = CustomerSuccessReport(
            from: from, to: to, breakdown: breakdown,
            nps: NPSSummary(scoreCounts: merged(npsCounts)),
            csat: ScoreSummary(scoreCounts: merged(csatCounts), satisfiedAtLeast: 4),
            ces: ScoreSummary(scoreCounts: merged(cesCounts), satisfiedAtLeast: nil),
            timeToFirstValue: timeToValue(nil), adoption: adoption(nil),
            periods: periods.map { period in
                let byPriority = tickets[period.label] ?? [:]
                return ActivityPeriod(
                    period: period.label, engagedAccounts: engaged[period.label] ?? 0,
                    payingAccounts: snapshot.ledger.payingAccounts(at: period).count,
                    tickets: byPriority.values.reduce(0, +),
                    ticketsByPriority: Dictionary(uniqueKeysWithValues: byPriority.map { ($0.key.rawValue, $0.value) }))
            })
        if let breakdown {
            var groups: [String: GroupFigures] = [:]
            for (name, members) in snapshot.groups(by: breakdown) {
                let key = name == Breakdown.noValue ? "" : name
                groups[name] = GroupFigures(
                    nps: NPSSummary(scoreCounts: column == nil ? [:] : npsCounts[key] ?? [:]),
                    csat: ScoreSummary(scoreCounts: column == nil ? [:] : csatCounts[key] ?? [:], satisfiedAtLeast: 4),
                    timeToFirstValue: timeToValue(members), adoption: adoption(members))
            }
            report.groups = groups
        }
        return report
    }
}

/// A CSM's book of business: the paying accounts they own and how their revenue held up.
public struct CSMBook: Sendable, Codable {
    public var csmID: String
    public var name: String?
    /// Accounts owned (paying or not) and paying now.
    public var accounts: Int
    public var payingAccounts: Int
    public var mrr: Int64
    public var arr: Int64
    /// Retention of the book's accounts paying twelve months ago, over those twelve months.
    public var trailing12mNRR: Double?
    public var trailing12mGRR: Double?
    /// Mean current health score (0–100) of the book's scored accounts, and how many are red.
    public var averageHealth: Double?
    public var redAccounts: Int
}

extension MetricsSnapshot {
    /// Every CSM's book, largest MRR first; accounts without an owner are grouped under `(none)`.
    /// `health` holds the accounts' current scores.
    public func books(names: [String: String], health: [String: CurrentHealth]) -> [CSMBook] {
        let now = ReportingPeriod(label: "", start: asOf, end: asOf.addingTimeInterval(0.001))
        let yearAgo = policy.calendar.date(byAdding: .month, value: -12, to: asOf)!
        return groups(by: .csm).map { owner, members in
            let paying = ledger.payingAccounts(at: now, accounts: members)
            let revenue = members.compactMap { ledger.accounts[$0] }
            let retention = ledger.cohortRetention(from: yearAgo, to: now.end, accounts: revenue)
            let mrr = paying.reduce(0) { $0 + $1.amount }
            let scored = members.compactMap { health[$0] }
            return CSMBook(csmID: owner, name: names[owner], accounts: members.count, payingAccounts: paying.count, mrr: mrr,
                           arr: mrr * 12, trailing12mNRR: retention.netRevenueRetention,
                           trailing12mGRR: retention.grossRevenueRetention,
                           averageHealth: scored.isEmpty ? nil : scored.map(\.score).reduce(0, +) / Double(scored.count),
                           redAccounts: scored.filter { $0.colour == .red }.count)
        }.sorted { ($0.mrr, $1.csmID) > ($1.mrr, $0.csmID) }
    }
}
