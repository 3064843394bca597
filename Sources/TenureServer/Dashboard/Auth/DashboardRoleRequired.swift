import Hummingbird
import TenureCore

/// Lets through only people whose role allows `role`; anyone else gets a 403 page in the dashboard's frame saying
/// what the role is needed for.
struct DashboardRoleRequired: RouterMiddleware {
    typealias Context = TenureRequestContext
    let role: Role
    /// What the role is needed for, e.g. `run playbooks`.
    let purpose: String

    init(role: Role, to purpose: String) {
        self.role = role
        self.purpose = purpose
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let user = context.dashboardUser else { return DashboardResponses.redirect(to: "/login") }
        guard user.role.allows(role) else {
            let title = role == .admin ? "Admins only" : "Not allowed"
            return DashboardResponses.html(
                Layout.page(title: title, section: nil, user: user, content: """
                    <h1>\(title)</h1><p>You need the \(role.rawValue) role to \(purpose); you are signed in as \(user.role.rawValue). \
                    Ask an admin, or go to the <a href="/">overview</a>.</p><p class="muted">Error 403</p>
                    """),
                status: .forbidden)
        }
        return try await next(request, context)
    }
}
