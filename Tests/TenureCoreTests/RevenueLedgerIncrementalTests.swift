import Foundation
import Testing
@testable import TenureCore

/// Recomputing a few accounts gives the same ledger as recomputing them all.
@Suite("Revenue ledger, incremental update")
struct RevenueLedgerIncrementalTests {
    typealias Fixture = RevenueLedgerTests

    static let months = ReportingPeriod.covering(from: Fixture.at(1, 1), to: Fixture.at(12, 31), interval: .month,
                                                  calendar: UTCCalendar.calendar)
    static let euroRate = MetricsPolicy(exchangeRates: ExchangeRates(partsPerBillion: ["EUR": 1_100_000_000]))

    /// Everything a caller can read of the two ledgers is the same.
    func expectSame(_ updated: RevenueLedger, _ full: RevenueLedger, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(Set(updated.accounts.keys) == Set(full.accounts.keys), sourceLocation: sourceLocation)
        #expect(updated.unconverted == full.unconverted, sourceLocation: sourceLocation)
        for (accountID, expected) in full.accounts {
            guard let account = updated.accounts[accountID] else { continue }
            #expect(account.accountID == accountID, sourceLocation: sourceLocation)
            #expect(account.steps.map { "\($0.at.timeIntervalSince1970) \($0.mrr)" }
                == expected.steps.map { "\($0.at.timeIntervalSince1970) \($0.mrr)" }, sourceLocation: sourceLocation)
            #expect(Array(account.movements) == Array(expected.movements), sourceLocation: sourceLocation)
            #expect(Array(account.history) == Array(expected.history), sourceLocation: sourceLocation)
            for month in Self.months {
                #expect(account.mrr(before: month.end) == expected.mrr(before: month.end), sourceLocation: sourceLocation)
                #expect(Array(account.movements(from: month.start, to: month.end))
                    == Array(expected.movements(from: month.start, to: month.end)), sourceLocation: sourceLocation)
            }
        }
        #expect(updated.movements == full.movements, sourceLocation: sourceLocation)
        #expect(updated.report(Self.months) == full.report(Self.months), sourceLocation: sourceLocation)
        let some = Set(full.accounts.keys.sorted().prefix(5))
        #expect(updated.report(Self.months, accounts: some) == full.report(Self.months, accounts: some), sourceLocation: sourceLocation)
        #expect(updated.cohorts(Self.months) == full.cohorts(Self.months), sourceLocation: sourceLocation)
        for month in Self.months {
            #expect(updated.mrr(before: month.start) == full.mrr(before: month.start), sourceLocation: sourceLocation)
        }
    }

    @Test("an added change, a removed account, a new account and a newly convertible one, computed by hand")
    func handComputed() {
        let before = [
            Fixture.change("a1", "a", at: Fixture.at(1, 10), quantity: 1),
            Fixture.change("b1", "b", at: Fixture.at(1, 12), quantity: 2),
            Fixture.change("b1", "b", at: Fixture.at(3, 2), quantity: 2, status: .canceled, endedAt: Fixture.at(3, 2)),
            Fixture.change("e1", "e", at: Fixture.at(1, 3), quantity: 1, price: "euro", currency: .eur),
        ]
        let ledger = Fixture.ledger(before)
        #expect(ledger.unconverted == ["e": .eur])
        #expect(ledger.report(Self.months)[1].mrrEnd == 30_000)

        // a expands to 3 seats on 5 February; b's history is withdrawn; c starts on 2 April; e is now billed in dollars.
        let changed = [
            Fixture.change("a1", "a", at: Fixture.at(1, 10), quantity: 1),
            Fixture.change("a1", "a", at: Fixture.at(2, 5), quantity: 3),
            Fixture.change("c1", "c", at: Fixture.at(4, 2), quantity: 1),
            Fixture.change("e1", "e", at: Fixture.at(1, 3), quantity: 2),
        ]
        let updated = ledger.updating(accounts: ["a", "b", "e"], with: changed)
        #expect(updated.unconverted.isEmpty)
        #expect(Set(updated.accounts.keys) == ["a", "c", "e"])
        #expect(updated.accounts["a"]?.movements.map { "\($0.kind.rawValue) \($0.amount)" } == ["new 10000", "expansion 20000"])
        #expect(updated.accounts["a"]?.history.map(\.state.items[0].quantity) == [1, 3])
        #expect(updated.movements.map { "\($0.accountID) \($0.kind.rawValue) \($0.amount)" }
            == ["e new 20000", "a new 10000", "a expansion 20000", "c new 10000"])
        // January 10,000 (a) + 20,000 (e); February a is 30,000; April c joins with 10,000.
        #expect(updated.report(Self.months).prefix(5).map(\.mrrEnd) == [30_000, 50_000, 50_000, 60_000, 60_000])
        #expect(updated.mrr(before: Fixture.at(12, 31)) == 60_000)
        #expect(updated.liveSubscriptions(of: "a", at: Fixture.at(3, 1)).map(\.items[0].quantity) == [3])
        // The ledger updated from is unchanged.
        #expect(Set(ledger.accounts.keys) == ["a", "b"])
        #expect(ledger.accounts["a"]?.movements.count == 1)
        expectSame(updated, Fixture.ledger(changed))
    }

    /// A random history of one account: one to three subscriptions of a few changes each, in
    /// dollars, euros (which have a rate) or pounds (which have none).
    static func history(of account: String, _ rng: inout SeededGenerator) -> [SubscriptionChange] {
        var changes: [SubscriptionChange] = []
        let currency = rng.pick([(Currency.usd, 8.0), (.eur, 1), (.gbp, 1)])
        for subscription in 0..<rng.int(in: 1...3) {
            var instant = Fixture.at(1, 1).adding(days: Double(rng.int(in: 0...200)) + rng.unit())
            for _ in 0..<rng.int(in: 1...8) {
                let status = rng.pick([(SubscriptionStatus.active, 5.0), (.trialing, 1), (.pastDue, 1), (.paused, 1), (.canceled, 1)])
                let discount = rng.chance(0.3) ? Discount(couponID: "R", percentOff: Double(rng.int(in: 5...60)), duration: .repeating,
                                                          durationInMonths: 2, start: instant, end: instant.adding(days: Double(rng.int(in: 1...90)))) : nil
                changes.append(Fixture.change(
                    "\(account)_s\(subscription)", account, at: instant, quantity: Int64(rng.int(in: 0...9)),
                    price: currency == .eur ? "euro" : rng.pick(["seat", "annual"]), status: status, currency: currency,
                    discount: discount, endedAt: status == .canceled ? instant : nil,
                    cancelAt: rng.chance(0.1) ? instant.adding(days: Double(rng.int(in: 1...60))) : nil))
                instant = instant.adding(days: Double(rng.int(in: 0...40)) + rng.unit())
            }
        }
        return changes
    }

    @Test("random histories: updating added, modified and removed accounts equals recomputing every account", arguments: 1...12)
    func randomUpdates(seed: Int) {
        var rng = SeededGenerator(seed: UInt64(seed))
        let policy = rng.pick([Self.euroRate, MetricsPolicy(grouping: .hour, exchangeRates: Self.euroRate.exchangeRates),
                               MetricsPolicy(grouping: .instant, exchangeRates: Self.euroRate.exchangeRates)])
        let asOf = Fixture.at(11, 1)
        var byAccount = Dictionary(uniqueKeysWithValues: (0..<40).map { ("acct\($0)", Self.history(of: "acct\($0)", &rng)) })
        // Interleave the accounts' changes, keeping each account's own order.
        func list(_ histories: [String: [SubscriptionChange]]) -> [SubscriptionChange] {
            histories.keys.sorted().flatMap { histories[$0]! }.sorted { $0.effectiveAt < $1.effectiveAt }
        }
        var ledger = RevenueLedger(changes: list(byAccount), prices: Fixture.prices, policy: policy, asOf: asOf)
        for _ in 0..<3 {
            var touched: Set<String> = []
            for accountID in byAccount.keys.sorted() where rng.chance(0.15) {
                touched.insert(accountID)
                if rng.chance(0.3) {
                    byAccount[accountID] = nil
                } else if rng.chance(0.5) {
                    byAccount[accountID] = Self.history(of: accountID, &rng)
                } else {
                    var more = byAccount[accountID]!
                    let last = more.last!
                    more.append(SubscriptionChange(effectiveAt: last.effectiveAt.adding(days: Double(rng.int(in: 0...30))), state: last.state))
                    more[more.count - 1].state.items[0].quantity += 1
                    byAccount[accountID] = more
                }
            }
            for number in 0..<rng.int(in: 0...4) {
                let accountID = "new\(touched.count)_\(number)_\(rng.int(in: 0...1_000_000))"
                touched.insert(accountID)
                byAccount[accountID] = Self.history(of: accountID, &rng)
            }
            let changes = list(byAccount.filter { touched.contains($0.key) })
            ledger = ledger.updating(accounts: touched, with: changes)
            expectSame(ledger, RevenueLedger(changes: list(byAccount), prices: Fixture.prices, policy: policy, asOf: asOf))
        }
    }

    @Test("updating every account, twice, equals recomputing them")
    func updatingEverything() {
        var rng = SeededGenerator(seed: 99)
        let histories = (0..<10).flatMap { Self.history(of: "acct\($0)", &rng) }
        let ledger = RevenueLedger(changes: histories, prices: Fixture.prices, policy: Self.euroRate, asOf: Fixture.at(11, 1))
        let everyone = Set(ledger.accounts.keys).union(ledger.unconverted.keys)
        let once = ledger.updating(accounts: everyone, with: histories)
        expectSame(once, ledger)
        let emptied = once.updating(accounts: everyone, with: [])
        #expect(emptied.accounts.isEmpty && emptied.unconverted.isEmpty)
        #expect(emptied.report(Self.months).allSatisfy { $0.mrrEnd == 0 && $0.movements == MovementTotals() })
        expectSame(emptied.updating(accounts: [], with: histories), ledger)
    }
}
