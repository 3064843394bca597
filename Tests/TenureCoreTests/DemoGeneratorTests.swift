import Foundation
import Testing
@testable import TenureCore

/// The demo generator: reproducible, consistent, and with churn that its
/// observable signals really explain.
@Suite("Demo generator")
struct DemoGeneratorTests {
    static let asOf = UTCCalendar.date(2026, 11, 1)
    static let generator = DemoGenerator(seed: 42, accountCount: 3_000, asOf: asOf)
    static let batch = generator.batch(forAccounts: 0..<3_000)
    static let facts = batch.facts

    @Test("the same seed gives the same facts; another seed gives others; batches do not matter")
    func determinism() {
        let again = DemoGenerator(seed: 42, accountCount: 3_000, asOf: Self.asOf)
        #expect(again.facts(forAccounts: 0..<40) == Self.generator.facts(forAccounts: 0..<40))
        var stitched = again.facts(forAccounts: 0..<15)
        stitched.append(contentsOf: again.facts(forAccounts: 15..<40))
        #expect(stitched == Self.generator.facts(forAccounts: 0..<40))
        let other = DemoGenerator(seed: 43, accountCount: 3_000, asOf: Self.asOf)
        #expect(other.facts(forAccounts: 0..<40) != Self.generator.facts(forAccounts: 0..<40))
    }

    @Test("every fact is valid and none is dated after the as-of day")
    func validAndNoFuture() throws {
        try Self.facts.validate()
        let asOf = Self.asOf
        #expect(Self.facts.subscriptionChanges.allSatisfy { $0.effectiveAt <= asOf })
        #expect(Self.facts.invoices.allSatisfy { $0.createdAt <= asOf && ($0.paidAt ?? asOf) <= asOf })
        #expect(Self.facts.paymentAttempts.allSatisfy { $0.attemptedAt <= asOf })
        #expect(Self.facts.usageRollups.allSatisfy { $0.day <= asOf && $0.lastAt <= asOf })
        #expect(Self.facts.tickets.allSatisfy { $0.openedAt <= asOf && ($0.resolvedAt ?? asOf) <= asOf })
        #expect(Self.facts.surveyResponses.allSatisfy { $0.respondedAt <= asOf })
        #expect(Self.facts.tasks.allSatisfy { $0.createdAt <= asOf && ($0.completedAt ?? asOf) <= asOf })
        #expect(Self.facts.accounts.allSatisfy { $0.createdAt <= asOf && $0.createdAt >= Self.generator.start })
        #expect(Set(Self.facts.accounts.map(\.id)).count == 3_000)
    }

    @Test("each subscription's stored state is its latest change")
    func historyMatchesState() {
        let changes = Dictionary(grouping: Self.facts.subscriptionChanges, by: \.state.id)
        for subscription in Self.facts.subscriptions {
            let last = changes[subscription.id]?.max { $0.effectiveAt < $1.effectiveAt }
            #expect(last?.state.status == subscription.status, "\(subscription.id)")
            #expect(last?.state.items == subscription.items, "\(subscription.id)")
        }
    }

    @Test("paid invoices are paid in full by a successful attempt; failed ones show dunning")
    func invoicesAndPayments() {
        let attempts = Dictionary(grouping: Self.facts.paymentAttempts, by: \.invoiceID)
        for invoice in Self.facts.invoices where invoice.total > 0 {
            let tries = attempts[invoice.id] ?? []
            switch invoice.status {
            case .paid:
                #expect(invoice.amountPaid == invoice.total)
                #expect(tries.last?.succeeded == true)
            case .uncollectible:
                #expect(tries.count == 4 && tries.allSatisfy { !$0.succeeded })
            default:
                #expect(tries.allSatisfy { !$0.succeeded })
            }
        }
        let failed = Self.facts.paymentAttempts.filter { !$0.succeeded }.count
        #expect(failed > 0)
        #expect(Self.facts.subscriptions.contains { $0.cancellation?.reason == .paymentFailed })
    }

