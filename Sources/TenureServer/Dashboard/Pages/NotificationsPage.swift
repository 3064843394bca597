import Foundation
import TenureCore
import TenureNotify
import TenureStore

/// The fields the "Add an endpoint" form posts. Checkboxes post `event_types[]`, `segments[]` and `owners[]`
/// (one key per ticked box, which the form decoder reads as an array).
struct EndpointForm: Decodable, Sendable, Hashable {
    var kind: String?
    var target: String?
    var description: String?
    var eventTypes: [String]?
    var segments: [String]?
    var owners: [String]?
    var contactEmail: String?

    enum CodingKeys: String, CodingKey {
        case kind, target, description, segments, owners
        case eventTypes = "event_types"
        case contactEmail = "contact_email"
    }

    /// The endpoint the form describes, for ``Notifier/create(_:)``; what the notifier checks is left to it.
    func draft() throws -> Notifier.EndpointDraft {
        let kindText = kind.trimmedText ?? ""
        guard let kind = NotificationEndpoint.Kind(rawValue: kindText) else {
            throw ValidationError(field: "kind", "choose webhook, slack or email")
        }
        let types = (eventTypes ?? []).filter { !$0.isEmpty }
        return Notifier.EndpointDraft(
            kind: kind, target: target.trimmedText, description: description.trimmedText ?? "",
            eventTypes: types.isEmpty ? nil : (types.contains("*") ? ["*"] : types),
            segments: (segments ?? []).filter { !$0.isEmpty }, owners: (owners ?? []).filter { !$0.isEmpty },
            contactEmail: contactEmail.trimmedText)
    }
}

/// What an action did, carried in the query string of the redirect after it (`done=tested&endpoint=ep_…`) and
/// turned back into a sentence here: the page never shows text taken whole from a URL.
struct NotificationsNotice: Sendable, Hashable {
    enum Action: String, Sendable {
        case created, tested, enabled, disabled, replayed
        case replayedFailed = "replayed-failed"
    }

    var action: Action
    var endpoint: String?
    var delivery: String?
    var count: Int?

    /// Reads `done`, `endpoint`, `delivery` and `count`; `nil` without a known `done`.
    init?(query: [String: String]) {
        guard let action = query["done"].flatMap(Action.init(rawValue:)) else { return nil }
        self.action = action
        endpoint = query["endpoint"].flatMap { $0.isEmpty ? nil : String($0.prefix(100)) }
        delivery = query["delivery"].flatMap { $0.isEmpty ? nil : String($0.prefix(100)) }
        count = query["count"].flatMap { Int($0) }
    }

    init(_ action: Action, endpoint: String? = nil, delivery: String? = nil, count: Int? = nil) {
        self.action = action
        self.endpoint = endpoint
        self.delivery = delivery
        self.count = count
    }

    /// The query string of the redirect that reports this (on the deliveries page, `endpoint` filters them too).
    func query() -> String {
        Layout.query([("done", action.rawValue), ("endpoint", endpoint), ("delivery", delivery), ("count", count.map(String.init))])
    }

    /// The sentence shown.
    var message: String {
        let endpoint = endpoint ?? "the endpoint"
        switch action {
        case .created: return "Endpoint \(endpoint) was added."
        case .tested: return "A test ping is on its way to \(endpoint)\(delivery.map { " (delivery \($0))" } ?? ""); it appears under the recent deliveries."
        case .enabled: return "Endpoint \(endpoint) is enabled. Deliveries that failed meanwhile stay failed until you replay them."
        case .disabled: return "Endpoint \(endpoint) is disabled: nothing is sent to it until it is enabled again."
        case .replayed: return "Delivery \(delivery ?? "") will be sent again now, with the same webhook-id."
        case .replayedFailed:
            let count = count ?? 0
            return "\(count) failed \(count == 1 ? "delivery" : "deliveries") of \(endpoint) will be sent again now."
        }
    }
}

