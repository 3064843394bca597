import Foundation
import Hummingbird
import TenureCore
import TenureStore

/// `/api/v1/deliveries` (admin only): each event's delivery to each endpoint, the log of its attempts, and replay —
/// of one delivery, or of every delivery a filter selects — which makes them pending and due now, with a fresh
/// retry schedule and the same `webhook-id`.
struct DeliveriesController {
    let store: any NotificationStore
    let clock: WallClock

    func register(on group: RouterGroup<TenureRequestContext>) {
        let admin = group.requiring(.admin)
        admin.get(use: list)
        admin.post("replay", use: replayMany)
        admin.get(":id", use: show)
        admin.post(":id/replay", use: replay)
    }

    /// `GET /api/v1/deliveries?endpoint_id=&event_id=&status=failed&event_type=&since=&until=&limit=50&offset=0`, newest first.
    @Sendable func list(_ request: Request, context: TenureRequestContext) async throws -> PageResource<DeliveryResource> {
        let query = try QueryReader(request, allowed: ["endpoint_id", "event_id", "status", "event_type", "since", "until", "limit", "offset"])
        let selection = DeliveryQuery(
            endpointID: try query.string("endpoint_id"), eventID: try query.string("event_id"), status: try query.enumeration("status"),
            eventType: try query.enumeration("event_type"), since: try query.date("since"), until: try query.date("until"),
            limit: try query.int("limit", default: 50, in: 1...500), offset: try query.int("offset", default: 0, in: 0...10_000_000))
        return PageResource(try await store.deliveries(selection)) { DeliveryResource($0) }
    }

    /// `GET /api/v1/deliveries/{id}`: the delivery and every attempt, first to last.
    @Sendable func show(_ request: Request, context: TenureRequestContext) async throws -> DeliveryResource {
        _ = try QueryReader(request, allowed: [])
        let delivery = try await delivery(context)
        return DeliveryResource(delivery, attempts: try await store.deliveryAttempts(deliveryID: delivery.id))
    }

    /// `POST /api/v1/deliveries/{id}/replay`: the delivery, pending and due now.
    @Sendable func replay(_ request: Request, context: TenureRequestContext) async throws -> DeliveryResource {
        _ = try QueryReader(request, allowed: [])
        let delivery = try await delivery(context)
        // One delivery per event and endpoint, so the pair selects exactly this one.
        _ = try await store.replayDeliveries(DeliveryQuery(endpointID: delivery.endpointID, eventID: delivery.eventID), at: clock.now())
        guard let replayed = try await store.delivery(id: delivery.id) else { throw APIError.notFound("delivery '\(delivery.id)'") }
        return DeliveryResource(replayed)
    }

    /// Which deliveries `POST /api/v1/deliveries/replay` replays: a time range, an endpoint or an event, narrowed by the rest.
    struct ReplaySelection: Decodable {
        var endpointID: String?
        var eventID: String?
        var status: DeliveryStatus?
        var eventType: EventType?
        var since: Date?
        var until: Date?
    }

    struct Replayed: ResponseEncodable {
        var replayed: Int
    }

    /// `POST /api/v1/deliveries/replay`: `since` and `until` are required unless `endpoint_id` or `event_id` is given.
    @Sendable func replayMany(_ request: Request, context: TenureRequestContext) async throws -> Replayed {
        _ = try QueryReader(request, allowed: [])
        let body = try await request.decodeJSON(as: ReplaySelection.self, context: context)
        try Check.maxLength(body.endpointID, "endpoint_id", 200)
        try Check.maxLength(body.eventID, "event_id", 200)
        if body.endpointID == nil && body.eventID == nil {
            guard body.since != nil else { throw ValidationError(field: "since", "is required unless endpoint_id or event_id is given") }
            guard body.until != nil else { throw ValidationError(field: "until", "is required unless endpoint_id or event_id is given") }
        }
        if let since = body.since, let until = body.until, since >= until {
            throw ValidationError(field: "until", "must be after since")
        }
        let selection = DeliveryQuery(endpointID: body.endpointID, eventID: body.eventID, status: body.status, eventType: body.eventType,
                                      since: body.since, until: body.until)
        return Replayed(replayed: try await store.replayDeliveries(selection, at: clock.now()))
    }

    private func delivery(_ context: TenureRequestContext) async throws -> DeliveryRecord {
        let id = try context.parameters.decoded("id")
        guard let delivery = try await store.delivery(id: id) else { throw APIError.notFound("delivery '\(id)'") }
        return delivery
    }
}
