import Foundation
import Hummingbird
import TenureCore
import TenureStore

/// An endpoint as the API shows it: never its sealed secrets; a Slack URL is already cut to its host and
/// workspace by the Notifier, and a webhook's signing secret appears only in the response that created it.
struct EndpointResource: ResponseEncodable {
    var id: String
    var kind: NotificationEndpoint.Kind
    var target: String
    var description: String
    var eventTypes: [String]
    var segments: [String]
    var owners: [String]
    var status: NotificationEndpoint.Status
    var disabledReason: String?
    var contactEmail: String?
    var createdAt: Date
    var updatedAt: Date
    /// The webhook's signing secret (`whsec_…`), present only when the endpoint was just created.
    var secret: String?

    init(_ endpoint: NotificationEndpoint, secret: String? = nil) {
        id = endpoint.id
        kind = endpoint.kind
        target = endpoint.target
        description = endpoint.description
        eventTypes = endpoint.eventTypes
        segments = endpoint.segments
        owners = endpoint.owners
        status = endpoint.status
        disabledReason = endpoint.disabledReason
        contactEmail = endpoint.contactEmail
        createdAt = endpoint.createdAt
        updatedAt = endpoint.updatedAt
        self.secret = secret
    }
}

/// One event's delivery to one endpoint; `attempts` (its log) only in the detail.
struct DeliveryResource: ResponseEncodable {
    var id: String
    var eventID: String
    var eventType: EventType
    var accountID: String?
    var endpointID: String
    var status: DeliveryStatus
    /// Attempts made in all, replays included.
    var attemptCount: Int
    var nextAttemptAt: Date?
    var lastStatusCode: Int?
    var lastError: String?
    var createdAt: Date
    var updatedAt: Date
    var attempts: [AttemptResource]?

    init(_ record: DeliveryRecord, attempts: [DeliveryAttempt]? = nil) {
        id = record.id
        eventID = record.eventID
        eventType = record.eventType
        accountID = record.accountID
        endpointID = record.endpointID
        status = record.status
        attemptCount = record.attempts
        nextAttemptAt = record.nextAttemptAt
        lastStatusCode = record.lastStatusCode
        lastError = record.lastError
        createdAt = record.createdAt
        updatedAt = record.updatedAt
        self.attempts = attempts?.map(AttemptResource.init)
    }
}

/// What one attempt sent and heard back.
struct AttemptResource: Encodable, Sendable {
    var attempt: Int
    var node: String
    var startedAt: Date
    var durationMs: Int
    var statusCode: Int?
    var error: String?
    var request: String
    var response: String

    init(_ attempt: DeliveryAttempt) {
        self.attempt = attempt.attempt
        node = attempt.node
        startedAt = attempt.startedAt
        durationMs = Int((attempt.duration * 1_000).rounded())
        statusCode = attempt.statusCode
        error = attempt.error
        request = attempt.request
        response = attempt.response
    }
}

/// An outbox event; its detail carries the payload every endpoint receives, as the JSON object it is.
struct EventResource: ResponseEncodable {
    var id: String
    var type: EventType
    var accountID: String?
    var occurredAt: Date
    var createdAt: Date

    init(_ event: StoredEvent) {
        id = event.id
        type = event.type
        accountID = event.accountID
        occurredAt = event.occurredAt
        createdAt = event.createdAt
    }
}

/// An event with its payload: the stored bytes spliced in as they are, so the keys and numbers the endpoints
/// received are the ones shown (the encoder's snake_case conversion never touches them).
struct EventDetailResource: ResponseGenerator {
    var event: StoredEvent

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var body = try JSONCoding.encoder.encode(EventResource(event))
        let payload = (try? JSONSerialization.jsonObject(with: event.payload)) is [String: Any] ? event.payload : Data("{}".utf8)
        body.removeLast()
        body.append(Data(#","payload":"#.utf8) + payload + Data("}".utf8))
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
