import Foundation

/// Every account's MRR history and movements, computed from subscription
/// changes: the single source all revenue metrics are read from.
///
/// For each account it evaluates MRR (in the reporting currency) at every
/// instant where it can change — each recorded change, and each coupon start
/// or end and scheduled cancellation — nets the values within each grouping
/// window, and records a movement wherever the value differs from the
/// previous window's. Because each movement is the difference of two values
/// of one series, `MRR_end = MRR_start + Σ movements` holds exactly for any
/// period made of whole windows.
public struct RevenueLedger: Sendable {
    public let policy: MetricsPolicy
    /// When the history is read up to; nothing after it counts.
    public let asOf: Date
    /// The MRR rules and prices the ledger was computed with.
    public let calculator: MRRCalculator
    /// Each account's history, by account id.
    public private(set) var accounts: [String: AccountRevenue] = [:]
    /// Accounts left out because one of their currencies has no exchange rate.
    public private(set) var unconverted: [String: Currency] = [:]

    /// Builds the ledger. `changes` may come in any order.
    public init(changes: [SubscriptionChange], prices: [Price], policy: MetricsPolicy, asOf: Date) {
        self.policy = policy
        self.asOf = asOf
        let calculator = MRRCalculator(prices: Dictionary(prices.map { ($0.id, $0) }) { first, _ in first }, policy: policy.mrr)
        self.calculator = calculator
        let windows = WindowCalendar(policy: policy)
        let byAccount = Dictionary(grouping: changes.filter { $0.effectiveAt <= asOf }, by: \.state.accountID)
        for (accountID, accountChanges) in byAccount {
            if let currency = accountChanges.map(\.state.currency).first(where: {
                policy.exchangeRates.convert(0, from: $0, to: policy.reportingCurrency) == nil
            }) {
                unconverted[accountID] = currency
                continue
            }
            accounts[accountID] = AccountRevenue(
                accountID: accountID, changes: accountChanges, calculator: calculator, windows: windows, policy: policy, asOf: asOf)
        }
    }

    /// All movements of all accounts, in time order.
    public var movements: [MRRMovement] {
        accounts.values.flatMap(\.movements).sorted { ($0.at, $0.accountID) < ($1.at, $1.accountID) }
    }

    /// Total MRR just before `instant`: the sum of every account's MRR after all windows that start before it.
    public func mrr(before instant: Date, accounts filter: Set<String>? = nil) -> Int64 {
        accounts.values.reduce(0) { total, account in
            guard filter?.contains(account.accountID) ?? true else { return total }
            return total + account.mrr(before: instant)
        }
    }
}

/// One account's MRR over time and the movements between.
public struct AccountRevenue: Sendable {
    public let accountID: String
    /// Window starts at which the MRR changed, with the MRR from then on.
    public private(set) var steps: [(at: Date, mrr: Int64)] = []
    public private(set) var movements: [MRRMovement] = []
    /// The account's subscription changes, by subscription id then time (for explanations).
    public let changes: [String: [SubscriptionChange]]

    init(accountID: String, changes: [SubscriptionChange], calculator: MRRCalculator, windows: WindowCalendar,
         policy: MetricsPolicy, asOf: Date) {
        self.accountID = accountID
        let bySubscription = Dictionary(grouping: changes, by: \.state.id).mapValues { $0.sorted { $0.effectiveAt < $1.effectiveAt } }
        self.changes = bySubscription
        var instants = Set<Date>()
        for history in bySubscription.values {
            for change in history {
                instants.insert(change.effectiveAt)
                for instant in calculator.implicitChanges(of: change.state) where instant > change.effectiveAt {
                    instants.insert(instant)
                }
            }
        }
        var previous: Int64 = 0
        var paidBefore = false
        var pendingWindow: Date?
        var pendingValue: Int64 = 0
        func close(_ window: Date, _ value: Int64) {
            guard value != previous else { return }
            if let kind = MRRMovement.Kind.classify(before: previous, after: value, paidBefore: paidBefore) {
                movements.append(MRRMovement(accountID: accountID, kind: kind, at: window, mrrBefore: previous, mrrAfter: value))
            }
            steps.append((window, value))
            if value > 0 { paidBefore = true }
            previous = value
        }
        for instant in instants.sorted() where instant <= asOf {
            var value: Int64 = 0
            for history in bySubscription.values {
                guard let state = Self.state(in: history, at: instant) else { continue }
                let amount = calculator.monthlyAmount(of: state, at: instant)
                value += policy.exchangeRates.convert(amount, from: state.currency, to: policy.reportingCurrency) ?? 0
            }
            let window = windows.windowStart(of: instant)
            if let open = pendingWindow, open != window { close(open, pendingValue) }
            pendingWindow = window
            pendingValue = value
        }
        if let open = pendingWindow { close(open, pendingValue) }
    }

    /// The state of a subscription in effect at `instant`: its last change at or before it.
    static func state(in history: [SubscriptionChange], at instant: Date) -> Subscription? {
        var low = 0, high = history.count
        while low < high {
            let middle = (low + high) / 2
            if history[middle].effectiveAt <= instant { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : history[low - 1].state
    }

    /// MRR after every window that starts before `instant`.
    public func mrr(before instant: Date) -> Int64 {
        var low = 0, high = steps.count
        while low < high {
            let middle = (low + high) / 2
            if steps[middle].at < instant { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? 0 : steps[low - 1].mrr
    }

    /// Movements whose window starts in `[start, end)`.
    public func movements(from start: Date, to end: Date) -> ArraySlice<MRRMovement> {
        let first = movements.firstIndex { $0.at >= start } ?? movements.count
        let last = movements[first...].firstIndex { $0.at >= end } ?? movements.count
        return movements[first..<last]
    }

    /// When the account first paid, if ever.
    public var firstPaidAt: Date? { movements.first { $0.kind == .new }?.at }
}

/// Maps instants to the start of their grouping window in the reporting time zone.
struct WindowCalendar: Sendable {
    let grouping: MetricsPolicy.Grouping
    let timeZone: TimeZone
    let calendar: Calendar

    init(policy: MetricsPolicy) {
        grouping = policy.grouping
        calendar = policy.calendar
        timeZone = calendar.timeZone
    }

    /// The end of the window that starts at `start`.
    func windowEnd(startingAt start: Date) -> Date {
        switch grouping {
        case .instant: start.addingTimeInterval(0.001)
        case .hour: start.addingTimeInterval(3_600)
        case .day: calendar.date(byAdding: .day, value: 1, to: start)!
        }
    }

    func windowStart(of instant: Date) -> Date {
        let seconds = instant.timeIntervalSince1970
        switch grouping {
        case .instant: return instant
        case .hour: return Date(timeIntervalSince1970: (seconds / 3_600).rounded(.down) * 3_600)
        case .day:
            let offset = Double(timeZone.secondsFromGMT(for: instant))
            return Date(timeIntervalSince1970: ((seconds + offset) / 86_400).rounded(.down) * 86_400 - offset)
        }
    }
}
