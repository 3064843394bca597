import Foundation
import Hummingbird
import NIOCore
import TenureCore
import TenureStore

extension Request {
    /// Reads the JSON body and decodes it as `T`, answering 415 for a non-JSON
    /// content type, 413 for a body over the limit and 400 naming the field
    /// for malformed JSON, wrong types, unknown enum values and missing fields.
    func decodeJSON<T: Decodable>(as type: T.Type, context: TenureRequestContext) async throws -> T {
        if let contentType = headers[.contentType], !contentType.lowercased().hasPrefix("application/json") {
            throw APIError(.unsupportedMediaType, "send the body as application/json (got \(contentType))")
        }
        let data = try await collectUTF8(context: context, expecting: "a JSON object")
        do {
            try StrictJSON.check(data)
            return try JSONCoding.decoder.decode(T.self, from: data)
        } catch let DecodingError.dataCorrupted(details) where details.codingPath.isEmpty {
            throw APIError.malformedJSON(data)
        } catch let error as DecodingError {
            throw APIError(error)
        } catch let error as ValidationError {
            throw APIError(.badRequest, code: "invalid_json", error.message, field: error.field)
        }
    }
}

extension RequestBody {
    /// The whole body, or a 413 that names `limit` (in bytes) when it is longer.
    func collect(limit: Int) async throws -> ByteBuffer {
        do {
            return try await collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw APIError(.contentTooLarge, "the request body is larger than the \(APIError.size(limit)) limit")
        }
    }
}

extension Request {
    /// The whole body, checked to be non-empty, within the upload limit (413
    /// otherwise) and valid UTF-8; `expecting` names what to send in the error.
    func collectUTF8(context: TenureRequestContext, expecting: String) async throws -> Data {
        let buffer = try await body.collect(limit: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { throw APIError.badRequest("the request body is empty; send \(expecting)") }
        let data = Data(buffer: buffer)
        guard String(validating: data, as: UTF8.self) != nil else {
            throw APIError.badRequest("the request body is not valid UTF-8")
        }
        return data
    }
}

extension APIError {
    /// A byte count as people say it: `4 MiB`, `64 KiB`, `512 bytes`.
    static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10 && bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }

    /// Foundation reports a number that does not fit its field (a fraction or
    /// 10^20 for an integer) as invalid JSON without a path. When the body is
    /// in fact well-formed JSON, find the number that cannot be an integer and name it.
    static func malformedJSON(_ data: Data) -> APIError {
        guard let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            return APIError(.badRequest, code: "invalid_json", "the body is not valid JSON")
        }
        let field = suspiciousNumber(in: object, path: "")
        return APIError(.badRequest, code: "invalid_json",
                        "must be a whole number between \(Int64.min) and \(Int64.max)", field: field.map { $0.isEmpty ? "body" : $0 })
    }

    private static func suspiciousNumber(in value: Any, path: String) -> String? {
        switch value {
        case let object as [String: Any]:
            for key in object.keys.sorted() {
                if let found = suspiciousNumber(in: object[key]!, path: path.isEmpty ? key : "\(path).\(key)") { return found }
            }
        case let array as [Any]:
            for (index, element) in array.enumerated() {
                if let found = suspiciousNumber(in: element, path: "\(path)[\(index)]") { return found }
            }
        case let number as NSNumber where !(value is String):
            let double = number.doubleValue
            if double != double.rounded() || abs(double) >= 9.2e18 { return path }
        default:
            break
        }
        return nil
    }
}

extension APIError {
    /// A 400 that says which field of the JSON was wrong and how.
    init(_ error: DecodingError) {
        let described = ValidationError(error)
        self.init(.badRequest, code: "invalid_json",
                  described.field == nil ? "the body is not valid JSON" : described.message, field: described.field)
    }
}

extension Request {
    /// The body as a YAML or JSON document (a definition, a playbook) in the format its `Content-Type` names:
    /// `application/json` for JSON, `application/yaml` or `text/yaml` for YAML; 415 for any other. `what` names the
    /// document in messages, e.g. "a playbook".
    func document(context: TenureRequestContext, expecting what: String) async throws -> (source: String, format: DefinitionFormat) {
        let contentType = (headers[.contentType] ?? "").lowercased()
        let format: DefinitionFormat
        if contentType.hasPrefix("application/json") {
            format = .json
        } else if ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"].contains(where: contentType.hasPrefix) {
            format = .yaml
        } else {
            throw APIError(.unsupportedMediaType,
                           "send \(what) as application/yaml or application/json (got \(contentType.isEmpty ? "no content type" : contentType))")
        }
        return (String(decoding: try await collectUTF8(context: context, expecting: what), as: UTF8.self), format)
    }
}
