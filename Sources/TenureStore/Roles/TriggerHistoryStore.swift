import Foundation
import TenureCore

/// The events stored facts would have caused over a stretch of the past — what a playbook's dry run replays.
public protocol TriggerHistoryStore: Sendable {
    /// `survey.response.created`, `payment.failed` and `subscription.canceled` for the answers, failed payment attempts and
    /// cancellations dated in `[from, to]`, keyed as the live events are (so an event also in the outbox counts once).
    func factEvents(from: Date, to: Date) async throws -> [DomainEvent]
}
