import Foundation
import Hummingbird
import TenureStore

/// `/healthz` (the process answers) and `/readyz` (the database answers and
/// its schema is current). Neither needs a key.
struct HealthController {
    let store: any Store

    func register(on router: RouterGroup<TenureRequestContext>) {
        router.get("healthz", use: health)
        router.get("readyz", use: ready)
    }

    struct Status: ResponseEncodable {
        var status: String
        var backend: String?
        var pendingMigrations: [Int]?
    }

    @Sendable func health(_ request: Request, context: TenureRequestContext) async throws -> Status {
        Status(status: "ok")
    }

    @Sendable func ready(_ request: Request, context: TenureRequestContext) async throws -> EditedResponse<Status> {
        do {
            let pending = try await store.pendingMigrations()
            let status = Status(status: pending.isEmpty ? "ready" : "migrations pending", backend: store.backend,
                                pendingMigrations: pending)
            return EditedResponse(status: pending.isEmpty ? .ok : .serviceUnavailable, response: status)
        } catch {
            context.logger.warning("readiness check failed: \(error)")
            return EditedResponse(status: .serviceUnavailable, response: Status(status: "database unavailable", backend: store.backend))
        }
    }
}
