import Foundation
import Hummingbird
import TenureCore
import TenureNotify
import TenureStore

/// `/api/v1/webhook-endpoints` (admin only): where notifications go — webhooks, Slack and email — created,
/// changed, disabled and enabled, sent a test `ping`, and a webhook's signing secret rotated. A signing secret is
/// shown once, in the response that made it; the stored copy is sealed and never returned.
struct EndpointsController {
    let store: any NotificationStore
    let notifier: Notifier

    func register(on group: RouterGroup<TenureRequestContext>) {
        let admin = group.requiring(.admin)
        admin.get(use: list)
        admin.post(use: create)
        admin.get(":id", use: show)
        admin.patch(":id", use: update)
        admin.post(":id/disable", use: disable)
        admin.post(":id/enable", use: enable)
        admin.post(":id/test", use: test)
        admin.post(":id/rotate-secret", use: rotate)
    }

    /// `GET /api/v1/webhook-endpoints`: every endpoint, oldest first.
    @Sendable func list(_ request: Request, context: TenureRequestContext) async throws -> ListResource<EndpointResource> {
        _ = try QueryReader(request, allowed: [])
        return ListResource(data: try await store.endpoints().map { EndpointResource($0.endpoint) })
    }

    /// `POST /api/v1/webhook-endpoints`: 201 with the endpoint and, for a webhook, its signing secret (this once).
    @Sendable func create(_ request: Request, context: TenureRequestContext) async throws -> EditedResponse<EndpointResource> {
        _ = try QueryReader(request, allowed: [])
        let draft = try await request.decodeJSON(as: Notifier.EndpointDraft.self, context: context)
        let created = try await notifier.create(draft)
        return EditedResponse(status: .created, response: EndpointResource(created.endpoint, secret: created.secret))
    }

    @Sendable func show(_ request: Request, context: TenureRequestContext) async throws -> EndpointResource {
        _ = try QueryReader(request, allowed: [])
        let id = try context.parameters.decoded("id")
        guard let record = try await store.endpoint(id: id) else { throw APIError.notFound("endpoint '\(id)'") }
        return EndpointResource(record.endpoint)
    }

    /// `PATCH /api/v1/webhook-endpoints/{id}`: fields left out keep their value; `kind` cannot change.
    @Sendable func update(_ request: Request, context: TenureRequestContext) async throws -> EndpointResource {
        _ = try QueryReader(request, allowed: [])
        let id = try context.parameters.decoded("id")
        let draft = try await request.decodeJSON(as: Notifier.EndpointDraft.self, context: context)
        return EndpointResource(try await notifier.update(id: id, draft))
    }

    @Sendable func disable(_ request: Request, context: TenureRequestContext) async throws -> EndpointResource {
        try await setEnabled(false, request, context)
    }

    /// Enabling clears the reason it was disabled; failed deliveries stay failed until replayed.
    @Sendable func enable(_ request: Request, context: TenureRequestContext) async throws -> EndpointResource {
        try await setEnabled(true, request, context)
    }

    private func setEnabled(_ enabled: Bool, _ request: Request, _ context: TenureRequestContext) async throws -> EndpointResource {
        _ = try QueryReader(request, allowed: [])
        let id = try context.parameters.decoded("id")
        return EndpointResource(try await notifier.update(id: id, Notifier.EndpointDraft(enabled: enabled)))
    }

    /// `POST …/{id}/test`: a `ping` event to this endpoint alone; 202 with its pending delivery.
    @Sendable func test(_ request: Request, context: TenureRequestContext) async throws -> EditedResponse<DeliveryResource> {
        _ = try QueryReader(request, allowed: [])
        let id = try context.parameters.decoded("id")
        return EditedResponse(status: .accepted, response: DeliveryResource(try await notifier.sendTest(id: id)))
    }

    struct Rotation: Decodable {
        var overlapSeconds: Int?
    }

    struct NewSecret: ResponseEncodable {
        var secret: String
    }

    /// `POST …/{id}/rotate-secret` with an optional `{"overlap_seconds": 86400}`: the new secret, shown this once;
    /// the old ones keep signing for the overlap.
    @Sendable func rotate(_ request: Request, context: TenureRequestContext) async throws -> NewSecret {
        _ = try QueryReader(request, allowed: [])
        let id = try context.parameters.decoded("id")
        var request = request
        let body = try await request.body.collect(limit: context.maxUploadSize)
        request.body = RequestBody(buffer: body)
        let overlap = body.readableBytes == 0 ? nil : try await request.decodeJSON(as: Rotation.self, context: context).overlapSeconds
        return NewSecret(secret: try await notifier.rotateSecret(id: id, overlap: TimeInterval(overlap ?? 86_400)))
    }
}
