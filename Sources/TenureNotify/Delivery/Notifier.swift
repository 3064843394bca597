import Foundation
import TenureCore
import TenureStore

/// What people do with notifications, for the API, the CLI and the dashboard: add, change, enable and disable
/// endpoints, rotate a webhook's secret, send a test `ping`, and replay deliveries.
public struct Notifier: Sendable {
    let store: any Store
    let configuration: NotifyConfiguration
    let clock: WallClock

    public init(store: any Store, configuration: NotifyConfiguration, clock: WallClock) {
        self.store = store
        self.configuration = configuration
        self.clock = clock
    }

    /// A new endpoint or changes to one; fields left `nil` keep their value on update.
    public struct EndpointDraft: Codable, Sendable, Hashable {
        public var kind: NotificationEndpoint.Kind?
        /// The webhook or Slack URL, or the email address.
        public var target: String?
        public var description: String?
        public var eventTypes: [String]?
        public var segments: [String]?
        public var owners: [String]?
        public var contactEmail: String?
        public var enabled: Bool?

        public init(kind: NotificationEndpoint.Kind? = nil, target: String? = nil, description: String? = nil, eventTypes: [String]? = nil,
                    segments: [String]? = nil, owners: [String]? = nil, contactEmail: String? = nil, enabled: Bool? = nil) {
            self.kind = kind
            self.target = target
            self.description = description
            self.eventTypes = eventTypes
            self.segments = segments
            self.owners = owners
            self.contactEmail = contactEmail
            self.enabled = enabled
        }
    }

    /// Creates an endpoint; a webhook's signing secret (`whsec_…`) is returned this once and never shown again.
    public func create(_ draft: EndpointDraft) async throws -> (endpoint: NotificationEndpoint, secret: String?) {
        guard let kind = draft.kind else { throw ValidationError(field: "kind", "is required (webhook, slack or email)") }
        guard let target = draft.target else { throw ValidationError(field: "target", "is required: the URL, or the email address") }
        let now = clock.now()
        var endpoint = NotificationEndpoint(kind: kind, target: target, eventTypes: [], createdAt: now)
        var secrets = EndpointSecrets()
        var secret: String?
        switch kind {
        case .webhook:
            secret = EndpointSecrets.newSigningSecret()
            secrets.rotate(to: secret!, at: now)
        case .slack:
            secrets.slackURL = target
        case .email:
            break
        }
        try await apply(draft, to: &endpoint, secrets: &secrets, creating: true)
        try await store.insertEndpoint(EndpointRecord(endpoint: endpoint, sealedSecrets: try seal(secrets, kind: kind)))
        return (endpoint, secret)
    }

    /// Changes an endpoint; enabling a disabled one clears its reason.
    public func update(id: String, _ draft: EndpointDraft) async throws -> NotificationEndpoint {
        var record = try await record(id)
        if let kind = draft.kind, kind != record.endpoint.kind { throw ValidationError(field: "kind", "cannot change; create another endpoint") }
        var secrets = try open(record)
        if record.endpoint.kind == .slack, let url = draft.target { secrets.slackURL = url }
        try await apply(draft, to: &record.endpoint, secrets: &secrets, creating: false)
        record.endpoint.updatedAt = clock.now()
        record.sealedSecrets = try seal(secrets, kind: record.endpoint.kind)
        guard try await store.updateEndpoint(record) else { throw StoreError(.notFound, "no endpoint \(id)") }
        return record.endpoint
    }

    /// Gives a webhook endpoint a new signing secret, returned this once; the old ones keep signing for `overlap`.
    public func rotateSecret(id: String, overlap: TimeInterval = 86_400) async throws -> String {
        var record = try await record(id)
        guard record.endpoint.kind == .webhook else { throw ValidationError(field: "id", "only webhook endpoints have signing secrets") }
        guard (0...604_800).contains(overlap) else { throw ValidationError(field: "overlap_seconds", "must be from 0 to 604800 (7 days)") }
        var secrets = try open(record)
        let secret = EndpointSecrets.newSigningSecret()
        secrets.rotate(to: secret, at: clock.now(), overlap: overlap)
        record.sealedSecrets = try seal(secrets, kind: .webhook)
        record.endpoint.updatedAt = clock.now()
        _ = try await store.updateEndpoint(record)
        return secret
    }

