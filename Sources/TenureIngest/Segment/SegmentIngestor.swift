import Crypto
import Foundation
import TenureCore
import TenureStore

/// Turns Segment calls into Tenure's facts: `group` creates or updates the
/// account with that group id and links the user to it; `identify` records a
/// person's traits; `track` and `page` become raw events (deduplicated by
/// `messageId`) counted into daily rollups of the user's account.
///
/// Clock skew follows Segment: when the client says when it sent the call
/// (`sentAt`), the event time is moved by `receivedAt − sentAt`, so a
/// device whose clock is an hour fast still records events at the right time.
public struct SegmentIngestor: Sendable {
    let store: any Store

    public init(store: any Store) {
        self.store = store
    }

    /// A call that could not be taken, and why.
    public struct Rejection: Error, Sendable, Hashable, Codable {
        /// Position of the call in the batch.
        public var index: Int
        public var field: String
        public var message: String
    }

    /// What a batch did.
    public struct Result: Sendable {
        public var accepted: Int
        public var duplicates: Int
        public var rejected: [Rejection]
    }

    /// Takes the calls of one request; calls of a `type` other than the batch's own are allowed in `/v1/batch` only.
    public func ingest(_ messages: [SegmentMessage], batchSentAt: String?, receivedAt: Date,
                       defaultType: String? = nil) async throws -> Result {
        var batch = UsageBatch()
        var rejected: [Rejection] = []
        // Read once for the whole batch; it counts for the calls that do not say when they were sent.
        let batchSent = Swift.Result { try Self.instant(batchSentAt, field: "sentAt") }
        for (index, message) in messages.enumerated() {
            do {
                try Self.add(message, defaultType: defaultType, batchSentAt: batchSent, receivedAt: receivedAt, to: &batch)
            } catch let rejection as Rejection {
                rejected.append(Rejection(index: index, field: rejection.field, message: rejection.message))
            }
        }
        let outcome = try await store.ingestUsage(batch, at: receivedAt)
        return Result(accepted: messages.count - rejected.count, duplicates: outcome.duplicates, rejected: rejected)
    }

    static func add(_ message: SegmentMessage, defaultType: String?, batchSentAt: Swift.Result<Date?, any Error>, receivedAt: Date,
                    to batch: inout UsageBatch) throws {
        func reject(_ field: String, _ text: String) -> Rejection { Rejection(index: 0, field: field, message: text) }
        guard let typeName = message.type ?? defaultType else { throw reject("type", "is required: identify, group, track or page") }
        guard let type = UsageEvent.Kind(rawValue: typeName) else {
            throw reject("type", "'\(typeName)' is not one of identify, group, track, page")
        }
        if let defaultType, typeName != defaultType { throw reject("type", "must be \(defaultType) on /v1/\(defaultType)") }
        guard message.userId != nil || message.anonymousId != nil else { throw reject("userId", "either userId or anonymousId is required") }
        let texts = [("userId", message.userId, 200), ("anonymousId", message.anonymousId, 200), ("groupId", message.groupId, 200),
                     ("messageId", message.messageId, 200), ("event", message.event, 200), ("name", message.name, 500),
                     ("traits.name", (message.traits ?? message.context?.traits)?["name"]?.stringValue, 500),
                     ("traits.title", (message.traits ?? message.context?.traits)?["title"]?.stringValue, 500),
                     ("traits.industry", message.traits?["industry"]?.stringValue, 200)]
        for (field, value, limit) in texts {
            do { try Check.maxLength(value, field, limit) } catch { throw reject(field, error.message) }
        }
        let timestamp = try eventTime(message, batchSentAt: batchSentAt, receivedAt: receivedAt)
        let messageID = message.messageId ?? Self.fallbackMessageID(message, timestamp: timestamp)
        var properties = message.properties ?? [:]
        switch type {
        case .track:
            guard let event = message.event, !event.isEmpty else { throw reject("event", "is required for a track call") }
        case .page:
            if let name = message.name { properties["name"] = .string(name) }
        case .identify:
            properties = message.traits ?? message.context?.traits ?? [:]
            if let user = message.userId {
                batch.profiles[user] = UsageBatch.UserProfile(
                    name: properties["name"]?.stringValue, email: properties["email"]?.stringValue, title: properties["title"]?.stringValue)
            }
        case .group:
            guard let group = message.groupId, !group.isEmpty else { throw reject("groupId", "is required for a group call") }
            properties = message.traits ?? [:]
            batch.groups[group] = Self.accountDraft(group: group, traits: properties)
            if let user = message.userId { batch.memberships[user] = group }
        }
        if let group = message.context?.groupId ?? (type == .group ? nil : message.groupId) {
            batch.eventGroups[messageID] = group
        }
        batch.events.append(UsageEvent(
            messageID: messageID, type: type, userID: message.userId, anonymousID: message.anonymousId,
            event: type == .track ? message.event : type == .page ? "page" : nil, timestamp: timestamp,
            receivedAt: receivedAt, properties: properties))
    }

