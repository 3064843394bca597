import Foundation
import TenureCore
import TenureStore

extension PlaybookEngine {
    /// Largest number of overdue tasks looked at per pass.
    static let escalationBatch = 500

    /// Raises each overdue task to the escalation tier its lateness (or its red, large account) calls for, recording the
    /// tier and writing a `task.escalated` event that names whom it reaches; returns how many tasks were escalated.
    func escalateTasks(at now: Date) async throws -> Int {
        let policy = configuration.escalation
        let tasks = try await store.overdueTasks(at: now, limit: Self.escalationBatch)
        guard !tasks.isEmpty else { return 0 }
        let csms = Dictionary(try await store.csms().map { ($0.id, $0) }) { first, _ in first }
        var escalated = 0
        for task in tasks {
            var red = false
            var arr: Int64?
            if let accountID = task.accountID, let summary = try await store.account(id: accountID) {
                red = summary.health?.colour == .red
                arr = summary.mrr * 12
            }
            guard let next = policy.nextTier(for: task, at: now, accountRed: red, accountARR: arr) else { continue }
            let reached = recipient(next.target, of: task, csms: csms, policy: policy)
            let event = TaskEvents.escalated(task, tier: next.tier, reason: next.reason, target: reached, at: now)
            let detail = "tier \(next.tier): \(next.reason); notifies \(reached)"
            if try await store.escalateTask(id: task.id, toTier: next.tier, detail: detail, events: [event], at: now) {
                escalated += 1
            }
        }
        return escalated
    }

    /// Who an escalation target is for `task`, in words that name a person or an address.
    func recipient(_ target: EscalationPolicy.Target, of task: SuccessTask, csms: [String: CSM], policy: EscalationPolicy) -> String {
        let owner = task.ownerID.flatMap { csms[$0] }
        switch target {
        case .owner:
            return owner.map { "\($0.name) <\($0.email)>" } ?? task.queue.map { "queue \($0)" } ?? "nobody (no owner)"
        case .manager:
            if let manager = owner?.managerID.flatMap({ csms[$0] }) { return "\(manager.name) <\(manager.email)>" }
            return policy.leadEmail.map { "CS lead <\($0)> (no manager on record)" } ?? "the CS lead (no manager on record)"
        case .lead:
            return policy.leadEmail.map { "CS lead <\($0)>" } ?? "the CS lead"
        case .email(let address):
            return address
        }
    }
}
