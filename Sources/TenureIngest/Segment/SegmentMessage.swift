import Foundation
import TenureCore

/// One call in Segment's HTTP tracking spec (`identify`, `group`, `track`,
/// `page`), as the official libraries send it.
public struct SegmentMessage: Sendable {
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
    public struct Context: Sendable {
        public var groupId: String?
        public var traits: [String: JSONValue]?
    }

    /// One call sent on its own (`/v1/track` and the other single-call routes).
    public init(json data: Data) throws(ValidationError) {
        self = try JSONReader.read(data) { reader throws(ValidationError) in try SegmentMessage(reading: &reader) }
    }

    /// Reads the call the reader is at, straight from the bytes (a batch of 500 is read on every request).
    /// Fields Tenure does not use are checked and skipped; ids may be strings or integers (`userId: 42`).
    init(reading reader: inout JSONReader) throws(ValidationError) {
        guard try reader.enterObject() else { throw reader.mismatch("must be an object") }
        while let key = try reader.nextKey() {
            switch key {
            case "type": type = try reader.readString()
            case "messageId": messageId = try reader.readIdentifier()
            case "userId": userId = try reader.readIdentifier()
            case "anonymousId": anonymousId = try reader.readIdentifier()
            case "groupId": groupId = try reader.readIdentifier()
            case "event": event = try reader.readString()
            case "name": name = try reader.readString()
            case "properties": properties = try reader.readObject()
            case "traits": traits = try reader.readObject()
            case "timestamp": timestamp = try reader.readString()
            case "originalTimestamp": originalTimestamp = try reader.readString()
            case "sentAt": sentAt = try reader.readString()
            case "context":
                guard try reader.enterObject() else { continue }
                var context = Context()
                while let key = try reader.nextKey() {
                    switch key {
                    case "groupId": context.groupId = try reader.readIdentifier()
                    case "traits": context.traits = try reader.readObject()
                    default: try reader.skipValue()
                    }
                }
                self.context = context
            default: try reader.skipValue()
            }
        }
    }

    private init() {}
}

/// A `/v1/batch` body: the calls and when the client sent them.
public struct SegmentBatch: Sendable {
    public var batch: [SegmentMessage] = []
    public var sentAt: String?

    /// Reads a batch body; a ``ValidationError`` names the field at fault (`batch[3].userId`).
    public init(json data: Data) throws(ValidationError) {
        self = try JSONReader.read(data) { reader throws(ValidationError) in
            var body = SegmentBatch()
            var sawBatch = false
            guard try reader.enterObject() else { throw reader.mismatch("must be an object") }
            while let key = try reader.nextKey() {
                switch key {
                case "batch":
                    guard try reader.enterArray() else { throw reader.mismatch("must be an array") }
                    sawBatch = true
                    while try reader.nextElement() { body.batch.append(try SegmentMessage(reading: &reader)) }
                case "sentAt": body.sentAt = try reader.readString()
                default: try reader.skipValue()
                }
            }
            guard sawBatch else { throw ValidationError(field: "batch", "is required") }
            return body
        }
    }

    private init() {}
}
