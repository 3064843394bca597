import Foundation

/// One account's MRR over time and the movements between.
public struct AccountRevenue: Sendable {
    public let accountID: String
    /// The arrays of the accounts computed together, and the account's place in them.
    let storage: RevenueStorage
    let slot: Int

    /// Window starts at which the MRR changed, with the MRR from then on (a slice: indices start at `startIndex`).
    public var steps: ArraySlice<(at: Date, mrr: Int64)> { storage.steps[stepRange] }
    /// The account's movements in time order (a slice: indices start at `startIndex`).
    public var movements: ArraySlice<MRRMovement> { storage.movements[movementRange] }

    /// The account's subscription changes up to the ledger's as-of, grouped by
    /// subscription (in id order), each group in time order.
    public var history: some RandomAccessCollection<SubscriptionChange> {
        storage.positions[storage.historyStarts[slot]..<storage.historyStarts[slot + 1]].lazy.map { [source = storage.source] in
            source[Int($0)]
        }
    }

    private var stepRange: Range<Int> { storage.stepStarts[slot]..<storage.stepStarts[slot + 1] }
    private var movementRange: Range<Int> { storage.movementStarts[slot]..<storage.movementStarts[slot + 1] }

    init(storage: RevenueStorage, slot: Int) {
        accountID = storage.accountIDs[slot]
        self.storage = storage
        self.slot = slot
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
        let steps = storage.steps
        var low = stepRange.lowerBound, high = stepRange.upperBound
        while low < high {
            let middle = (low + high) / 2
            if steps[middle].at < instant { low = middle + 1 } else { high = middle }
        }
        return low == stepRange.lowerBound ? 0 : steps[low - 1].mrr
    }

