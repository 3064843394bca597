import Foundation
import TenureCore
import TenureStore

/// Computes health scores and segments from a store: at any cut-off (for
/// history and backtests) or now (the current scores, with alerts). Reads the
/// active definitions, storing Tenure's defaults as version 1 on first use.
public struct HealthEngine: Sendable {
    public let store: any Store
    /// Accounts a recompute (or prediction) reads, scores and writes at a time: its memory grows with this, not with the book.
    public var accountsPerChunk: Int

    public init(store: any Store, accountsPerChunk: Int = 10_000) {
        self.store = store
        self.accountsPerChunk = accountsPerChunk
    }

    /// Which accounts a cut-off scores.
    public enum Population: Sendable {
        /// Accounts with a live subscription (trialing, active, past due or paused): the current book.
        case live
        /// Accounts paying (MRR above zero): the accounts that can churn, for backtests.
        case paying
    }

    /// A definition with the version it is stored as.
    public struct Versioned<Definition: Sendable>: Sendable {
        public var version: Int
        public var definition: Definition
    }

    /// The active health definition; stores and activates ``HealthDefinition/standard`` when there is none.
    public func activeHealthDefinition(at now: Date) async throws -> Versioned<HealthDefinition> {
        if let stored = try await store.activeDefinition(.health) {
            return Versioned(version: stored.version, definition: try stored.healthDefinition())
        }
        let source = try DefinitionDocument.yaml(HealthDefinition.standard, comment: "Tenure's standard health score (see docs/health.md).")
        let stored = try await store.addDefinition(
            StoredDefinition(kind: .health, name: HealthDefinition.standard.name, format: .yaml, source: source, origin: .builtin,
                             createdAt: now), activate: true)
        return Versioned(version: stored.version, definition: try stored.healthDefinition())
    }

    /// The active segmentation, or `nil` when segments are set by hand (imports, the API).
    public func activeSegmentation() async throws -> Versioned<SegmentationDefinition>? {
        guard let stored = try await store.activeDefinition(.segmentation) else { return nil }
        return Versioned(version: stored.version, definition: try stored.segmentationDefinition())
    }

    /// Facts every cut-off of one run shares, of every account or of a range of them: the ledger and
    /// attributes, the product configuration and when each account reached first value.
    public struct Context: Sendable {
        public let snapshot: MetricsSnapshot
        public let milestones: [String: Date]
        /// The accounts the context holds.
        public let accounts: AccountRange

        /// The same facts, with only `ids` of its accounts read from the store (see ``AccountRange/narrowed(to:)``).
        func narrowed(to ids: some Collection<String>) -> Context {
            Context(snapshot: snapshot, milestones: milestones, accounts: accounts.narrowed(to: ids))
        }

        /// The context of every account.
        public static func load(from store: any Store, asOf: Date) async throws -> Context {
            let snapshot = try await MetricsSnapshot.load(from: store, asOf: asOf)
            return Context(snapshot: snapshot, milestones: try await milestones(of: snapshot.product, from: store), accounts: .all)
        }

        /// When each account reached `product`'s first-value milestone (none when it configures none).
        static func milestones(of product: ProductConfiguration?, from store: any Store) async throws -> [String: Date] {
            guard let firstValue = product?.firstValue else { return [:] }
            return try await store.milestoneReached(firstValue)
        }
    }

    /// The book as of one instant in ranges of accounts, with when each account reached first value: a
    /// recompute or prediction run loads one range's ``Context`` at a time.
    public struct AccountChunks: Sendable {
        public let asOf: Date
        public let ranges: [AccountRange]
        public let policy: MetricsPolicy
        let milestones: [String: Date]

        /// The book as of `asOf` in ranges of `size` accounts.
        public static func load(from store: any Store, asOf: Date, size: Int) async throws -> AccountChunks {
            let policy = try await store.decodedSetting(SettingKey.metricsPolicy, as: MetricsPolicy.self) ?? .standard
            let product = try await store.decodedSetting(SettingKey.productConfiguration, as: ProductConfiguration.self)
            return AccountChunks(asOf: asOf, ranges: try await store.accountRanges(size: size), policy: policy,
                                 milestones: try await Context.milestones(of: product, from: store))
        }

        /// The context of the accounts of `range` as of ``asOf``.
        public func context(_ range: AccountRange, from store: any Store) async throws -> Context {
            Context(snapshot: try await MetricsSnapshot.load(from: store, asOf: asOf, accounts: range), milestones: milestones,
                    accounts: range)
        }
    }

