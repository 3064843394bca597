import CompressNIO
import Foundation
import Hummingbird
import NIOCore
import TenureCore
import TenureIngest
import TenureStore

/// Segment's HTTP tracking API — `/v1/identify`, `/v1/group`, `/v1/track`,
/// `/v1/page`, `/v1/batch` — so Segment's own libraries can send to Tenure by
/// pointing their host here. Authenticated like Segment: HTTP Basic with a
/// write key (`tenure keys create --role writer`) as the user name; gzip
/// bodies accepted. Calls that fail validation are listed in the response,
/// and the valid calls of the same request are kept.
struct TrackingController {
    let store: any KeyStore
    let clock: WallClock
    let ingestor: SegmentIngestor

    /// Largest body read, compressed or not (Segment caps a batch at 500 KB).
    static let maximumBody = 4 << 20

    func register(on router: RouterGroup<TenureRequestContext>) {
        for type in ["identify", "group", "track", "page"] {
            router.post("v1/\(type)") { request, context in try await self.receive(request, context, type: type) }
        }
        router.post("v1/batch") { request, context in try await self.receive(request, context, type: nil) }
    }

    struct Receipt: ResponseEncodable {
        var success: Bool
        var accepted: Int
        var duplicates: Int
        var rejected: [SegmentIngestor.Rejection]
    }

    @Sendable func receive(_ request: Request, _ context: TenureRequestContext, type: String?) async throws -> Receipt {
        do {
            return try await handle(request, type: type)
        } catch var error as APIError {
            error.segmentCompatible = true
            throw error
        }
    }

    private func handle(_ request: Request, type: String?) async throws -> Receipt {
        let body = try await Self.body(of: request)
        try await authenticate(request, body: body)
        let messages: [SegmentMessage]
        var sentAt: String?
        do {
            if type == nil {
                let batch = try SegmentBatch(json: body)
                messages = batch.batch
                sentAt = batch.sentAt
            } else {
                messages = [try SegmentMessage(json: body)]
            }
        } catch {
            throw APIError(.badRequest, code: "invalid_json", error.message, field: error.field)
        }
        guard messages.count <= 10_000 else { throw APIError.badRequest("holds more than 10,000 calls", field: "batch") }
        let result = try await ingestor.ingest(messages, batchSentAt: sentAt, receivedAt: clock.now(), defaultType: type)
        OperatorMetrics.eventsIngested(source: "tracking", outcome: "new", count: result.accepted - result.duplicates)
        OperatorMetrics.eventsIngested(source: "tracking", outcome: "duplicate", count: result.duplicates)
        return Receipt(success: result.rejected.isEmpty, accepted: result.accepted, duplicates: result.duplicates, rejected: result.rejected)
    }

    /// The request body, gunzipped when `Content-Encoding: gzip`.
    static func body(of request: Request) async throws -> Data {
        var buffer = try await request.body.collect(limit: maximumBody)
        if request.headers[.contentEncoding]?.lowercased().contains("gzip") == true {
            do {
                buffer = try buffer.decompress(with: .gzip, maxSize: maximumBody * 4)
            } catch {
                throw APIError.badRequest("the body is not valid gzip (or inflates past \(maximumBody * 4 / (1 << 20)) MiB)")
            }
        }
        guard buffer.readableBytes > 0 else { throw APIError.badRequest("the request body is empty; send a JSON object") }
        return Data(buffer: buffer)
    }

    /// Checks the write key: Basic auth user name (as Segment's libraries send it), or `writeKey` in the body.
    func authenticate(_ request: Request, body: Data) async throws {
        var token: String?
        if let header = request.headers[.authorization], header.lowercased().hasPrefix("basic "),
           let decoded = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)) {
            token = String(decoding: decoded, as: UTF8.self).split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)
        } else if let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") {
            token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        } else {
            token = (try? JSONSerialization.jsonObject(with: body) as? [String: Any])?["writeKey"] as? String
        }
        let rejected = APIError.unauthorized("send a write key (tenure keys create --role writer) as the Basic auth user name")
        guard let token, let (id, secret) = APIKeys.parse(token), let record = try await store.apiKey(id: id),
              record.revokedAt == nil, APIKeys.verify(secret: secret, against: record.secretHash)
        else { throw rejected }
        guard record.role.allows(.writer) else {
            throw APIError(.forbidden, "the key '\(record.name)' is a \(record.role.rawValue) key; sending events needs a writer key")
        }
    }
}
