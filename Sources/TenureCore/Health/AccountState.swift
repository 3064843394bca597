import Foundation

/// What is known about one account at a cut-off: its activity (usage,
/// tickets, answers, payments, touchpoints) and its billing state then —
/// what health scores and churn models read. Every field reads only facts
/// dated before the cut-off.
public struct AccountState: Hashable, Sendable {
    public var accountID: String
    public var cutoff: Date
    public var segment: String?
    public var activity: AccountActivity
    /// MRR at the cut-off, in minor units of the reporting currency.
    public var mrr: Int64
    /// Digits of the reporting currency's minor unit (2 for USD).
    public var minorUnitDigits: Int
    /// When the account first paid, if it had by the cut-off.
    public var firstPaidAt: Date?
    /// Longest billing period of its live subscriptions, in months (1 monthly, 12 annual; 0 when shorter than a month).
    public var billingMonths: Int
    /// When a scheduled cancellation takes effect, if one was scheduled at the cut-off.
    public var cancellationScheduledAt: Date?
    /// Whether a live subscription was past due at the cut-off.
    public var pastDue: Bool
    /// Whether a discount applied at the cut-off.
    public var discountActive: Bool
    /// How many core features the product configuration lists, and whether it sets a first-value milestone.
    public var coreFeatureCount: Int
    public var hasMilestone: Bool

    public init(accountID: String, cutoff: Date, segment: String?, activity: AccountActivity, mrr: Int64, minorUnitDigits: Int = 2,
                firstPaidAt: Date?, billingMonths: Int, cancellationScheduledAt: Date? = nil, pastDue: Bool = false,
                discountActive: Bool = false, coreFeatureCount: Int, hasMilestone: Bool) {
        self.accountID = accountID
        self.cutoff = cutoff
        self.segment = segment
        self.activity = activity
        self.mrr = mrr
        self.minorUnitDigits = minorUnitDigits
        self.firstPaidAt = firstPaidAt
        self.billingMonths = billingMonths
        self.cancellationScheduledAt = cancellationScheduledAt
        self.pastDue = pastDue
        self.discountActive = discountActive
        self.coreFeatureCount = coreFeatureCount
        self.hasMilestone = hasMilestone
    }

    /// The health signals of the subject at its cut-off.
    public var signals: SignalValues {
        SignalValues(activity, asOf: cutoff, coreFeatureCount: coreFeatureCount, hasMilestone: hasMilestone)
    }
}
