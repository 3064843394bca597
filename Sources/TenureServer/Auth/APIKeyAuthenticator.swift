import Foundation
import Hummingbird
import TenureCore
import TenureStore

/// Requires `Authorization: Bearer tnr_…` on every request it guards and
/// records the caller in the context; answers 401 for a missing, malformed,
/// unknown or revoked key, always with the same message so probing learns
/// nothing.
struct APIKeyAuthenticator: RouterMiddleware {
    typealias Context = TenureRequestContext
    let store: any KeyStore
    let clock: WallClock

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            throw APIError.unauthorized("send an API key as 'Authorization: Bearer tnr_…'; create one with `tenure keys create`")
        }
        let rejected = APIError.unauthorized("the API key is not valid")
        guard header.count < 200, header.lowercased().hasPrefix("bearer "),
              let (id, secret) = APIKeys.parse(String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)),
              let record = try await store.apiKey(id: id)
        else { throw rejected }
        guard APIKeys.verify(secret: secret, against: record.secretHash), record.revokedAt == nil else { throw rejected }
        let now = clock.now()
        if (record.lastUsedAt.map { now.timeIntervalSince($0) > 60 } ?? true) {
            try await store.markAPIKeyUsed(id: id, at: now)
        }
        var context = context
        context.caller = Caller(keyID: record.id, keyName: record.name, role: record.role)
        return try await next(request, context)
    }
}