    /// Movements whose window starts in `[start, end)`.
    public func movements(from start: Date, to end: Date) -> ArraySlice<MRRMovement> {
        let movements = storage.movements
        func firstIndex(atOrAfter instant: Date) -> Int {
            var low = movementRange.lowerBound, high = movementRange.upperBound
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

/// The arrays of accounts computed together, each account's revenue being a range of each:
/// a few large allocations instead of several per account, laid out in the order they are computed.
final class RevenueStorage: Sendable {
    /// The list the accounts' changes were read from.
    let source: [SubscriptionChange]
    let accountIDs: [String]
    /// Slot `s`'s changes (positions in `source`, in history order), steps and movements are at `starts[s]..<starts[s + 1]`.
    let positions: [Int32]
    let historyStarts: [Int]
    let steps: [(at: Date, mrr: Int64)]
    let stepStarts: [Int]
    let movements: [MRRMovement]
    let movementStarts: [Int]

    init(source: [SubscriptionChange], accountIDs: [String], positions: [Int32], historyStarts: [Int],
         steps: [(at: Date, mrr: Int64)], stepStarts: [Int], movements: [MRRMovement], movementStarts: [Int]) {
        self.source = source
        self.accountIDs = accountIDs
        self.positions = positions
        self.historyStarts = historyStarts
        self.steps = steps
        self.stepStarts = stepStarts
        self.movements = movements
        self.movementStarts = movementStarts
    }

    /// The accounts held.
    var count: Int { accountIDs.count }
}

/// Computes accounts' revenue (as ``RevenueLedger`` describes) one after another, reusing its working buffers.
struct AccountRevenueBuilder {
    let calculator: MRRCalculator
    let windows: WindowCalendar
    let policy: MetricsPolicy
    let asOf: Date
    /// Every price's terms by price id.
    private let terms: [String: PriceTerms]
    /// The account's changes in history order: subscription id, effective instant, position in the source list.
    private var keys: [(id: String, at: Date, position: Int32)] = []
    /// Each change's MRR schedule, in the reporting currency, in history order.
    private var schedules: [MRRSchedule] = []
    /// History offsets where each subscription's changes start, and one cursor per subscription.
    private var starts: [Int] = []
    private var cursors: [Int] = []
    private var instants: [Date] = []
    /// The arrays being filled for the storage of the accounts computed together.
    private var positions: [Int32] = []
    private var steps: [(at: Date, mrr: Int64)] = []
    private var movements: [MRRMovement] = []

    init(calculator: MRRCalculator, windows: WindowCalendar, policy: MetricsPolicy, asOf: Date) {
        self.calculator = calculator
        self.windows = windows
        self.policy = policy
        self.asOf = asOf
        terms = calculator.prices.mapValues(PriceTerms.init)
    }

    /// The revenue of each of `accounts` with changes, whose `count` changes (all at or before as-of)
    /// are at the positions given in `source`, in one storage; and the accounts left out, each with
    /// its first currency that has no exchange rate.
    mutating func revenues(of accounts: some Collection<(accountID: String, positions: ArraySlice<Int32>)>, changes count: Int,
                           in source: [SubscriptionChange]) -> (storage: RevenueStorage, unconverted: [(String, Currency)]) {
        // Most changes make one step and one movement; reserving that much spares the arrays' regrowth.
        positions.reserveCapacity(count)
        steps.reserveCapacity(count)
        movements.reserveCapacity(count)
        var accountIDs: [String] = []
        accountIDs.reserveCapacity(accounts.count)
        var unconverted: [(String, Currency)] = []
        var historyStarts = [0], stepStarts = [0], movementStarts = [0]
        source.withUnsafeBufferPointer { changes in
            for (accountID, accountPositions) in accounts where !accountPositions.isEmpty {
                if let currency = unconvertible(accountPositions, of: changes) {
                    unconverted.append((accountID, currency))
                    continue
                }
                order(accountPositions, of: changes)
                readSchedules(of: changes)
                sweep(accountID)
                positions.append(contentsOf: keys.lazy.map(\.position))
                accountIDs.append(accountID)
                historyStarts.append(positions.count)
                stepStarts.append(steps.count)
                movementStarts.append(movements.count)
            }
        }
        defer { (positions, steps, movements) = ([], [], []) }
        let storage = RevenueStorage(source: source, accountIDs: accountIDs, positions: positions, historyStarts: historyStarts,
                                     steps: steps, stepStarts: stepStarts, movements: movements, movementStarts: movementStarts)
        return (storage, unconverted)
    }

    /// The first currency, in list order, of the changes at `positions` that has no rate into the reporting currency.
    private func unconvertible(_ positions: ArraySlice<Int32>, of changes: UnsafeBufferPointer<SubscriptionChange>) -> Currency? {
        let reporting = policy.reportingCurrency
        for position in positions where changes[Int(position)].state.currency != reporting {
            let currency = changes[Int(position)].state.currency
            if policy.exchangeRates.convert(0, from: currency, to: reporting) == nil { return currency }
        }
        return nil
    }

    /// Fills `keys` in history order: by subscription id, then time (a stable sort, skipped when already in order).
    private mutating func order(_ positions: ArraySlice<Int32>, of changes: UnsafeBufferPointer<SubscriptionChange>) {
        keys.removeAll(keepingCapacity: true)
        var sorted = true
        for position in positions {
            let key = (id: changes[Int(position)].state.id, at: changes[Int(position)].effectiveAt, position: position)
            if let last = keys.last, Self.precedes(key, last) { sorted = false }
            keys.append(key)
        }
        if !sorted { keys.sort(by: Self.precedes) }
    }

    private static func precedes(_ first: (id: String, at: Date, position: Int32), _ second: (id: String, at: Date, position: Int32)) -> Bool {
        first.id == second.id ? first.at < second.at : first.id < second.id
    }

    /// Fills `schedules` (amounts converted to the reporting currency), `starts` and the change instants of `instants`.
    private mutating func readSchedules(of changes: UnsafeBufferPointer<SubscriptionChange>) {
        schedules.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        instants.removeAll(keepingCapacity: true)
        let reporting = policy.reportingCurrency
        let terms = terms
        // The price looked up last: consecutive changes of a subscription usually share it.
        var last: (priceID: String, terms: PriceTerms?)?
        for index in keys.indices {
            if index == 0 || keys[index].id != keys[index - 1].id { starts.append(index) }
            let position = Int(keys[index].position)
            var schedule = calculator.schedule(of: changes[position].state) { priceID in
                if let last, last.priceID == priceID { return last.terms }
                last = (priceID, terms[priceID])
                return last?.terms
            }
            let currency = changes[position].state.currency
            if currency != reporting {
                // Conversion is per amount, so converting both amounts up front equals converting the one in effect.
                schedule.full = policy.exchangeRates.convert(schedule.full, from: currency, to: reporting) ?? 0
                schedule.discounted = policy.exchangeRates.convert(schedule.discounted, from: currency, to: reporting) ?? 0
            }
            schedules.append(schedule)
            let effective = keys[index].at
            instants.append(effective)
            if let start = schedule.discountStart, start > effective { instants.append(start) }
            if let end = schedule.discountEnd, end > effective { instants.append(end) }
            if let end = schedule.endsAt, end > effective { instants.append(end) }
        }
        instants.sort()
    }

    /// Evaluates the account's MRR at each instant, nets it per window and appends to `steps` and `movements`.
    private mutating func sweep(_ accountID: String) {
        // One cursor per subscription: the last change at or before the current instant.
        cursors.removeAll(keepingCapacity: true)
        for start in starts { cursors.append(start - 1) }
        var previous: Int64 = 0
        var paidBefore = false
        var pendingWindow: Date?
        var pendingValue: Int64 = 0
        var lastInstant: Date?
        for instant in instants where instant <= asOf && instant != lastInstant {
            lastInstant = instant
            var value: Int64 = 0
            for slot in cursors.indices {
                let end = slot + 1 < starts.count ? starts[slot + 1] : keys.count
                while cursors[slot] + 1 < end && keys[cursors[slot] + 1].at <= instant { cursors[slot] += 1 }
                guard cursors[slot] >= starts[slot] else { continue }
                value += schedules[cursors[slot]].amount(at: instant)
            }
            let window = windows.windowStart(of: instant)
            if let open = pendingWindow, open != window {
                record(accountID, open, pendingValue, previous: &previous, paidBefore: &paidBefore)
            }
            pendingWindow = window
            pendingValue = value
        }
        if let open = pendingWindow { record(accountID, open, pendingValue, previous: &previous, paidBefore: &paidBefore) }
    }

    private mutating func record(_ accountID: String, _ window: Date, _ value: Int64, previous: inout Int64, paidBefore: inout Bool) {
        guard value != previous else { return }
        if let kind = MRRMovement.Kind.classify(before: previous, after: value, paidBefore: paidBefore) {
            movements.append(MRRMovement(accountID: accountID, kind: kind, at: window, mrrBefore: previous, mrrAfter: value))
        }
        steps.append((window, value))
        if value > 0 { paidBefore = true }
        previous = value
    }
}