    @Test("the base mixes segments, plans, trials, coupons, churn and reactivation")
    func variety() {
        let segments = Dictionary(grouping: Self.facts.accounts, by: { $0.segment ?? "" }).mapValues(\.count)
        #expect(Set(segments.keys) == ["self_serve", "smb", "mid_market", "enterprise"])
        #expect((1_000...1_400).contains(segments["self_serve"]!))
        #expect((130...300).contains(segments["enterprise"]!))
        let priceIDs = Set(Self.facts.subscriptions.flatMap { $0.items.map(\.priceID) })
        #expect(priceIDs.count >= 7)
        #expect(Self.facts.subscriptions.contains { $0.trialStart != nil && $0.status == .active })
        #expect(Set(Self.facts.subscriptions.compactMap { $0.discount?.duration }) == [.once, .repeating, .forever])
        let reactivated = Dictionary(grouping: Self.facts.subscriptions, by: \.accountID).values.filter { $0.count > 1 }
        #expect(reactivated.count > 20)
        let feedback = Set(Self.facts.subscriptions.compactMap { $0.cancellation?.feedback })
        #expect(feedback.isSuperset(of: [.unused, .tooExpensive, .lowQuality, .switchedService]))
        let seatChanges = Dictionary(grouping: Self.facts.subscriptionChanges, by: \.state.id).values.filter { changes in
            Set(changes.map { $0.state.items.first?.quantity ?? 0 }).count > 1
        }
        #expect(seatChanges.count > 100)
    }

    /// At a cut-off, the accounts paying then and whether they churned voluntarily in the next 90 days.
    static func cohort(at cutoff: Date) -> [(account: Account, churned: Bool)] {
        let byAccount = Dictionary(grouping: facts.subscriptionChanges, by: \.state.accountID)
        return facts.accounts.compactMap { account in
            let changes = (byAccount[account.id] ?? []).sorted { $0.effectiveAt < $1.effectiveAt }
            let stateAtCutoff = changes.last { $0.effectiveAt <= cutoff }?.state
            guard let state = stateAtCutoff, state.status == .active, cutoff.timeIntervalSince(account.createdAt) > 60 * 86_400 else { return nil }
            let churned = changes.contains { change in
                change.effectiveAt > cutoff && change.effectiveAt <= cutoff.adding(days: 90)
                    && change.state.status == .canceled && change.state.cancellation?.isVoluntary == true
            }
            return (account, churned)
        }
    }

    /// Logins in the 28 days before `cutoff` divided by logins in the account's first 28 days (each + 1).
    static func loginTrend(_ accountID: String, before cutoff: Date, rollups: [String: [UsageRollup]], signup: Date) -> Double {
        let logins = (rollups[accountID] ?? []).filter { $0.event == DemoCatalog.loginEvent }
        let recent = logins.filter { $0.day >= cutoff.adding(days: -28) && $0.day < cutoff }.reduce(0) { $0 + $1.count }
        let first = logins.filter { $0.day < signup.adding(days: 28) }.reduce(0) { $0 + $1.count }
        return Double(recent + 1) / Double(first + 1)
    }

    @Test("churn in the next 90 days is predictable from usage known at the cut-off")
    func churnIsExplainedByUsage() throws {
        let rollups = Dictionary(grouping: Self.facts.usageRollups, by: \.accountID)
        var scored: [(score: Double, churned: Bool)] = []
        var activatedChurn = (churned: 0, total: 0), missedChurn = (churned: 0, total: 0)
        for months in [4, 8, 12] {
            let cutoff = UTCCalendar.adding(months: -months, to: Self.asOf)
            for (account, churned) in Self.cohort(at: cutoff) {
                let trend = Self.loginTrend(account.id, before: cutoff, rollups: rollups, signup: account.createdAt)
                scored.append((-trend, churned))
                let reports = (rollups[account.id] ?? []).filter {
                    $0.event == DemoCatalog.coreFeatures[0] && $0.day < account.createdAt.adding(days: 30)
                }.reduce(0) { $0 + $1.count }
                if reports >= Int64(DemoCatalog.firstValueReports) {
                    activatedChurn.total += 1
                    activatedChurn.churned += churned ? 1 : 0
                } else {
                    missedChurn.total += 1
                    missedChurn.churned += churned ? 1 : 0
                }
            }
        }
        let churners = scored.filter(\.churned).count
        #expect(churners > 50, "enough churn to measure: \(churners) of \(scored.count)")
        let auc = Self.areaUnderROC(scored)
        #expect(auc > 0.65, "login trend AUC \(auc)")  // 0.70 with seed 42
        let activatedRate = Double(activatedChurn.churned) / Double(activatedChurn.total)
        let missedRate = Double(missedChurn.churned) / Double(missedChurn.total)
        #expect(missedRate > 1.5 * activatedRate, "churn after missing first value \(missedRate) vs \(activatedRate)")
    }

    /// ROC AUC of the scores against churn (Core's rank-sum implementation, checked against scikit-learn).
    static func areaUnderROC(_ scored: [(score: Double, churned: Bool)]) -> Double {
        (try? ClassifierEvaluation.rocAUC(scores: scored.map(\.score), labels: scored.map { $0.churned ? 1 : 0 })) ?? 0
    }
}
