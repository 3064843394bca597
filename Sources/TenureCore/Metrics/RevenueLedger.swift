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
    public private(set) var asOf: Date
    /// The MRR rules and prices the ledger was computed with.
    public let calculator: MRRCalculator
    public private(set) var accounts: [String: AccountRevenue] = [:]
    /// Accounts left out because one of their currencies has no exchange rate.
    public private(set) var unconverted: [String: Currency] = [:]
    /// Where the accounts' figures are stored, and the slots in each of accounts since recomputed elsewhere.
    private var storages: [RevenueStorage] = []
    private var replaced: [ObjectIdentifier: Set<Int>] = [:]

    /// Builds the ledger, spreading the accounts over the machine's cores. `changes` may come in any order.
    public init(changes: [SubscriptionChange], prices: [Price], policy: MetricsPolicy, asOf: Date) {
        self.policy = policy
        self.asOf = asOf
        calculator = MRRCalculator(prices: Dictionary(prices.map { ($0.id, $0) }) { first, _ in first }, policy: policy.mrr)
        add(changes)
    }

    /// The ledger with every account in `accountIDs` or among `changes` recomputed from `changes` alone,
    /// which must hold all of those accounts' changes (an account left with none disappears); every
    /// other account is kept as it is. Equal to a full recompute over the other accounts' changes and
    /// `changes`, for the cost of the accounts named.
    ///
    /// A later `asOf` reads the named accounts up to it and becomes the ledger's; the other accounts keep
    /// what they were read up to, so a change only time makes (a coupon ending) between the two instants
    /// shows in them at the next full recompute.
    public func updating(accounts accountIDs: Set<String>, with changes: [SubscriptionChange], asOf: Date? = nil) -> RevenueLedger {
        var ledger = self
        if let asOf, asOf > ledger.asOf { ledger.asOf = asOf }
        for accountID in accountIDs.union(changes.lazy.map(\.state.accountID)) {
            ledger.unconverted[accountID] = nil
            guard let old = ledger.accounts.removeValue(forKey: accountID) else { continue }
            let storage = ObjectIdentifier(old.storage)
            ledger.replaced[storage, default: []].insert(old.slot)
            if ledger.replaced[storage]?.count == old.storage.count {
                ledger.replaced[storage] = nil
                ledger.storages.removeAll { $0 === old.storage }
            }
        }
        ledger.add(changes)
        return ledger
    }

    /// Sums over every account, made by `add` into parts that `start` gives: the storages are shared out
    /// among the cores, and each is walked in memory order (faster than walking `accounts`).
    func partialSums<Part: Sendable>(start: @Sendable () -> Part, _ add: @Sendable (inout Part, AccountRevenue) -> Void) -> [Part] {
        let storages = storages, replaced = replaced
        return Self.inChunks(of: storages.count, grain: 1) { range in
            var part = start()
            for storage in storages[range] {
                let gone = replaced[ObjectIdentifier(storage)] ?? []
                for slot in 0..<storage.count where gone.isEmpty || !gone.contains(slot) {
                    add(&part, AccountRevenue(storage: storage, slot: slot))
                }
            }
            return part
        }
    }

    /// Computes the accounts of `changes` (none of them in the ledger yet) and adds them.
    private mutating func add(_ changes: [SubscriptionChange]) {
        let groups = AccountGroups(changes, upTo: asOf)
        let builder = AccountRevenueBuilder(calculator: calculator, windows: WindowCalendar(policy: policy), policy: policy, asOf: asOf)
        let built = Self.inChunks(of: groups.accountIDs.count) { range in
            var builder = builder
            return builder.revenues(of: range.lazy.map { (groups.accountIDs[$0], groups.positions(of: $0)) },
                                    changes: groups.changeCount(of: range), in: changes)
        }
        storages += built.lazy.map(\.storage).filter { $0.count > 0 }
        for (accountID, currency) in built.lazy.flatMap(\.unconverted) { unconverted[accountID] = currency }
        if accounts.isEmpty && groups.allKept && built.allSatisfy(\.unconverted.isEmpty) {
            // The groups' table already holds every account id, numbered in the storages' order: reuse its hashes.
            let firsts = built.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1.storage.count) }
            accounts = groups.numbers.mapValues { group in
                var part = 0
                while firsts[part + 1] <= group { part += 1 }
                return AccountRevenue(storage: built[part].storage, slot: group - firsts[part])
            }
        } else {
            for storage in built.map(\.storage) {
                for slot in 0..<storage.count { accounts[storage.accountIDs[slot]] = AccountRevenue(storage: storage, slot: slot) }
            }
        }
    }

    /// `part` of consecutive ranges of `0..<count`, at least `grain` long, computed in parallel chunks, in order.
    private static func inChunks<Part: Sendable>(of count: Int, grain: Int = 2_000, _ part: @Sendable (Range<Int>) -> Part) -> [Part] {
        let chunks = max(1, min(count / grain, ProcessInfo.processInfo.activeProcessorCount * 4))
        guard chunks > 1 else { return [part(0..<count)] }
        let parts = ChunkResults<Part>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            parts.store(part((count * chunk / chunks)..<(count * (chunk + 1) / chunks)), at: chunk)
        }
        return parts.all
    }

    /// An account's subscription changes by subscription id, each list in time order.
    public func history(of accountID: String) -> [String: [SubscriptionChange]] {
        guard let account = accounts[accountID] else { return [:] }
        return Dictionary(grouping: account.history, by: \.state.id)
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

/// Subscription changes grouped by account without copying them: each account's positions in the
/// list, in list order, leaving out changes after as-of.
struct AccountGroups: Sendable {
    /// Account ids by group number, in order of first appearance, and group numbers by account id.
    private(set) var accountIDs: [String] = []
    private(set) var numbers: [String: Int] = [:]
    /// Whether every group has a change at or before as-of.
    private(set) var allKept = true
    /// Group `g`'s positions are `positions[offsets[g]..<offsets[g + 1]]`.
    private var offsets: [Int] = []
    private var positions: [Int32] = []

    init(_ changes: [SubscriptionChange], upTo asOf: Date) {
        // Changes usually arrive in runs per account: compare ids along the list, and hash once per run.
        var runStarts: [Int] = [], keptInRun: [Int] = []
        var previous: String?
        for index in changes.indices {
            if changes[index].state.accountID != previous {
                previous = changes[index].state.accountID
                runStarts.append(index)
                keptInRun.append(0)
            }
            if changes[index].effectiveAt <= asOf { keptInRun[keptInRun.count - 1] += 1 }
        }
        runStarts.append(changes.count)
        let runs = runStarts.count - 1
        if runs <= changes.count / 2 { numbers.reserveCapacity(runs) }
        var runGroups: [Int] = []
        runGroups.reserveCapacity(runs)
        var sizes: [Int] = []
        for run in 0..<runs {
            let accountID = changes[runStarts[run]].state.accountID
            let group = Self.claim(&numbers[accountID, default: -1], accountIDs.count)
            if group == accountIDs.count {
                accountIDs.append(accountID)
                sizes.append(0)
            }
            runGroups.append(group)
            sizes[group] += keptInRun[run]
        }
        allKept = !sizes.contains(0)
        offsets.reserveCapacity(sizes.count + 1)
        offsets.append(0)
        for size in sizes { offsets.append(offsets[offsets.count - 1] + size) }
        var next = Array(offsets.dropLast())
        positions = [Int32](repeating: 0, count: offsets[offsets.count - 1])
        for run in 0..<runs {
            let all = keptInRun[run] == runStarts[run + 1] - runStarts[run]
            for index in runStarts[run]..<runStarts[run + 1] where all || changes[index].effectiveAt <= asOf {
                positions[next[runGroups[run]]] = Int32(index)
                next[runGroups[run]] += 1
            }
        }
    }

    /// The number in `slot`, after giving it `next` if it had none (-1): one hash to find or add an account.
    private static func claim(_ slot: inout Int, _ next: Int) -> Int {
        if slot < 0 { slot = next }
        return slot
    }

    func positions(of group: Int) -> ArraySlice<Int32> {
        positions[offsets[group]..<offsets[group + 1]]
    }

    /// The number of changes of the groups in `groups`.
    func changeCount(of groups: Range<Int>) -> Int {
        offsets[groups.upperBound] - offsets[groups.lowerBound]
    }
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
private final class ChunkResults<Part: Sendable>: Sendable {
    private let parts: Mutex<[Part?]>

    init(count: Int) { parts = Mutex(Array(repeating: nil, count: count)) }

    func store(_ part: Part, at index: Int) {
        parts.withLock { $0[index] = part }
    }

    var all: [Part] { parts.withLock { $0.map { $0! } } }
}
