import Foundation
import TenureCore

/// Which accounts the dashboard's table shows: filters, a search term, a sort
/// (including owner and next renewal, which the API's ``AccountQuery`` lacks)
/// and a page window. Every part runs in SQL.
public struct AccountListQuery: Sendable, Hashable {
    public var segment: String?
    /// Owner CSM id; ``AccountQuery/unowned`` for accounts with no owner.
    public var ownerID: String?
    public var lifecycleStage: LifecycleStage?
    /// Case-insensitive substring of the name or the domain.
    public var search: String?
    public var sort: Sort
    public var descending: Bool
    public var limit: Int
    public var offset: Int

    /// Makes a query; the defaults list the largest accounts first, 50 to a page.
    public init(segment: String? = nil, ownerID: String? = nil, lifecycleStage: LifecycleStage? = nil, search: String? = nil,
                sort: Sort = .mrr, descending: Bool = true, limit: Int = 50, offset: Int = 0) {
        self.segment = segment
        self.ownerID = ownerID
        self.lifecycleStage = lifecycleStage
        self.search = search
        self.sort = sort
        self.descending = descending
        self.limit = limit
        self.offset = offset
    }

    /// Columns the table can be sorted by.
    public enum Sort: String, Sendable, Hashable, CaseIterable {
        case name, segment, owner, mrr
        /// The next end of a live subscription's current period.
        case renewal
    }
}

/// One row of the dashboard's accounts table.
public struct AccountListRow: Sendable, Hashable {
    public var summary: AccountSummary
    /// The soonest end of a live (active, trialing or past-due) subscription's current period.
    public var renewsAt: Date?

    /// Makes a row.
    public init(summary: AccountSummary, renewsAt: Date?) {
        self.summary = summary
        self.renewsAt = renewsAt
    }
}

/// Which subscriptions come up for renewal: current periods ending in
/// `[from, to)`, optionally only those billed quarterly or less often.
public struct RenewalQuery: Sendable, Hashable {
    public var from: Date
    public var to: Date
    public var segment: String?
    /// Owner CSM id; ``AccountQuery/unowned`` for accounts with no owner.
    public var ownerID: String?
    /// Only subscriptions with a price billed every three months or less often (annual and quarterly contracts).
    public var contractsOnly: Bool
    /// Only subscriptions with a warning sign in the billing facts: past due, a scheduled
    /// cancellation, or an open or uncollectible invoice on the account.
    public var warningsOnly: Bool
    /// Largest account MRR first instead of soonest renewal first.
    public var largestFirst: Bool
    public var limit: Int
    public var offset: Int

    /// Makes a query over `[from, to)`.
    public init(from: Date, to: Date, segment: String? = nil, ownerID: String? = nil, contractsOnly: Bool = false,
                warningsOnly: Bool = false, largestFirst: Bool = false, limit: Int = 50, offset: Int = 0) {
        self.from = from
        self.to = to
        self.segment = segment
        self.ownerID = ownerID
        self.contractsOnly = contractsOnly
        self.warningsOnly = warningsOnly
        self.largestFirst = largestFirst
        self.limit = limit
        self.offset = offset
    }
}

/// A subscription coming up for renewal with its account's name, segment and owner.
public struct RenewalRow: Sendable, Hashable {
    public var subscription: Subscription
    public var accountName: String
    public var segment: String?
    public var ownerID: String?
    /// The account's MRR now (minor units of its currency).
    public var accountMRR: Int64
    /// Whether the account has an open or uncollectible invoice (money owed now).
    public var hasUnpaidInvoice: Bool

    /// Makes a row.
    public init(subscription: Subscription, accountName: String, segment: String?, ownerID: String?, accountMRR: Int64,
                hasUnpaidInvoice: Bool) {
        self.subscription = subscription
        self.accountMRR = accountMRR
        self.accountName = accountName
        self.segment = segment
        self.ownerID = ownerID
        self.hasUnpaidInvoice = hasUnpaidInvoice
    }
}

/// Everything recorded about one account, newest first, each list cut at a
/// limit: the material of the account page's timeline.
public struct AccountRecords: Sendable, Hashable {
    public var contacts: [Contact] = []
    /// Every change of the account's subscriptions (with items), oldest first.
    public var subscriptionChanges: [SubscriptionChange] = []
    public var invoices: [Invoice] = []
    public var paymentAttempts: [PaymentAttempt] = []
    public var tickets: [Ticket] = []
    public var surveyResponses: [SurveyResponse] = []
    public var touchpoints: [Touchpoint] = []
    public var tasks: [SuccessTask] = []

    /// No records yet.
    public init() {}
}

/// One day of an account's product usage: events and the most distinct users of any one event.
public struct UsageDay: Sendable, Hashable {
    public var day: Date
    public var events: Int64
    public var users: Int64

    /// Makes a day's usage.
    public init(day: Date, events: Int64, users: Int64) {
        self.day = day
        self.events = events
        self.users = users
    }
}
