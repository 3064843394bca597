import Foundation
import Hummingbird
import TenureCore
import TenureStore

/// `/api/v1/events` (viewer): the outbox of domain events, newest first, and one event with the payload every
/// endpoint receives.
struct EventsController {
    let store: any NotificationStore

    func register(on group: RouterGroup<TenureRequestContext>) {
        let viewer = group.requiring(.viewer)
        viewer.get(use: list)
        viewer.get(":id", use: show)
    }

    /// `GET /api/v1/events?type=payment.failed&account_id=&limit=50&offset=0`
    @Sendable func list(_ request: Request, context: TenureRequestContext) async throws -> PageResource<EventResource> {
        let query = try QueryReader(request, allowed: ["type", "account_id", "limit", "offset"])
        let selection = EventQuery(type: try query.enumeration("type"), accountID: try query.string("account_id"),
                                   limit: try query.int("limit", default: 50, in: 1...500),
                                   offset: try query.int("offset", default: 0, in: 0...10_000_000))
        return PageResource(try await store.events(selection)) { EventResource($0) }
    }

    /// `GET /api/v1/events/{id}`: the event and its payload (`{"type", "timestamp", "data"}`).
    @Sendable func show(_ request: Request, context: TenureRequestContext) async throws -> EventDetailResource {
        _ = try QueryReader(request, allowed: [])
        let id = try context.parameters.decoded("id")
        guard let event = try await store.event(id: id) else { throw APIError.notFound("event '\(id)'") }
        return EventDetailResource(event: event)
    }
}
