import Foundation

/// What the store knows about one account's activity at a cut-off: counts
/// and instants read from facts dated before the cut-off only. It is the raw
/// material of the health signals (see ``SignalValues``).
public struct AccountActivity: Hashable, Sendable {
    public var accountID: String
    /// When the account was created.
    public var createdAt: Date
    /// Engagement events in the 30 days before the cut-off.
    public var engagementLast30Days: Int64 = 0
    /// Engagement events 30–60 and 60–90 days before the cut-off (for trends).
    public var engagementPrevious30Days: Int64 = 0
    public var engagement60To90Days: Int64 = 0
    /// Engagement events in the first 30 days after the account's first one (before the cut-off).
    public var engagementFirst30Days: Int64 = 0
    /// The day of the account's first engagement event before the cut-off.
    public var firstEngagementAt: Date?
    /// The account's last tracked event of any kind before the cut-off.
    public var lastActivityAt: Date?
    /// Most users of the engagement event on one day (rollup) in the last 30 days.
    public var peakActiveUsers: Int64 = 0
    /// Distinct core features used in the last 30 days.
    public var coreFeaturesUsed: Int = 0
    /// Core-feature events in the last 30 days.
    public var coreEventsLast30Days: Int64 = 0
    /// When the first-value milestone was reached, if it was before the cut-off.
    public var firstValueAt: Date?
    public var ticketsLast60Days: Int = 0
    /// The latest NPS answer of the last 365 days.
    public var latestNPS: Int?
    /// Mean CSAT answer of the last 90 days.
    public var averageCSAT: Double?
    public var failedPaymentsLast90Days: Int = 0
    /// Whether a touchpoint of the last 180 days had an executive sponsor present.
    public var executiveSponsorSeen: Bool = false
    public var qbrsLast180Days: Int = 0
    /// Seats paid for by live per-seat subscriptions at the cut-off (0 when none are per seat).
    public var seats: Int64 = 0
    /// The earliest upcoming renewal of a live subscription at the cut-off.
    public var nextRenewal: Date?

    public init(accountID: String, createdAt: Date) {
        self.accountID = accountID
        self.createdAt = createdAt
    }
}

/// The raw value of each signal for one account; signals without data are absent.
public struct SignalValues: Hashable, Sendable {
    public var values: [HealthSignal: Double]

    public init(_ values: [HealthSignal: Double]) { self.values = values }

    public subscript(signal: HealthSignal) -> Double? { values[signal] }

    /// The signals of `activity` as of `cutoff`. `coreFeatureCount` is how many
    /// core features the product configuration lists; `hasMilestone` whether it
    /// configures a first-value milestone.
    public init(_ activity: AccountActivity, asOf cutoff: Date, coreFeatureCount: Int, hasMilestone: Bool) {
        var values: [HealthSignal: Double] = [:]
        let days = { (date: Date) in max(0, cutoff.timeIntervalSince(date) / 86_400).rounded(.down) }
        values[.loginTrend] = activity.firstEngagementAt == nil
            ? 0 : Double(activity.engagementLast30Days + 1) / Double(activity.engagementFirst30Days + 1)
        values[.engagement30Days] = Double(activity.engagementLast30Days)
        values[.daysSinceLastActivity] = days(activity.lastActivityAt.map { min($0, cutoff) } ?? activity.createdAt)
        if coreFeatureCount > 0 {
            values[.coreFeatureShare] = Double(min(activity.coreFeaturesUsed, coreFeatureCount)) / Double(coreFeatureCount)
        }
        values[.coreIntensity] = activity.peakActiveUsers > 0
            ? Double(activity.coreEventsLast30Days) / Double(activity.peakActiveUsers) : 0
        if activity.seats > 0 { values[.activeSeatShare] = Double(activity.peakActiveUsers) / Double(activity.seats) }
        if hasMilestone { values[.firstValueReached] = activity.firstValueAt == nil ? 0 : 1 }
        values[.tickets60Days] = Double(activity.ticketsLast60Days)
        values[.latestNPS] = activity.latestNPS.map(Double.init)
        values[.csat90Days] = activity.averageCSAT
        values[.failedPayments90Days] = Double(activity.failedPaymentsLast90Days)
        values[.daysToRenewal] = activity.nextRenewal.map { max(0, $0.timeIntervalSince(cutoff) / 86_400).rounded(.up) }
        values[.executiveSponsor] = activity.executiveSponsorSeen ? 1 : 0
        values[.qbrs180Days] = Double(activity.qbrsLast180Days)
        self.values = values
    }
}
