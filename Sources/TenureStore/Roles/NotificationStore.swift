import Foundation
import TenureCore

/// The outbox of domain events and their delivery: endpoints, one delivery per event and endpoint claimed
/// under a lease by any node, the log of attempts, people's opt-outs and the digests already sent.
public protocol NotificationStore: Sendable {
    /// Writes `events` to the outbox, skipping any whose key is already there; returns how many were new.
    func appendEvents(_ events: [DomainEvent], at now: Date) async throws -> Int
    /// Outbox events, newest first.
    func events(_ query: EventQuery) async throws -> Page<StoredEvent>
    func event(id: String) async throws -> StoredEvent?
    /// The oldest events not yet fanned out to endpoints, with their accounts' segment and owner.
    func eventsAwaitingFanOut(limit: Int) async throws -> [StoredEvent]
    /// Creates a pending delivery, due at `now`, for each (event, endpoint) pair not already delivered, and marks
    /// `events` fanned out, in one transaction; safe when several nodes fan out the same events.
    func fanOut(_ events: [Int64], deliveries: [(eventID: String, endpointID: String)], at now: Date) async throws -> Int

    func insertEndpoint(_ record: EndpointRecord) async throws
    /// Replaces the endpoint's settings and secrets; `false` when there is no such endpoint.
    func updateEndpoint(_ record: EndpointRecord) async throws -> Bool
    func endpoint(id: String) async throws -> EndpointRecord?
    /// Every endpoint, oldest first.
    func endpoints() async throws -> [EndpointRecord]
    /// Reserves the endpoint's next send until `until` when it is free at `now` (at most one send per interval
    /// across nodes); otherwise returns when it frees.
    func reserveSend(endpointID: String, now: Date, until: Date) async throws -> Date?

    /// Claims up to `limit` due deliveries of enabled endpoints for `node` until `leaseUntil` (no other node
    /// holds them meanwhile; a lapsed lease is claimed again).
    func claimDeliveries(node: String, now: Date, leaseUntil: Date, limit: Int) async throws -> [DeliveryClaim]
    /// Records attempts and their outcomes in one transaction, each only if its claim still holds the lease;
    /// `false` (nothing written) for those whose lease was lost.
    func finishAttempts(_ finished: [FinishedAttempt], at now: Date) async throws -> [Bool]
    /// Gives a claimed delivery back, untried, due again at `dueAt`.
    func releaseDelivery(_ claim: DeliveryClaim, dueAt: Date) async throws
    func deliveries(_ query: DeliveryQuery) async throws -> Page<DeliveryRecord>
    func delivery(id: String) async throws -> DeliveryRecord?
    func deliveryAttempts(deliveryID: String) async throws -> [DeliveryAttempt]
    /// Makes every delivery `query` selects (paging ignored) pending and due at `now`, with a fresh retry
    /// schedule; returns how many.
    func replayDeliveries(_ query: DeliveryQuery, at now: Date) async throws -> Int

    /// Records that `email` wants no more non-transactional mail (or wants it again).
    func setOptOut(email: String, optedOut: Bool, at now: Date) async throws
    /// Which of `emails` opted out (compared lower-case).
    func optedOut(_ emails: [String]) async throws -> Set<String>
    /// The CSM's open tasks due before `dueBefore`, soonest first (at most 200), for the digest.
    func openTasks(ownerID: String, dueBefore: Date) async throws -> [SuccessTask]
    /// Records that `ownerID`'s digest for `day` was sent; `false` when it already was.
    func markDigestSent(ownerID: String, day: String, at now: Date) async throws -> Bool
}

extension NotificationStore {
    /// Records one attempt and its outcome if `claim` still holds its lease; `false` (nothing written) otherwise.
    public func finishAttempt(_ claim: DeliveryClaim, _ attempt: DeliveryAttempt, outcome: DeliveryOutcome, at now: Date) async throws -> Bool {
        try await finishAttempts([FinishedAttempt(claim: claim, attempt: attempt, outcome: outcome)], at: now)[0]
    }
}
