import Foundation
import Hummingbird
import TenureCore

/// Per-request state: Hummingbird's core context plus the caller the API key
/// authenticated, if any.
public struct TenureRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The API key that authenticated this request (set by ``APIKeyAuthenticator``).
    public var caller: Caller?
    /// The person a dashboard session cookie signed in (set by ``SessionAuthenticator``).
    public var dashboardUser: DashboardUser?

    public init(source: Source) {
        coreContext = .init(source: source)
    }

    /// Largest request body the API reads: 1 MiB.
    public var maxUploadSize: Int { 1 << 20 }

    public var responseEncoder: JSONEncoder { JSONCoding.encoder }
    public var requestDecoder: JSONDecoder { JSONCoding.decoder }

    /// The API key that authenticated this request; 401 on a route that no ``APIKeyAuthenticator`` guards.
    public func authenticatedCaller() throws -> Caller {
        guard let caller else { throw APIError.unauthorized("this route needs an API key") }
        return caller
    }
}

/// Who is calling: the API key's id, name and role.
public struct Caller: Sendable, Hashable {
    public var keyID: String
    public var keyName: String
    public var role: Role
}

/// Who is using the dashboard: the signed-in user and the CSRF token their forms carry.
public struct DashboardUser: Sendable, Hashable {
    public var id: String
    public var email: String
    public var name: String
    public var role: Role
    /// The CSRF token of this session, put in every form.
    public var csrfToken: String
    /// Hash of the session token (to end the session on sign-out).
    var sessionHash: String
}
