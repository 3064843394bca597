import Hummingbird

/// `GET /api/v1/openapi.json`: Tenure's API contract, public (no key), as a
/// contract usually is — it names routes and shapes, never data.
struct OpenAPIController {
    func register(on router: RouterGroup<TenureRequestContext>) {
        router.get("api/v1/openapi.json", use: document)
    }

    @Sendable func document(_ request: Request, context: TenureRequestContext) async throws -> Response {
        _ = try QueryReader(request, allowed: [])
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
    }
}
