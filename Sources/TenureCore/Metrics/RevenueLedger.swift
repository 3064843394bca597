import Foundation
import Synchronization

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
    public private(set) var accounts: [String: AccountRevenue] = [:]
    /// Accounts left out because one of their currencies has no exchange rate.
    public private(set) var unconverted: [String: Currency] = [:]
    /// The subscription changes read (those at or before `asOf`), which accounts' histories index into.
    public let changes: [SubscriptionChange]

    /// Builds the ledger, spreading the accounts over the machine's cores. `changes` may come in any order.
    public init(changes: [SubscriptionChange], prices: [Price], policy: MetricsPolicy, asOf: Date) {
        self.policy = policy
        self.asOf = asOf
        let kept = changes.allSatisfy { $0.effectiveAt <= asOf } ? changes : changes.filter { $0.effectiveAt <= asOf }
        self.changes = kept
        let calculator = MRRCalculator(prices: Dictionary(prices.map { ($0.id, $0) }) { first, _ in first }, policy: policy.mrr)
        self.calculator = calculator
        let windows = WindowCalendar(policy: policy)
        var positions: [String: Int] = [:]
        var groups: [(accountID: String, indexes: [Int])] = []
        var currentID: String?
        var current = -1
        for index in kept.indices {
            let accountID = kept[index].state.accountID
            if accountID != currentID {
                // Changes usually arrive in runs per account or subscription: hash only when the run changes.
                currentID = accountID
                if let position = positions[accountID] {
                    current = position
                } else {
                    current = groups.count
                    positions[accountID] = current
                    groups.append((accountID, []))
                }
            }
            groups[current].indexes.append(index)
        }
        var convertible: [(accountID: String, indexes: [Int])] = []
        for group in groups {
            if let currency = group.indexes.lazy.map({ kept[$0].state.currency }).first(where: {
                policy.exchangeRates.convert(0, from: $0, to: policy.reportingCurrency) == nil
            }) {
                unconverted[group.accountID] = currency
            } else {
                convertible.append(group)
            }
        }
        let built = Self.build(convertible) { group in
            AccountRevenue(accountID: group.accountID, indexes: group.indexes, changes: kept, calculator: calculator,
                           windows: windows, policy: policy, asOf: asOf)
        }
        accounts = Dictionary(uniqueKeysWithValues: built.map { ($0.accountID, $0) })
    }

    /// `transform` of every element, computed in parallel chunks.
    private static func build<Element: Sendable, Result: Sendable>(
        _ elements: [Element], _ transform: @Sendable (Element) -> Result
    ) -> [Result] {
        let chunks = max(1, min(elements.count / 2_000, ProcessInfo.processInfo.activeProcessorCount * 4))
        guard chunks > 1 else { return elements.map(transform) }
        let parts = ChunkResults<Result>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = (elements.count * chunk / chunks)..<(elements.count * (chunk + 1) / chunks)
            parts.store(elements[range].map(transform), at: chunk)
        }
        return parts.joined
    }

    /// An account's subscription changes by subscription id, each list in time order.
    public func history(of accountID: String) -> [String: [SubscriptionChange]] {
        guard let account = accounts[accountID] else { return [:] }
        return Dictionary(grouping: account.history.map { changes[$0] }, by: \.state.id)
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
    /// Positions in the ledger's `changes` of this account's changes, grouped by
    /// subscription (in id order), each group in time order.
    public let history: [Int]

    init(accountID: String, indexes: [Int], changes all: [SubscriptionChange], calculator: MRRCalculator,
         windows: WindowCalendar, policy: MetricsPolicy, asOf: Date) {
        self.accountID = accountID
        let keys = indexes.map { (id: all[$0].state.id, at: all[$0].effectiveAt, index: $0) }
        self.history = keys.sorted { $0.id == $1.id ? $0.at < $1.at : $0.id < $1.id }.map(\.index)
        let history = self.history
        var lastPrice: Price?
        let schedules = history.map { index in
            calculator.schedule(of: all[index].state) { id in
                if let lastPrice, lastPrice.id == id { return lastPrice }
                lastPrice = calculator.prices[id]
                return lastPrice
            }
        }
        var instants: [Date] = []
        instants.reserveCapacity(history.count * 2)
        var starts: [Int] = []
        for index in history.indices {
            if index == 0 || all[history[index]].state.id != all[history[index - 1]].state.id { starts.append(index) }
            let effective = all[history[index]].effectiveAt
            instants.append(effective)
            for implied in [schedules[index].discountStart, schedules[index].discountEnd, schedules[index].endsAt] {
                if let implied, implied > effective { instants.append(implied) }
            }
        }
        instants.sort()
        let ends = Array(starts.dropFirst()) + [history.count]
        // One cursor per subscription: the last change at or before the current instant.
        var cursors = starts.map { $0 - 1 }
        let reporting = policy.reportingCurrency
        var previous: Int64 = 0
        var paidBefore = false
        var pendingWindow: Date?
        var pendingValue: Int64 = 0
        var lastInstant: Date?
        for instant in instants where instant <= asOf && instant != lastInstant {
            lastInstant = instant
            var value: Int64 = 0
            for slot in cursors.indices {
                while cursors[slot] + 1 < ends[slot] && all[history[cursors[slot] + 1]].effectiveAt <= instant { cursors[slot] += 1 }
                let index = cursors[slot]
                guard index >= starts[slot] else { continue }
                let amount = schedules[index].amount(at: instant)
                let currency = all[history[index]].state.currency
                value += currency == reporting ? amount : policy.exchangeRates.convert(amount, from: currency, to: reporting) ?? 0
            }
            let window = windows.windowStart(of: instant)
            if let open = pendingWindow, open != window {
                record(open, pendingValue, previous: &previous, paidBefore: &paidBefore)
            }
            pendingWindow = window
            pendingValue = value
        }
        if let open = pendingWindow { record(open, pendingValue, previous: &previous, paidBefore: &paidBefore) }
    }

    private mutating func record(_ window: Date, _ value: Int64, previous: inout Int64, paidBefore: inout Bool) {
        guard value != previous else { return }
        if let kind = MRRMovement.Kind.classify(before: previous, after: value, paidBefore: paidBefore) {
            movements.append(MRRMovement(accountID: accountID, kind: kind, at: window, mrrBefore: previous, mrrAfter: value))
        }
        steps.append((window, value))
        if value > 0 { paidBefore = true }
        previous = value
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
        func firstIndex(atOrAfter instant: Date) -> Int {
            var low = 0, high = movements.count
            while low < high {
                let middle = (low + high) / 2
                if movements[middle].at < instant { low = middle + 1 } else { high = middle }
            }
            return low
        }
        let first = firstIndex(atOrAfter: start)
        return movements[first..<max(first, firstIndex(atOrAfter: end))]
    }

    /// When the account first paid, if ever.
    public var firstPaidAt: Date? { movements.first { $0.kind == .new }?.at }
}

/// Maps instants to the start of their grouping window in the reporting time zone.
struct WindowCalendar: Sendable {
    let grouping: MetricsPolicy.Grouping
    let timeZone: TimeZone
    let calendar: Calendar

    /// The zone's offset when it never changes (UTC and fixed zones): no per-instant lookup.
    let fixedOffset: Double?

    init(policy: MetricsPolicy) {
        grouping = policy.grouping
        calendar = policy.calendar
        timeZone = calendar.timeZone
        fixedOffset = timeZone.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: 0)) == nil
            ? Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: 0))) : nil
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
            let offset = fixedOffset ?? Double(timeZone.secondsFromGMT(for: instant))
            return Date(timeIntervalSince1970: ((seconds + offset) / 86_400).rounded(.down) * 86_400 - offset)
        }
    }
}

/// Results of parallel chunks, each stored under a mutex by the chunk that computed it.
private final class ChunkResults<Result: Sendable>: Sendable {
    private let parts: Mutex<[[Result]]>

    init(count: Int) { parts = Mutex(Array(repeating: [], count: count)) }

    func store(_ part: [Result], at index: Int) {
        parts.withLock { $0[index] = part }
    }

    var joined: [Result] { parts.withLock { $0.flatMap { $0 } } }
}
