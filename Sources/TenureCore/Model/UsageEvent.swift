import Foundation

/// One product-usage event as Segment's spec defines it (`track`, `page`,
/// `identify`, `group`), kept raw so every rollup can be rebuilt.
public struct UsageEvent: Hashable, Sendable, Codable {
    /// Sender-chosen unique id; a second event with the same id is a duplicate.
    public var messageID: String
    public var type: Kind
    public var accountID: String?
    public var userID: String?
    public var anonymousID: String?
    /// Event name for `track` (e.g. `"Report Created"`), page name for `page`.
    public var event: String?
    /// When it happened, after clock-skew correction.
    public var timestamp: Date
    public var receivedAt: Date
    public var properties: [String: JSONValue]

    public init(
        messageID: String, type: Kind, accountID: String? = nil, userID: String? = nil,
        anonymousID: String? = nil, event: String? = nil, timestamp: Date, receivedAt: Date,
        properties: [String: JSONValue] = [:]
    ) {
        self.messageID = messageID
        self.type = type
        self.accountID = accountID
        self.userID = userID
        self.anonymousID = anonymousID
        self.event = event
        self.timestamp = timestamp
        self.receivedAt = receivedAt
        self.properties = properties
    }

    /// Segment's call types.
    public enum Kind: String, StringEnum, Hashable {
        case track, page, identify, group
    }
}

extension UsageEvent: Validatable {
    public func validate() throws(ValidationError) {
        try Check.nonEmpty(messageID, "message_id", maxLength: 200)
        try Check.maxLength(accountID, "account_id", 200)
        try Check.maxLength(userID, "user_id", 200)
        try Check.maxLength(anonymousID, "anonymous_id", 200)
        try Check.maxLength(event, "event", 200)
        if type == .track, event?.isEmpty ?? true { throw ValidationError(field: "event", "is required for a track call") }
        if userID == nil && anonymousID == nil {
            throw ValidationError(field: "user_id", "either user_id or anonymous_id is required")
        }
    }
}

/// Usage of one event by one account over one bucket of time starting at `day`
/// (UTC midnight): how often, by how many distinct users, and when last.
/// Health signals read these instead of raw events.
public struct UsageRollup: Hashable, Sendable, Codable {
    public var accountID: String
    /// First day of the bucket, at 00:00 UTC.
    public var day: Date
    public var event: String
    public var count: Int64
    /// Distinct users who sent the event in the bucket.
    public var users: Int64
    /// Time of the last event in the bucket.
    public var lastAt: Date

    public init(accountID: String, day: Date, event: String, count: Int64, users: Int64, lastAt: Date) {
        self.accountID = accountID
        self.day = day
        self.event = event
        self.count = count
        self.users = users
        self.lastAt = lastAt
    }
}
