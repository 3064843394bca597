import Hummingbird
import TenureCore

/// Lets a request through only when the API key that authenticated it has `role` (or a role that
/// includes it): 403 naming both otherwise. Route groups carry it, so handlers never check roles.
struct RoleMiddleware: RouterMiddleware {
    typealias Context = TenureRequestContext
    let role: Role

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let caller = try context.authenticatedCaller()
        guard caller.role.allows(role) else {
            throw APIError(.forbidden, "this action needs the \(role.rawValue) role; the key '\(caller.keyName)' has \(caller.role.rawValue)")
        }
        return try await next(request, context)
    }
}

extension RouterGroup<TenureRequestContext> {
    /// A group at the same path whose routes need an API key with `role`.
    func requiring(_ role: Role) -> RouterGroup<TenureRequestContext> {
        group().add(middleware: RoleMiddleware(role: role))
    }
}
