import Foundation
import TenureCore

/// One call in Segment's HTTP tracking spec (`identify`, `group`, `track`,
/// `page`), as the official libraries send it.
public struct SegmentMessage: Decodable, Sendable {
    public var type: String?
    public var messageId: String?
    public var userId: String?
    public var anonymousId: String?
    public var groupId: String?
    public var event: String?
    public var name: String?
    public var properties: [String: JSONValue]?
    public var traits: [String: JSONValue]?
    public var context: Context?
    public var timestamp: String?
    public var originalTimestamp: String?
    public var sentAt: String?

    /// The parts of `context` Tenure reads.
    public struct Context: Decodable, Sendable {
        public var groupId: String?
        public var traits: [String: JSONValue]?
    }

    private enum CodingKeys: String, CodingKey {
        case type, messageId, userId, anonymousId, groupId, event, name, properties, traits, context, timestamp,
             originalTimestamp, sentAt
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decodeIfPresent(String.self, forKey: .type)
        messageId = try Self.identifier(container, .messageId)
        userId = try Self.identifier(container, .userId)
        anonymousId = try Self.identifier(container, .anonymousId)
        groupId = try Self.identifier(container, .groupId)
        event = try container.decodeIfPresent(String.self, forKey: .event)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        properties = try container.decodeIfPresent([String: JSONValue].self, forKey: .properties)
        traits = try container.decodeIfPresent([String: JSONValue].self, forKey: .traits)
        context = try container.decodeIfPresent(Context.self, forKey: .context)
        timestamp = try container.decodeIfPresent(String.self, forKey: .timestamp)
        originalTimestamp = try container.decodeIfPresent(String.self, forKey: .originalTimestamp)
        sentAt = try container.decodeIfPresent(String.self, forKey: .sentAt)
    }

    /// Ids may be sent as strings or numbers (`userId: 42`); both become text.
    private static func identifier(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> String? {
        do {
            return try container.decodeIfPresent(String.self, forKey: key)
        } catch {
            if let number = try? container.decode(Int64.self, forKey: key) { return String(number) }
        }
        throw DecodingError.typeMismatch(String.self, .init(codingPath: container.codingPath + [key], debugDescription: "expected a string id"))
    }
}

/// A `/v1/batch` body: the calls and when the client sent them.
public struct SegmentBatch: Decodable, Sendable {
    public var batch: [SegmentMessage]
    public var sentAt: String?
}