    /// The event's time after clock-skew correction.
    static func eventTime(_ message: SegmentMessage, batchSentAt: Swift.Result<Date?, any Error>, receivedAt: Date) throws -> Date {
        let sentAt = try instant(message.sentAt, field: "sentAt") ?? batchSentAt.get()
        let timestampField = message.timestamp == nil ? "originalTimestamp" : "timestamp"
        guard let stamped = try instant(message.timestamp ?? message.originalTimestamp, field: timestampField) else { return receivedAt }
        guard let sentAt else { return stamped }
        // Clock-skew correction moves the event by the sender's error; it may not move it out of range.
        let corrected = stamped.addingTimeInterval(receivedAt.timeIntervalSince(sentAt))
        guard Instants.range.contains(corrected) else {
            throw Rejection(index: 0, field: "sentAt", message: "is so far from the time received that the corrected timestamp leaves 1970–9999")
        }
        return corrected
    }

    /// The instant `text` names (`nil` without one); a rejection naming `field` when it is not an instant Tenure stores.
    static func instant(_ text: String?, field: String) throws -> Date? {
        guard let text else { return nil }
        // JSONCoding.parse reads only instants between 1970 and 9999.
        guard let date = JSONCoding.parse(text) else {
            throw Rejection(index: 0, field: field, message: "'\(text.prefix(100))' is not an ISO 8601 instant between 1970 and 9999")
        }
        return date
    }

    /// Account fields from `group` traits (Segment's reserved names).
    static func accountDraft(group: String, traits: [String: JSONValue]) -> AccountDraft {
        let reserved: Set = ["name", "industry", "employees", "website", "domain", "plan"]
        let employees = traits["employees"]?.doubleValue.flatMap { Int(exactly: $0.rounded(.down)) }
        var domain = (traits["domain"] ?? traits["website"])?.stringValue
        if let url = domain, let host = URL(string: url)?.host { domain = host }
        return AccountDraft(
            name: traits["name"]?.stringValue, domain: domain, segmentGroupID: group,
            industry: traits["industry"]?.stringValue, employeeCount: employees.flatMap { (0...10_000_000).contains($0) ? $0 : nil },
            traits: traits.filter { !reserved.contains($0.key) })
    }

    /// A stable id for a call sent without `messageId`, so a resent copy is still a duplicate.
    static func fallbackMessageID(_ message: SegmentMessage, timestamp: Date) -> String {
        let parts = [message.type, message.userId, message.anonymousId, message.event, message.groupId, JSONCoding.format(timestamp)]
        let digest = SHA256.hash(data: Data(parts.map { $0 ?? "" }.joined(separator: "\u{1F}").utf8))
        return "tenure-" + Hex.string(digest.prefix(16))
    }
}
