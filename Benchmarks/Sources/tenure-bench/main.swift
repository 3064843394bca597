import Foundation
import TenureCore

// tenure-bench: the Swift half of Benchmarks/metrics_vs_duckdb.py (and, in ModelBenchmarks.swift,
// of Benchmarks/models_vs_python.py).
//
//   tenure-bench metrics --accounts 100000 --changes 1000000 --out DIR [--runs 3]
//
// Synthesises a subscription history (deterministic), writes it to DIR as CSV
// for the peer, times the full metric recompute (revenue ledger: every
// account's MRR series and movements, then 24 monthly periods) on the rows
// in memory, and prints JSON: the median time and the monthly movement totals.

struct Options {
    var accounts = 100_000
    var changes = 1_000_000
    var out = "bench-data"
    var runs = 3

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst(2).makeIterator()
        while let flag = iterator.next() {
            guard let value = iterator.next() else { break }
            switch flag {
            case "--accounts": accounts = Int(value) ?? accounts
            case "--changes": changes = Int(value) ?? changes
            case "--out": out = value
            case "--runs": runs = Int(value) ?? runs
            default: FileHandle.standardError.write(Data("unknown flag \(flag)\n".utf8)); exit(2)
            }
        }
    }
}

switch CommandLine.arguments.dropFirst().first {
case "metrics":
    break
case let mode? where mode == "logistic" || mode == "cox":
    try ModelBenchmark.run(mode, CommandLine.arguments.dropFirst(2))
    exit(0)
default:
    FileHandle.standardError.write(Data("""
        usage: tenure-bench metrics [--accounts N] [--changes N] [--out DIR] [--runs N]
               tenure-bench logistic [--rows N] [--columns N] [--c C] [--seed S] [--runs N] [--out DIR]
               tenure-bench cox [--rows N] [--seed S] [--runs N] [--out DIR]

        """.utf8))
    exit(2)
}
let options = Options(CommandLine.arguments)
let start = UTCCalendar.date(2024, 11, 1)
let asOf = UTCCalendar.date(2027, 1, 1)
let prices = DemoCatalog.prices

/// Changes per account follow the demo's shapes: sign-up, seat and plan changes,
/// dunning, a forever coupon for some, cancellations, and new subscriptions after them.
func synthesise() -> [SubscriptionChange] {
    var rng = SeededGenerator(seed: 2026)
    var changes: [SubscriptionChange] = []
    changes.reserveCapacity(options.changes + options.accounts)
    let perAccount = Double(options.changes) / Double(options.accounts)
    for account in 0..<options.accounts {
        let accountID = "acct_\(account)"
        var remaining = max(1, Int((perAccount * (0.5 + rng.unit())).rounded()))
        var subscriptionNumber = 0
        var instant = start.adding(days: Double(rng.int(in: 0...400)) + rng.unit())
        var price = rng.pick(prices)
        var quantity: Int64 = 1
        var discount: Discount?
        var status = SubscriptionStatus.canceled
        while remaining > 0 {
            if status == .canceled {
                subscriptionNumber += 1
                price = rng.pick(prices)
                quantity = Int64(rng.int(in: 1...40))
                discount = rng.chance(0.2)
                    ? Discount(couponID: "C", percentOff: rng.pick([10.0, 12.5, 20, 25]), duration: .forever, start: instant) : nil
                status = .active
            } else {
                switch rng.int(in: 0...19) {
                case 0...11: quantity = max(1, quantity + Int64(rng.int(in: -5...8)))
                case 12...14: price = rng.pick(prices)
                case 15: status = .pastDue
                case 16, 17: status = .active
                default: status = .canceled
                }
            }
            let id = "sub_\(account)_\(subscriptionNumber)"
            changes.append(SubscriptionChange(effectiveAt: instant, state: Subscription(
                id: id, accountID: accountID, status: status,
                items: [SubscriptionItem(id: "\(id)_i", priceID: price.id, quantity: quantity)], currency: .usd,
                startedAt: instant, currentPeriodStart: instant, currentPeriodEnd: instant.adding(days: 30),
                endedAt: status == .canceled ? instant : nil, discount: discount)))
            instant = instant.adding(days: Double(rng.int(in: 1...25)) + rng.unit())
            remaining -= 1
        }
    }
    return changes
}

func writeCSV(_ changes: [SubscriptionChange]) throws {
    try FileManager.default.createDirectory(atPath: options.out, withIntermediateDirectories: true)
    var text = "account_id,subscription_id,effective_at,status,price_id,quantity,percent_off\n"
    text.reserveCapacity(changes.count * 80)
    for change in changes {
        let state = change.state
        let percent = state.discount?.percentOff.map { String($0) } ?? ""
        text += "\(state.accountID),\(state.id),\(Int64((change.effectiveAt.timeIntervalSince1970 * 1000).rounded())),\(state.status.rawValue),\(state.items[0].priceID),\(state.items[0].quantity),\(percent)\n"
    }
    try text.write(toFile: "\(options.out)/changes.csv", atomically: true, encoding: .utf8)
    var priceText = "id,unit_amount,billing_interval,interval_count\n"
    for price in prices { priceText += "\(price.id),\(price.unitAmount),\(price.interval.rawValue),\(price.intervalCount)\n" }
    try priceText.write(toFile: "\(options.out)/prices.csv", atomically: true, encoding: .utf8)
}

let changes = synthesise()
try writeCSV(changes)
let months = ReportingPeriod.covering(from: start, to: asOf.adding(days: -1), interval: .month, calendar: UTCCalendar.calendar)
let clock = ContinuousClock()
var timings: [Double] = []
var report: [RevenuePeriod] = []
for _ in 0..<options.runs {
    let elapsed = clock.measure {
        let ledger = RevenueLedger(changes: changes, prices: prices, policy: .standard, asOf: asOf)
        report = ledger.report(months)
    }
    timings.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}
let output: [String: Any] = [
    "accounts": options.accounts,
    "changes": changes.count,
    "seconds": timings.sorted()[timings.count / 2],
    "all_seconds": timings,
    "months": report.map { period in
        ["month": period.period.label, "new": period.movements.new, "expansion": period.movements.expansion,
         "contraction": period.movements.contraction, "churn": period.movements.churn,
         "reactivation": period.movements.reactivation, "mrr_end": period.mrrEnd] as [String: Any]
    },
]
print(String(decoding: try JSONSerialization.data(withJSONObject: output, options: [.sortedKeys]), as: UTF8.self))
