import Foundation
import TenureCore
import TenureStore

/// Computes health scores and segments from a store: at any cut-off (for
/// history and backtests) or now (the current scores, with alerts). Reads the
/// active definitions, storing Tenure's defaults as version 1 on first use.
public struct HealthEngine: Sendable {
    public let store: any Store

    public init(store: any Store) {
        self.store = store
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

    /// Facts every cut-off of one run shares: the ledger and attributes, the
    /// product configuration and when each account reached first value.
    public struct Context: Sendable {
        public let snapshot: MetricsSnapshot
        public let milestones: [String: Date]

        public static func load(from store: any Store, asOf: Date) async throws -> Context {
            let snapshot = try await MetricsSnapshot.load(from: store, asOf: asOf)
            var milestones: [String: Date] = [:]
            if let firstValue = snapshot.product.firstValue { milestones = try await store.milestoneReached(firstValue) }
            return Context(snapshot: snapshot, milestones: milestones)
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
        let activity = try await store.accountActivity(asOf: cutoff, product: snapshot.product)
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
        let subjects = try await states(at: cutoff, population: population, context: context, segments: segments).map { state in
            HealthScorer.Subject(accountID: state.accountID, segment: state.segment, values: state.signals)
        }
        return HealthScorer(definition: definition).score(subjects)
    }

    /// The segment at `cutoff` under `segmentation` of each account that is a
    /// customer then (paying or with a live subscription): ARR from the ledger,
    /// plan, size, industry, tags, usage. Former customers keep the segment they had.
    public func segments(at cutoff: Date, segmentation: SegmentationDefinition, context: Context) async throws -> [String: SegmentRule?] {
        let snapshot = context.snapshot
        let usage = try await store.usageTotals(segmentation.usageWindows, asOf: cutoff)
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
