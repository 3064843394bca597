import Foundation

/// Generates a realistic B2B SaaS customer base, deterministically from a seed.
///
/// Each account is simulated week by week over the 24 months before `asOf`:
/// a latent engagement level (which declines for some accounts) drives logins,
/// feature breadth, seats in use, tickets and survey answers; the churn
/// decision at each renewal is a logistic function of those *observed*
/// signals (login trend, feature breadth, recent tickets, a detractor score,
/// a missed first-value milestone), so downstream models have real signal and
/// the cancellation feedback records the true cause. Failed payments go
/// through dunning and either recover or end in involuntary churn.
///
/// The demo's three playbooks (``DemoPlaybooks``) run through that past as the engine would have run them, with
/// their holdouts: ``batch(forAccounts:)`` gives their runs, step logs and tasks. Accounts enrolled in the red
/// account rescue churn less at the renewals of the next 90 days; the detractor follow-up changes nothing.
///
/// Accounts are independent: `facts(forAccount:)` yields the same facts for an
/// index whatever the batch, so generation streams in constant memory.
public struct DemoGenerator: Sendable {
    public let seed: UInt64
    public let accountCount: Int
    /// End of the simulated history (normally today, at midnight UTC).
    public let asOf: Date
    /// Start of the simulated history, 24 months before `asOf`.
    public let start: Date

    public init(seed: UInt64, accountCount: Int, asOf: Date) {
        self.seed = seed
        self.accountCount = accountCount
        self.asOf = UTCCalendar.startOfDay(asOf)
        self.start = UTCCalendar.adding(months: -24, to: self.asOf)
    }

    /// The CSMs of the demo company: enough for each segment's coverage ratio.
    public var csms: [CSM] {
        DemoSegment.allCases.flatMap { segment in
            (0..<csmCount(for: segment)).map { index in
                var rng = SeededGenerator(seed: seed, stream: 0xC5C5_0000 + UInt64(index) * 8 + UInt64(segment.hashValueStable))
                let first = rng.pick(DemoNames.firstNames), last = rng.pick(DemoNames.lastNames)
                return CSM(
                    id: csmID(segment, index), name: "\(first) \(last)",
                    email: "\(first.lowercased()).\(last.lowercased())\(index)@\(segment.rawValue.replacingOccurrences(of: "_", with: "-")).cs.example.com")
            }
        }
    }

    /// Products and prices, and the CSMs, which accounts refer to.
    public var catalog: (products: [Product], prices: [Price], csms: [CSM]) {
        (DemoCatalog.products, DemoCatalog.prices, csms)
    }

    /// Every fact about the accounts with indexes in `range`, and the demo playbooks' runs in their past.
    public func batch(forAccounts range: Range<Int>) -> DemoBatch {
        var batch = DemoBatch()
        for index in range {
            var simulation = DemoAccountSimulation(generator: self, index: index)
            batch.append(contentsOf: simulation.run())
        }
        return batch
    }

    /// Every fact about the accounts with indexes in `range`.
    public func facts(forAccounts range: Range<Int>) -> FactBatch {
        batch(forAccounts: range).facts
    }

    /// Every fact about account number `index` (0-based).
    public func facts(forAccount index: Int) -> FactBatch {
        batch(forAccounts: index..<index + 1).facts
    }

    func csmCount(for segment: DemoSegment) -> Int {
        guard let ratio = segment.accountsPerCSM else { return 0 }
        let expected = Double(accountCount) * segment.share / Double(ratio)
        return max(1, Int(expected.rounded(.up)))
    }

    func csmID(_ segment: DemoSegment, _ index: Int) -> String {
        "csm_\(segment.rawValue)_\(index + 1)"
    }
}

extension DemoSegment {
    /// A small number unique to the segment, stable across runs (unlike `hashValue`).
    var hashValueStable: Int { DemoSegment.allCases.firstIndex(of: self)! }
}