    /// Sends a `ping` event to one endpoint (enabled or not, so a fix can be tried before enabling); returns its delivery.
    public func sendTest(id: String) async throws -> DeliveryRecord {
        let endpoint = try await record(id).endpoint
        let now = clock.now()
        let event = DomainEvent(type: .ping, accountID: nil, occurredAt: now,
                                data: ["endpoint_id": .string(endpoint.id), "message": .string("Test notification from Tenure")],
                                key: "ping:\(endpoint.id):\(UUID().uuidString)")
        _ = try await store.appendEvents([event], at: now)
        _ = try await store.fanOut([], deliveries: [(event.id, endpoint.id)], at: now)
        guard let delivery = try await store.deliveries(DeliveryQuery(endpointID: endpoint.id, eventID: event.id, limit: 1)).items.first else {
            throw StoreError(.notFound, "the test delivery was not created")
        }
        return delivery
    }

    private func apply(_ draft: EndpointDraft, to endpoint: inout NotificationEndpoint, secrets: inout EndpointSecrets, creating: Bool) async throws {
        if let target = draft.target {
            switch endpoint.kind {
            case .webhook:
                try await configuration.outbound.check(target, field: "target")
                endpoint.target = target
            case .slack:
                let url = try await configuration.outbound.check(target, field: "target")
                endpoint.target = Self.redacted(url)
            case .email:
                _ = try MailAddress(target, field: "target")
                endpoint.target = target
            }
        }
        if let description = draft.description {
            try Check.maxLength(description, "description", 500)
            endpoint.description = description
        }
        if let types = draft.eventTypes {
            guard !types.isEmpty else { throw ValidationError(field: "event_types", "must name at least one event type, or *") }
            for (index, type) in types.enumerated() where !EventType.isValidPattern(type) {
                throw ValidationError(field: "event_types[\(index)]", "'\(type.prefix(80))' is not an event type; known: * or \(EventType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            endpoint.eventTypes = types
        } else if creating {
            throw ValidationError(field: "event_types", "is required: the event types to send, or [\"*\"] for all")
        }
        if let segments = draft.segments { endpoint.segments = try Self.names(segments, field: "segments") }
        if let owners = draft.owners { endpoint.owners = try Self.names(owners, field: "owners") }
        if let contact = draft.contactEmail {
            if contact.isEmpty { endpoint.contactEmail = nil } else {
                _ = try MailAddress(contact, field: "contact_email")
                endpoint.contactEmail = contact
            }
        }
        if let enabled = draft.enabled {
            endpoint.status = enabled ? .enabled : .disabled
            endpoint.disabledReason = enabled ? nil : "disabled by a person"
        }
    }

    private static func names(_ values: [String], field: String) throws -> [String] {
        guard values.count <= 100 else { throw ValidationError(field: field, "may list at most 100 values") }
        for (index, value) in values.enumerated() {
            guard !value.isEmpty, value.count <= 200, !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw ValidationError(field: "\(field)[\(index)]", "must be 1 to 200 characters without control characters")
            }
        }
        return values
    }

    /// A Slack URL with its secret path cut: `https://hooks.slack.com/services/T000/…`.
    static func redacted(_ url: URL) -> String {
        let parts = url.path.split(separator: "/")
        return "\(url.scheme ?? "https")://\(url.host ?? "")\(url.port.map { ":\($0)" } ?? "")/\(parts.prefix(2).joined(separator: "/"))/…"
    }

    private func record(_ id: String) async throws -> EndpointRecord {
        guard let record = try await store.endpoint(id: id) else { throw StoreError(.notFound, "no endpoint \(id)") }
        return record
    }

    private func seal(_ secrets: EndpointSecrets, kind: NotificationEndpoint.Kind) throws -> String {
        guard kind != .email else { return "" }
        guard let box = configuration.secretBox else {
            throw ValidationError(field: "TENURE_SECRET_KEY", "must be set to store webhook and Slack secrets encrypted (make one with: openssl rand -base64 32)")
        }
        return try box.seal(secrets)
    }

    private func open(_ record: EndpointRecord) throws -> EndpointSecrets {
        guard record.endpoint.kind != .email else { return EndpointSecrets() }
        guard let box = configuration.secretBox else {
            throw ValidationError(field: "TENURE_SECRET_KEY", "must be set to open the endpoint's secrets")
        }
        return try box.open(record.sealedSecrets)
    }
}
