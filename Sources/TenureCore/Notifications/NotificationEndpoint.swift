import Foundation

/// Where notifications go: a Standard Webhooks URL, a Slack incoming webhook, or an email address,
/// with the event types it subscribes to and the accounts (by segment or owner) it cares about.
public struct NotificationEndpoint: Hashable, Sendable, Identifiable {
    /// How an endpoint is reached.
    public enum Kind: String, StringEnum, Hashable {
        /// Signed JSON POSTs following the Standard Webhooks specification.
        case webhook
        /// A Slack incoming webhook: a message with a text fallback and Block Kit blocks.
        case slack
        /// An email to one address over the configured SMTP server.
        case email
    }

    /// Whether deliveries are made.
    public enum Status: String, StringEnum, Hashable {
        case enabled
        /// By a person, by a 410 from the receiver, or after every retry of a delivery failed.
        case disabled
    }

    /// `ep_` and 16 random hexadecimal digits.
    public var id: String
    public var kind: Kind
    /// The URL (webhook, slack) or the email address (email).
    public var target: String
    public var description: String
    /// Event types or patterns (`*`, `account.*`) the endpoint receives.
    public var eventTypes: [String]
    /// Only events about accounts in one of these segments (all accounts when empty).
    public var segments: [String]
    /// Only events about accounts one of these CSMs owns (all accounts when empty).
    public var owners: [String]
    public var status: Status
    public var disabledReason: String?
    /// Who is told by email when Tenure disables the endpoint.
    public var contactEmail: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String = NotificationEndpoint.newID(), kind: Kind, target: String, description: String = "",
                eventTypes: [String], segments: [String] = [], owners: [String] = [], status: Status = .enabled,
                disabledReason: String? = nil, contactEmail: String? = nil, createdAt: Date, updatedAt: Date? = nil) {
        self.id = id
        self.kind = kind
        self.target = target
        self.description = description
        self.eventTypes = eventTypes
        self.segments = segments
        self.owners = owners
        self.status = status
        self.disabledReason = disabledReason
        self.contactEmail = contactEmail
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }

    public static func newID() -> String {
        "ep_" + RandomHex.make(8)
    }

    /// Whether an event of `type` about an account in `segment` owned by `owner` goes to this endpoint; an event meant for
    /// one `channel` (a playbook's message) goes only to endpoints of that kind.
    public func accepts(_ type: EventType, segment: String?, owner: String?, channel: Kind? = nil) -> Bool {
        guard status == .enabled, eventTypes.contains(where: type.matches), channel.map({ $0 == kind }) ?? true else { return false }
        if !segments.isEmpty && !segments.contains(where: { $0 == segment }) { return false }
        if !owners.isEmpty && !owners.contains(where: { $0 == owner }) { return false }
        return true
    }
}
