import Foundation
import Hummingbird
import TenureCore
import TenureStore

/// `GET /api/v1/stripe/events?status=failed` (members and admins): the stored Stripe
/// events that could not become facts, oldest first, with why. `tenure reprocess`
/// (or Stripe's retry of the same event) derives them again after a fix.
struct StripeEventsController {
    let store: any StripeEventStore

    func register(on group: RouterGroup<TenureRequestContext>) {
        group.requiring(.member).get(use: list)
    }

    /// Which events to list; only failed ones are listed so far.
    enum Status: String, StringEnum {
        case failed
    }

    /// A stored event as listed: what it is about and why it failed, not its payload.
    struct EventResource: Encodable, Sendable {
        var id: String
        var type: String
        /// Stripe's `created`, Unix seconds as Stripe sent it (a failed event's may be absurd).
        var created: Int64
        var objectType: String
        var objectID: String
        var receivedAt: Date
        var error: String?

        init(_ record: StripeEventRecord) {
            id = record.id
            type = record.type
            created = record.created
            objectType = record.objectType
            objectID = record.objectID
            receivedAt = record.receivedAt
            error = record.error
        }
    }

    @Sendable func list(_ request: Request, context: TenureRequestContext) async throws -> ListResource<EventResource> {
        let query = try QueryReader(request, allowed: ["status", "limit"])
        guard try query.enumeration("status", as: Status.self) != nil else {
            throw APIError.badRequest("is required: status=failed lists the events that could not become facts", field: "status")
        }
        let limit = try query.int("limit", default: 100, in: 1...1_000)
        return ListResource(data: try await store.failedStripeEvents(limit: limit).map(EventResource.init))
    }
}
