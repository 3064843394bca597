import Foundation
import TenureCore
import TenureStore

/// Account 360: who the customer is, what they pay and since when, how their
/// MRR and usage moved, everything that happened to them (billing, usage,
/// tickets, surveys, touchpoints, tasks), their people, the work on them (open
/// tasks, playbook runs, touchpoints) and — once computed — their health and churn risk.
public struct AccountPage: Sendable {
    public var account: Account
    /// MRR now (sum of the subscriptions' MRR, as the API's account detail reports it).
    public var mrr: Int64
    public var ownerName: String?
    public var firstPaidAt: Date?
    public var renewsAt: Date?
    public var subscriptions: [SubscriptionLine]
    /// Month labels and the account's MRR at each month's end (reporting currency).
    public var mrrMonths: [String]
    public var mrrHistory: [Double]
    public var reportingCurrency: Currency
    /// Events per week, oldest first, with each week's first day.
    public var weeklyUsage: [(week: Date, events: Int64)]
    /// Most used events in the last 30 days.
    public var topEvents: [(event: String, count: Int64)]
    public var timeline: [TimelineEntry]
    public var contacts: [Contact]
    /// The latest touchpoints, newest first.
    public var touchpoints: [Touchpoint]
    public var health: AccountHealthSection?
    public var risk: AccountRiskSection?
    public var now: Date
    /// Open tasks, playbook runs and the forms that act on them (``AccountWork/load(store:account:user:query:now:)``).
    var work: AccountWork?

    /// A subscription as the page lists it.
    public struct SubscriptionLine: Sendable, Hashable {
        public var id: String
        public var status: SubscriptionStatus
        /// Plan names with quantities, e.g. "Growth monthly × 12".
        public var plan: String
        public var mrr: Money
        public var startedAt: Date
        public var currentPeriodEnd: Date
        public var cancelAt: Date?
        public var discount: String?
    }

    /// One thing that happened to the account.
    public struct TimelineEntry: Sendable, Hashable {
        /// What kind of fact it is.
        public enum Kind: String, Sendable, CaseIterable {
            case billing, invoice, payment, ticket, survey, touchpoint, task
        }
        public var at: Date
        public var kind: Kind
        public var title: String
        public var detail: String?
        /// Whether it is bad news (a failed payment, an urgent ticket, a detractor).
        public var warning: Bool
    }

    /// Weeks of usage shown.
    public static let usageWeeks = 26
    /// Timeline entries shown.
    public static let timelineLength = 80
    /// Touchpoints listed.
    public static let touchpointCount = 10

    /// Builds the page from loaded facts: the detail (with MRR now), its activity, usage, the account's
    /// revenue history (from the metrics snapshot) and the optional health and risk sections.
    public static func build(detail: (summary: AccountSummary, subscriptions: [(subscription: Subscription, mrr: Money)]),
                             activity: AccountRecords, usage: [UsageDay], events: [String: Int64], prices: [String: Price],
                             productNames: [String: String], csms: [String: String], revenue: AccountRevenue?,
                             months: [ReportingPeriod], reportingCurrency: Currency, health: AccountHealthSection?,
                             risk: AccountRiskSection?, now: Date) -> AccountPage {
        let account = detail.summary.account
        let lines = detail.subscriptions.map { subscription, mrr in
            SubscriptionLine(
                id: subscription.id, status: subscription.status,
                plan: subscription.items.map { item in
                    let price = prices[item.priceID]
                    let name = price?.nickname ?? price.flatMap { productNames[$0.productID] } ?? item.priceID
                    return item.quantity == 1 ? name : "\(name) × \(item.quantity)"
                }.joined(separator: ", "),
                mrr: mrr, startedAt: subscription.startedAt, currentPeriodEnd: subscription.currentPeriodEnd,
                cancelAt: subscription.cancelAt,
                discount: subscription.discount.map { discount in
                    let size = discount.percentOff.map { "\(HTML.number($0))% off" }
                        ?? discount.amountOff.map { "\(Format.exactMoney($0.amount, $0.currency)) off" } ?? "discount"
                    return "\(discount.couponID): \(size)\(discount.end.map { " until \(Format.day($0))" } ?? "")"
                })
        }
        let live: Set<SubscriptionStatus> = [.active, .trialing, .pastDue]
        let renewsAt = detail.subscriptions.map(\.subscription).filter { live.contains($0.status) && $0.endedAt == nil }
            .map(\.currentPeriodEnd).min()
        // Weekly usage: 7-day buckets ending today.
        let today = UTCCalendar.startOfDay(now)
        let firstWeek = today.adding(days: Double(-7 * (usageWeeks - 1) - 6))
        var weeks = (0..<usageWeeks).map { (week: firstWeek.adding(days: Double(7 * $0)), events: Int64(0)) }
        for day in usage {
            let index = Int(day.day.timeIntervalSince(firstWeek) / (7 * 86_400))
            if weeks.indices.contains(index) { weeks[index].events += day.events }
        }
        return AccountPage(
            account: account, mrr: detail.summary.mrr, ownerName: account.ownerID.map { csms[$0] ?? $0 },
            firstPaidAt: revenue?.firstPaidAt, renewsAt: renewsAt, subscriptions: lines,
            mrrMonths: months.map(\.label), mrrHistory: months.map { Double(revenue?.mrr(before: $0.end) ?? 0) },
            reportingCurrency: reportingCurrency, weeklyUsage: weeks,
            topEvents: events.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(6).map { ($0.key, $0.value) },
            timeline: timeline(activity, csms: csms), contacts: activity.contacts,
            touchpoints: Array(activity.touchpoints.prefix(touchpointCount)),
            health: health, risk: risk, now: now)
    }

