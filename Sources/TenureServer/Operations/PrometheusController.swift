import Foundation
import Hummingbird
import Prometheus

/// `GET /prometheus`: every swift-metrics metric of this process in Prometheus'
/// text format. When a scrape token is configured the caller must send it as
/// `Authorization: Bearer …`; without one the route is open, like `/healthz`.
struct PrometheusController {
    let registry: PrometheusCollectorRegistry
    /// The token a scraper must present, if any.
    let token: String?

    func register(on router: RouterGroup<TenureRequestContext>) {
        router.get("prometheus", use: scrape)
    }

    @Sendable func scrape(_ request: Request, context: TenureRequestContext) async throws -> Response {
        if let token {
            let sent = request.headers[.authorization].map { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : "" } ?? ""
            guard APIKeys.constantTimeEquals(Array(sent.utf8), Array(token.utf8)) else {
                throw APIError.unauthorized("this route needs the metrics token (TENURE_METRICS_TOKEN) as a bearer token")
            }
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
    }
}