    /// What each account of `population` looked like at `cutoff`, from facts
    /// dated before it: activity from the store, billing state from the ledger.
    /// `segments` overrides the accounts' stored segments. Sorted by account id.
    public func states(at cutoff: Date, population: Population, context: Context,
                       segments: [String: String?] = [:]) async throws -> [AccountState] {
        let snapshot = context.snapshot
        let ledger = snapshot.ledger
        let prices = ledger.calculator.prices
        let activity = try await store.accountActivity(asOf: cutoff, product: snapshot.product, accounts: context.accounts)
        var states: [AccountState] = []
        for (accountID, var facts) in activity {
            let live = ledger.liveSubscriptions(of: accountID, at: cutoff)
            let revenue = ledger.accounts[accountID]
            let mrr = revenue?.mrr(before: cutoff) ?? 0
            switch population {
            case .live: guard !live.isEmpty else { continue }
            case .paying: guard mrr > 0 else { continue }
            }
            facts.seats = live.reduce(0) { $0 + $1.seats(prices: prices) }
            facts.nextRenewal = live.compactMap { $0.nextRenewal(after: cutoff, prices: prices) }.min()
            facts.firstValueAt = context.milestones[accountID].flatMap { $0 < cutoff ? $0 : nil }
            states.append(AccountState(
                accountID: accountID, cutoff: cutoff, segment: segments[accountID] ?? snapshot.accounts[accountID]?.segment,
                activity: facts, mrr: mrr, minorUnitDigits: snapshot.policy.reportingCurrency.minorUnitDigits,
                firstPaidAt: revenue?.firstPaidAt.flatMap { $0 < cutoff ? $0 : nil },
                billingMonths: live.map { $0.billingMonths(prices: prices) }.max() ?? 0,
                cancellationScheduledAt: live.compactMap { $0.cancelAt ?? ($0.canceledAt != nil ? $0.currentPeriodEnd : nil) }.min(),
                pastDue: live.contains { $0.status == .pastDue },
                discountActive: live.contains { $0.discount?.isActive(at: cutoff) ?? false },
                coreFeatureCount: snapshot.product.coreFeatures.count, hasMilestone: snapshot.product.firstValue != nil))
        }
        return states.sorted { $0.accountID < $1.accountID }
    }

    /// Scores the `population` at `cutoff` with `definition`, using only facts
    /// dated before the cut-off. `segments` overrides the accounts' stored segments.
    public func scores(at cutoff: Date, definition: HealthDefinition, population: Population, context: Context,
                       segments: [String: String?] = [:]) async throws -> [HealthScore] {
        let subjects = try await states(at: cutoff, population: population, context: context, segments: segments).map(HealthScorer.Subject.init)
        return HealthScorer(definition: definition).score(subjects)
    }

    /// The segment at `cutoff` under `segmentation` of each account that is a
    /// customer then (paying or with a live subscription): ARR from the ledger,
    /// plan, size, industry, tags, usage. Former customers keep the segment they had.
    public func segments(at cutoff: Date, segmentation: SegmentationDefinition, context: Context) async throws -> [String: SegmentRule?] {
        let snapshot = context.snapshot
        let usage = try await store.usageTotals(segmentation.usageWindows, asOf: cutoff, accounts: context.accounts)
        let digits = snapshot.policy.reportingCurrency.minorUnitDigits
        var assignments: [String: SegmentRule?] = [:]
        for account in snapshot.accounts.values {
            let mrr = snapshot.ledger.accounts[account.id]?.mrr(before: cutoff) ?? 0
            guard mrr > 0 || !snapshot.ledger.liveSubscriptions(of: account.id, at: cutoff).isEmpty else { continue }
            let subject = SegmentSubject(
                accountID: account.id, arr: 12 * mrr,
                planName: snapshot.plans[account.id], employeeCount: account.employeeCount, industry: account.industry,
                tags: account.tags, usage: usage.mapValues { $0[account.id] ?? 0 })
            assignments[account.id] = segmentation.segment(of: subject, minorUnitDigits: digits)
        }
        return assignments
    }
}

extension HealthScorer.Subject {
    /// The account of `state`, with its signals at the state's cut-off.
    init(_ state: AccountState) {
        self.init(accountID: state.accountID, segment: state.segment, values: state.signals)
    }
}
