import Foundation

/// Something that happened to an account, as written to the outbox and delivered to endpoints:
/// the payload is `{"type", "timestamp", "data"}`, and `id` is the `webhook-id` of every delivery of it.
public struct DomainEvent: Hashable, Sendable {
    /// `evt_` and 24 random hexadecimal digits; stable across retries and replays.
    public var id: String
    public var type: EventType
    /// The account the event is about (`nil` for `ping` and digests).
    public var accountID: String?
    public var occurredAt: Date
    /// The payload's `data` object.
    public var data: [String: JSONValue]
    /// What makes two writes of the same happening one event (the outbox keeps the first).
    public var key: String

    /// The largest payload Tenure sends; larger `data` is cut to its identifying fields.
    public static let maximumPayloadBytes = 20_000

    public init(type: EventType, accountID: String?, occurredAt: Date, data: [String: JSONValue], key: String,
                id: String = DomainEvent.newID()) {
        self.id = id
        self.type = type
        self.accountID = accountID
        self.occurredAt = occurredAt
        self.data = data
        self.key = key
    }

    /// A new random event id.
    public static func newID() -> String {
        "evt_" + RandomHex.make(12)
    }

    /// The JSON body every endpoint receives: `{"data":…,"timestamp":"…","type":"…"}`, keys sorted, under 20 KB.
    public var payload: Data {
        let body = Self.encode(type: type, occurredAt: occurredAt, data: data)
        guard body.count > Self.maximumPayloadBytes else { return body }
        let kept = data.filter { ["account_id", "account_name", "truncated"].contains($0.key) }
        return Self.encode(type: type, occurredAt: occurredAt, data: kept.merging(["truncated": .bool(true)]) { $1 })
    }

    private static func encode(type: EventType, occurredAt: Date, data: [String: JSONValue]) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let envelope: [String: JSONValue] = [
            "type": .string(type.rawValue), "timestamp": .string(JSONCoding.format(occurredAt)), "data": .object(data),
        ]
        return (try? encoder.encode(envelope)) ?? Data("{}".utf8)
    }
}