    /// Every fact of `activity` as a timeline entry, newest first.
    static func timeline(_ activity: AccountRecords, csms: [String: String]) -> [TimelineEntry] {
        var entries: [TimelineEntry] = []
        var previous: [String: Subscription] = [:]
        for change in activity.subscriptionChanges {
            let before = previous[change.state.id]
            previous[change.state.id] = change.state
            entries.append(TimelineEntry(
                at: change.effectiveAt, kind: .billing, title: "Subscription \(change.state.id)",
                detail: RevenueLedger.describe(from: before, to: change.state),
                warning: change.state.status == .canceled || change.state.status == .pastDue || (before?.cancelAt == nil && change.state.cancelAt != nil)))
        }
        for invoice in activity.invoices {
            entries.append(TimelineEntry(
                at: invoice.createdAt, kind: .invoice,
                title: "Invoice \(Format.exactMoney(invoice.total, invoice.currency)) \(invoice.status.rawValue)",
                detail: "for \(Format.day(invoice.periodStart)) to \(Format.day(invoice.periodEnd))\(invoice.paidAt.map { ", paid \(Format.day($0))" } ?? "")",
                warning: invoice.status == .open || invoice.status == .uncollectible))
        }
        for attempt in activity.paymentAttempts {
            entries.append(TimelineEntry(
                at: attempt.attemptedAt, kind: .payment,
                title: "Payment of \(Format.exactMoney(attempt.amount.amount, attempt.amount.currency)) \(attempt.succeeded ? "succeeded" : "failed")",
                detail: attempt.failureCode.map { "decline code: \($0)" }, warning: !attempt.succeeded))
        }
        for ticket in activity.tickets {
            entries.append(TimelineEntry(
                at: ticket.openedAt, kind: .ticket, title: ticket.subject,
                detail: "\(ticket.priority.rawValue) priority, \(ticket.status.rawValue)\(ticket.category.map { ", \($0)" } ?? "")\(ticket.resolvedAt.map { ", resolved \(Format.day($0))" } ?? "")",
                warning: ticket.priority >= .high && ticket.status != .solved && ticket.status != .closed))
        }
        for answer in activity.surveyResponses {
            entries.append(TimelineEntry(
                at: answer.respondedAt, kind: .survey, title: "\(answer.kind.rawValue.uppercased()) \(answer.score)",
                detail: answer.comment, warning: answer.kind == .nps && answer.score <= 6))
        }
        for touchpoint in activity.touchpoints {
            let who = touchpoint.csmID.map { csms[$0] ?? $0 }
            entries.append(TimelineEntry(
                at: touchpoint.occurredAt, kind: .touchpoint,
                title: "\(touchpoint.kind == .qbr ? "QBR" : touchpoint.kind.rawValue.capitalized): \(touchpoint.summary)",
                detail: [who.map { "with \($0)" }, touchpoint.executiveSponsorPresent ? "executive sponsor present" : nil]
                    .compactMap { $0 }.joined(separator: ", "),
                warning: false))
        }
        for task in activity.tasks {
            entries.append(TimelineEntry(
                at: task.createdAt, kind: .task, title: "Task: \(task.title)",
                detail: "\(Format.words(task.status.rawValue)), \(task.priority.rawValue) priority\(task.dueAt.map { ", due \(Format.day($0))" } ?? "")",
                warning: false))
        }
        return Array(entries.sorted { ($0.at, $0.kind.rawValue) > ($1.at, $1.kind.rawValue) }.prefix(timelineLength))
    }
}

/// Account 360's work: the account's open tasks and its playbook runs, with the forms that act on them.
struct AccountWork: Sendable {
    var tasks: [TaskRow]
    var runs: [PlaybookRun]
    /// `nil` for people who may not change anything.
    var forms: TaskForms?
    var notice: String?

    /// Runs listed.
    static let runLimit = 20

    static func load(store: any Store, account: Account, user: DashboardUser, query: [String: String], now: Date) async throws -> AccountWork {
        async let tasks = store.tasks(TaskQuery(accountID: account.id, limit: 100))
        async let runs = store.runs(RunQuery(accountID: account.id, limit: runLimit))
        async let forms = TaskForms.load(store: store, user: user, returnTo: Layout.accountPath(account.id), now: now)
        async let notice = TaskNoticeText.load(store: store, query: query)
        return AccountWork(tasks: try await tasks.items, runs: try await runs.items, forms: try await forms, notice: try await notice)
    }
}
