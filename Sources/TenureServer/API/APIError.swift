import Foundation
import Hummingbird
import TenureCore
import TenureStore

/// An error answered to an API caller as Tenure's one JSON envelope:
/// `{"error":{"code":"…","message":"…","field":"…"}}`.
public struct APIError: Error, HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    /// Stable machine-readable code, e.g. `"validation_failed"`.
    public var code: String
    /// What went wrong and how to fix it, for a person.
    public var message: String
    /// The request field at fault, in snake_case, when there is one.
    public var field: String?
    public var headers: HTTPFields = [:]
    /// Also put `code` and `message` at the top level, where Segment's client libraries read them.
    public var segmentCompatible = false

    public init(_ status: HTTPResponse.Status, code: String? = nil, _ message: String, field: String? = nil) {
        self.status = status
        self.code = code ?? APIError.defaultCode(status)
        self.message = message
        self.field = field
    }

    static func badRequest(_ message: String, field: String? = nil) -> APIError {
        APIError(.badRequest, message, field: field)
    }

    static func unauthorized(_ message: String) -> APIError {
        var error = APIError(.unauthorized, message)
        error.headers[.wwwAuthenticate] = "Bearer realm=\"tenure\""
        return error
    }

    static func notFound(_ what: String) -> APIError { APIError(.notFound, "\(what) was not found") }

    /// A 500 naming the request id its failure was logged under (the log line carries `hb.request.id`).
    static func `internal`(request id: String) -> APIError {
        APIError(.internalServerError, "an internal error occurred; it has been logged with request id \(id)")
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var body = ["code": code, "message": message]
        if let field { body["field"] = field }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = segmentCompatible
            ? try encoder.encode(SegmentEnvelope(error: body, code: code, message: field.map { "\($0): \(message)" } ?? message))
            : try encoder.encode(["error": body])
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.xContentTypeOptions] = "nosniff"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private static func defaultCode(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "bad_request"
        case 401: "unauthorized"
        case 403: "forbidden"
        case 404: "not_found"
        case 405: "method_not_allowed"
        case 409: "conflict"
        case 413: "payload_too_large"
        case 415: "unsupported_media_type"
        case 422: "validation_failed"
        case 503: "unavailable"
        default: status.code >= 500 ? "internal" : "error"
        }
    }
}

/// The envelope with Segment's top-level `code` and `message` beside it.
private struct SegmentEnvelope: Encodable {
    var error: [String: String]
    var code: String
    var message: String
}

/// Turns every error a route throws into the JSON envelope, so callers see
/// one error shape whatever failed; unexpected errors become a 500 that is
/// logged but does not leak internals.
struct ErrorEnvelopeMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as ValidationError {
            throw APIError(.unprocessableContent, error.message, field: error.field)
        } catch let error as StoreError {
            switch error.code {
            case .conflict: throw APIError(.conflict, error.message)
            case .notFound: throw APIError(.notFound, error.message)
            case .missingReference: throw APIError(.unprocessableContent, code: "missing_reference", error.message)
            case .invalidValue: throw APIError(.unprocessableContent, code: "invalid_value", error.message)
            case .unavailable, .contention:
                var unavailable = APIError(.serviceUnavailable, "the database is unavailable; try again shortly")
                unavailable.headers[.retryAfter] = "5"
                throw unavailable
            case .configuration, .corrupt, .statementFailed:
                context.logger.error("store failure: \(error)")
                throw APIError.internal(request: context.id)
            }
        } catch let error as HTTPError where error.status == .notFound && !DocumentedRoutes.methods(at: request.uri.path).isEmpty {
            // The router knows the path but not the method.
            let allowed = DocumentedRoutes.methods(at: request.uri.path).joined(separator: ", ")
            var refused = APIError(.methodNotAllowed, "\(request.method) is not served at \(request.uri.path); it takes \(allowed)")
            refused.headers[.allow] = allowed
            throw refused
        } catch let error as any HTTPResponseError {
            let message = (error as? HTTPError)?.body ?? Self.message(for: error.status, request: request)
            throw APIError(error.status, message)
        } catch {
            context.logger.error("unhandled error on \(request.method) \(request.uri.path): \(String(reflecting: error))")
            throw APIError.internal(request: context.id)
        }
    }

    private static func message(for status: HTTPResponse.Status, request: Request) -> String {
        switch status.code {
        case 404: "no route \(request.method) \(request.uri.path); see the README for the API's routes"
        case 413: "the request body is too large"
        default: status.reasonPhrase
        }
    }
}
