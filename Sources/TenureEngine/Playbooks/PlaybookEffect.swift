import Foundation
import TenureCore
import TenureStore

/// Whether a playbook works: its enrolled accounts against its held-out ones, over the `horizonDays` after each start —
/// the share that churned, that renewed (of those with a renewal due) and that expanded, with the difference and its
/// 95% interval. Each account counts once, from its first run old enough to have a full horizon; every enrolled run
/// counts, finished or not (intention to treat).
public struct PlaybookEffect: Sendable, Hashable, Codable {
    public var playbook: String
    public var horizonDays: Int
    public var asOf: Date
    /// Accounts with a run, by arm, whether or not its horizon is over.
    public var enrolled: Int
    public var heldOut: Int
    /// Accounts with a run whose horizon is over, by arm: the accounts the rates are over.
    public var maturedEnrolled: Int
    public var maturedHeldOut: Int
    /// Share of accounts paying at the start that pay nothing at the horizon.
    public var churn: EffectEstimate
    /// Share of accounts with a renewal due in the horizon that still pay at its end.
    public var renewal: EffectEstimate
    /// Share of accounts paying at the start that pay more at the horizon.
    public var expansion: EffectEstimate
}

extension PlaybookEngine {
    /// The effect report of the playbook `name` as of now, or `nil` when it has never run.
    public func effect(playbook name: String, horizonDays: Int = 90) async throws -> PlaybookEffect? {
        let now = clock.now()
        var runs: [PlaybookRun] = []
        var offset = 0
        while true {
            let page = try await store.runs(RunQuery(playbook: name, limit: 500, offset: offset))
            runs += page.items
            offset += page.items.count
            if page.items.isEmpty || offset >= page.total { break }
        }
        guard !runs.isEmpty else { return nil }
        let ledger = try await revenue()
        let horizon = Double(horizonDays) * 86_400
        // The unit is the account: an account a playbook keeps enrolling counts once, from its first run whose horizon is
        // over (a rescued account that stays to trigger again must not weigh more than one that left).
        let firstRuns = Dictionary(grouping: runs.filter { $0.startedAt.addingTimeInterval(horizon) <= now }) {
            "\($0.status == .heldOut)\u{1F}\($0.accountID)"
        }.values.compactMap { $0.min { $0.startedAt < $1.startedAt } }
        var arms: [Bool: Outcomes] = [true: Outcomes(), false: Outcomes()]
        for run in firstRuns {
            let treated = run.status != .heldOut
            let end = run.startedAt.addingTimeInterval(horizon)
            let revenue = ledger.accounts[run.accountID]
            let start = revenue?.mrr(before: run.startedAt) ?? 0
            let after = revenue?.mrr(before: end) ?? 0
            let renewalDue = revenue?.history.contains { change in
                let periodEnd = change.state.currentPeriodEnd
                return periodEnd > run.startedAt && periodEnd <= end
            } ?? false
            arms[treated]!.record(paying: start > 0, churned: start > 0 && after == 0, expanded: start > 0 && after > start,
                                  renewalDue: renewalDue, renewed: renewalDue && after > 0)
        }
        let treated = arms[true]!, control = arms[false]!
        return PlaybookEffect(
            playbook: name, horizonDays: horizonDays, asOf: now,
            enrolled: Set(runs.filter { $0.status != .heldOut }.map(\.accountID)).count,
            heldOut: Set(runs.filter { $0.status == .heldOut }.map(\.accountID)).count,
            maturedEnrolled: treated.matured, maturedHeldOut: control.matured,
            churn: EffectEstimate(treated: .init(count: treated.paying, events: treated.churned),
                                  control: .init(count: control.paying, events: control.churned)),
            renewal: EffectEstimate(treated: .init(count: treated.renewalsDue, events: treated.renewed),
                                    control: .init(count: control.renewalsDue, events: control.renewed)),
            expansion: EffectEstimate(treated: .init(count: treated.paying, events: treated.expanded),
                                      control: .init(count: control.paying, events: control.expanded)))
    }
}

/// Outcome counts of one arm.
private struct Outcomes {
    var matured = 0
    var paying = 0
    var churned = 0
    var expanded = 0
    var renewalsDue = 0
    var renewed = 0

    mutating func record(paying isPaying: Bool, churned didChurn: Bool, expanded didExpand: Bool, renewalDue: Bool, renewed didRenew: Bool) {
        matured += 1
        if isPaying { paying += 1 }
        if didChurn { churned += 1 }
        if didExpand { expanded += 1 }
        if renewalDue { renewalsDue += 1 }
        if didRenew { renewed += 1 }
    }
}
