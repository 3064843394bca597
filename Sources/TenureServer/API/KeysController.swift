import Foundation
import Hummingbird
import TenureCore
import TenureStore

/// `/api/v1/keys` (admin only): list, create and revoke API keys. A new
/// key's token is returned once and never again.
struct KeysController {
    let store: any KeyStore
    let clock: WallClock

    func register(on group: RouterGroup<TenureRequestContext>) {
        group.requiring(.admin).get(use: list)
        group.requiring(.admin).post(use: create)
        group.requiring(.admin).delete(":id", use: revoke)
    }

    /// A key as listed: never its secret or hash.
    struct KeyResource: ResponseEncodable {
        var id: String
        var name: String
        var role: Role
        var createdAt: Date
        var lastUsedAt: Date?
        var revokedAt: Date?
        /// The full token, present only in the response that created the key.
        var token: String?

        init(_ record: APIKeyRecord, token: String? = nil) {
            id = record.id
            name = record.name
            role = record.role
            createdAt = record.createdAt
            lastUsedAt = record.lastUsedAt
            revokedAt = record.revokedAt
            self.token = token
        }
    }

    struct NewKey: Decodable {
        var name: String
        var role: Role
    }

    @Sendable func list(_ request: Request, context: TenureRequestContext) async throws -> ListResource<KeyResource> {
        _ = try QueryReader(request, allowed: [])
        return ListResource(data: try await store.apiKeys().map { KeyResource($0) })
    }

    @Sendable func create(_ request: Request, context: TenureRequestContext) async throws -> EditedResponse<KeyResource> {
        _ = try QueryReader(request, allowed: [])
        let body = try await request.decodeJSON(as: NewKey.self, context: context)
        let name = body.name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 100 else { throw APIError.badRequest("must be 1 to 100 characters", field: "name") }
        let issued = APIKeys.issue(name: name, role: body.role, at: clock.now())
        try await store.insertAPIKey(issued.record)
        return EditedResponse(status: .created, response: KeyResource(issued.record, token: issued.token))
    }

    @Sendable func revoke(_ request: Request, context: TenureRequestContext) async throws -> HTTPResponse.Status {
        let caller = try context.authenticatedCaller()
        _ = try QueryReader(request, allowed: [])
        let id = try context.parameters.decoded("id")
        guard id != caller.keyID else { throw APIError(.conflict, "a key cannot revoke itself; use another admin key") }
        guard try await store.revokeAPIKey(id: id, at: clock.now()) else { throw APIError.notFound("active key '\(id)'") }
        return .noContent
    }
}
