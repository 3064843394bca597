import Foundation
import TenureCore

/// An outbox event as stored, with its place in the outbox and the account's segment and owner at read time.
public struct StoredEvent: Sendable, Hashable {
    public var seq: Int64
    public var id: String
    public var type: EventType
    public var accountID: String?
    public var occurredAt: Date
    public var createdAt: Date
    /// What makes two writes of the same happening one event (see ``DomainEvent/key``).
    public var key: String
    /// The exact bytes every endpoint receives.
    public var payload: Data
    public var accountSegment: String?
    public var accountOwner: String?

    /// The payload's `data` object (empty when the stored payload has none).
    public var data: [String: JSONValue] {
        (try? JSONDecoder().decode([String: JSONValue].self, from: payload))?["data"]?.object ?? [:]
    }
}

/// An endpoint with its signing secrets, sealed (encrypted) by the caller: the store never sees them in clear.
public struct EndpointRecord: Sendable, Hashable {
    public var endpoint: NotificationEndpoint
    public var sealedSecrets: String

    public init(endpoint: NotificationEndpoint, sealedSecrets: String) {
        self.endpoint = endpoint
        self.sealedSecrets = sealedSecrets
    }
}

/// Where a delivery stands.
public enum DeliveryStatus: String, StringEnum, Hashable {
    /// Waiting for its next attempt (or being attempted under a lease).
    case pending
    case succeeded
    /// Every attempt of its schedule failed, or the receiver answered 410, or its endpoint is disabled.
    case failed
}

/// One event's delivery to one endpoint.
public struct DeliveryRecord: Sendable, Hashable {
    public var id: String
    public var eventID: String
    public var eventType: EventType
    public var accountID: String?
    public var endpointID: String
    public var status: DeliveryStatus
    /// Attempts made in all, replays included.
    public var attempts: Int
    public var nextAttemptAt: Date?
    public var lastStatusCode: Int?
    public var lastError: String?
    public var createdAt: Date
    public var updatedAt: Date
}

/// A delivery claimed by one node until its lease ends: what to send, where, and which attempt this is.
public struct DeliveryClaim: Sendable, Hashable {
    public var deliveryID: String
    public var node: String
    public var event: StoredEvent
    public var endpoint: EndpointRecord
    /// This attempt's number among all attempts of the delivery (1 for the first).
    public var attempt: Int
    /// This attempt's number since the delivery was created or last replayed: it picks the retry wait.
    public var seriesAttempt: Int
}

/// What one attempt sent and heard back.
public struct DeliveryAttempt: Sendable, Hashable {
    public var attempt: Int
    public var node: String
    public var startedAt: Date
    public var duration: TimeInterval
    public var statusCode: Int?
    public var error: String?
    /// The request line and headers sent (secrets never appear in them).
    public var request: String
    /// The start of the response body.
    public var response: String

    public init(attempt: Int, node: String, startedAt: Date, duration: TimeInterval, statusCode: Int?, error: String?,
                request: String, response: String) {
        self.attempt = attempt
        self.node = node
        self.startedAt = startedAt
        self.duration = duration
        self.statusCode = statusCode
        self.error = error
        self.request = request
        self.response = response
    }
}

/// What becomes of a delivery after an attempt.
public enum DeliveryOutcome: Sendable, Hashable {
    case delivered
    /// Try again at the given time.
    case retry(at: Date)
    /// Give up; when `disableEndpoint` names a reason, the endpoint is disabled with it.
    case failed(disableEndpoint: String?)
}

/// An attempt made under a claim, with what becomes of the delivery.
public struct FinishedAttempt: Sendable, Hashable {
    public var claim: DeliveryClaim
    public var attempt: DeliveryAttempt
    public var outcome: DeliveryOutcome

    public init(claim: DeliveryClaim, attempt: DeliveryAttempt, outcome: DeliveryOutcome) {
        self.claim = claim
        self.attempt = attempt
        self.outcome = outcome
    }
}

/// Which deliveries a listing or a replay covers.
public struct DeliveryQuery: Sendable, Hashable {
    public var endpointID: String?
    public var eventID: String?
    public var status: DeliveryStatus?
    public var eventType: EventType?
    /// Deliveries created at or after `since` and before `until`.
    public var since: Date?
    public var until: Date?
    public var limit: Int
    public var offset: Int

    public init(endpointID: String? = nil, eventID: String? = nil, status: DeliveryStatus? = nil, eventType: EventType? = nil,
                since: Date? = nil, until: Date? = nil, limit: Int = 50, offset: Int = 0) {
        self.endpointID = endpointID
        self.eventID = eventID
        self.status = status
        self.eventType = eventType
        self.since = since
        self.until = until
        self.limit = limit
        self.offset = offset
    }
}

/// Which outbox events a listing covers, newest first.
public struct EventQuery: Sendable, Hashable {
    public var type: EventType?
    public var accountID: String?
    /// Events about accounts this CSM owns.
    public var ownerID: String?
    /// Events written at or after this instant.
    public var since: Date?
    public var limit: Int
    public var offset: Int

    public init(type: EventType? = nil, accountID: String? = nil, ownerID: String? = nil, since: Date? = nil, limit: Int = 50, offset: Int = 0) {
        self.type = type
        self.accountID = accountID
        self.ownerID = ownerID
        self.since = since
        self.limit = limit
        self.offset = offset
    }
}