/// Settings → Notifications: every endpoint with its actions, the form that adds one, and the latest deliveries.
struct NotificationsPage: Sendable {
    /// How many deliveries the settings page itself shows.
    static let recentCount = 10

    var endpoints: [NotificationEndpoint]
    var recent: Page<DeliveryRecord>
    var segments: [String]
    var owners: [CSM]
    /// The add form's values (kept after a refused submission).
    var form: EndpointForm
    /// Why the add form was refused.
    var formError: ValidationError?
    /// Why an action on an endpoint was refused.
    var actionError: String?
    var notice: NotificationsNotice?
    var csrf: String

    static func load(store: any Store, csrf: String, form: EndpointForm = EndpointForm(kind: "webhook"), formError: ValidationError? = nil,
                     actionError: String? = nil, notice: NotificationsNotice? = nil) async throws -> NotificationsPage {
        async let endpoints = store.endpoints()
        async let recent = store.deliveries(DeliveryQuery(limit: recentCount))
        async let segments = store.accountSegments()
        async let owners = store.csms()
        return NotificationsPage(
            endpoints: try await endpoints.map(\.endpoint), recent: try await recent, segments: try await segments, owners: try await owners,
            form: form, formError: formError, actionError: actionError, notice: notice, csrf: csrf)
    }
}

/// The delivery log, newest first, filtered by endpoint and status, paged.
struct DeliveriesPage: Sendable {
    static let pageSize = 50

    /// The filters, read from and written to the URL.
    struct Filters: Sendable, Hashable {
        var endpoint: String?
        var status: DeliveryStatus?
        var offset = 0

        /// Reads `endpoint`, `status` and `offset`; ignores anything malformed.
        init(query: [String: String]) {
            endpoint = query["endpoint"].flatMap { $0.isEmpty ? nil : String($0.prefix(200)) }
            status = query["status"].flatMap(DeliveryStatus.init(rawValue:))
            offset = max(0, min(10_000_000, Int(query["offset"] ?? "") ?? 0))
        }

        func link(offset: Int) -> String {
            NotificationsPaths.deliveries + Layout.query([("endpoint", endpoint), ("status", status?.rawValue),
                                                          ("offset", offset > 0 ? String(offset) : nil)])
        }
    }

    var filters: Filters
    var deliveries: Page<DeliveryRecord>
    var endpoints: [NotificationEndpoint]
    var notice: NotificationsNotice?
    var csrf: String

    static func load(store: any Store, filters: Filters, csrf: String, notice: NotificationsNotice?) async throws -> DeliveriesPage {
        async let deliveries = store.deliveries(DeliveryQuery(endpointID: filters.endpoint, status: filters.status, limit: pageSize,
                                                              offset: filters.offset))
        async let endpoints = store.endpoints()
        return DeliveriesPage(filters: filters, deliveries: try await deliveries, endpoints: try await endpoints.map(\.endpoint),
                              notice: notice, csrf: csrf)
    }
}

/// One delivery with every attempt, first to last.
struct DeliveryDetailPage: Sendable {
    var delivery: DeliveryRecord
    var attempts: [DeliveryAttempt]
    var endpoint: NotificationEndpoint?
    var notice: NotificationsNotice?
    var csrf: String
}

/// The paths of the notification settings.
enum NotificationsPaths {
    static let settings = "/settings/notifications"
    static let deliveries = "/settings/notifications/deliveries"

    /// `/settings/notifications/endpoints/{id}/{action}`.
    static func endpoint(_ id: String, _ action: String) -> String {
        "\(settings)/endpoints/\(component(id))/\(action)"
    }

    /// `/settings/notifications/deliveries/{id}`, and `…/{id}/{action}` with one.
    static func delivery(_ id: String, _ action: String? = nil) -> String {
        "\(deliveries)/\(component(id))" + (action.map { "/\($0)" } ?? "")
    }

    static func component(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
