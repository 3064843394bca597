import Foundation
import Hummingbird
import TenureCore

extension Request {
    /// Reads the JSON body and decodes it as `T`, answering 415 for a non-JSON
    /// content type, 413 for a body over the limit and 400 naming the field
    /// for malformed JSON, wrong types, unknown enum values and missing fields.
    func decodeJSON<T: Decodable>(as type: T.Type, context: TenureRequestContext) async throws -> T {
        if let contentType = headers[.contentType], !contentType.lowercased().hasPrefix("application/json") {
            throw APIError(.unsupportedMediaType, "send the body as application/json (got \(contentType))")
        }
        let body = self.body
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { throw APIError.badRequest("the request body is empty; send a JSON object") }
        let data = Data(buffer: buffer)
        guard String(validating: data, as: UTF8.self) != nil else {
            throw APIError.badRequest("the request body is not valid UTF-8")
        }
        do {
            return try JSONCoding.decoder.decode(T.self, from: data)
        } catch let DecodingError.dataCorrupted(details) where details.codingPath.isEmpty {
            throw APIError.malformedJSON(data)
        } catch let error as DecodingError {
            throw APIError(error)
        }
    }
}

extension APIError {
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
        func path(_ codingPath: [any CodingKey], appending key: (any CodingKey)? = nil) -> String? {
            let keys = codingPath + (key.map { [$0] } ?? [])
            guard !keys.isEmpty else { return nil }
            return keys.reduce(into: "") { result, key in
                if let index = key.intValue {
                    result += "[\(index)]"
                } else {
                    result += (result.isEmpty ? "" : ".") + JSONCoding.snakeCase(key.stringValue)
                }
            }
        }
        switch error {
        case .keyNotFound(let key, let context):
            self.init(.badRequest, code: "invalid_json", "is required", field: path(context.codingPath, appending: key))
        case .typeMismatch(let type, let context):
            self.init(.badRequest, code: "invalid_json", "must be \(Self.describe(type))", field: path(context.codingPath))
        case .valueNotFound(let type, let context):
            self.init(.badRequest, code: "invalid_json", "must be \(Self.describe(type)), not null", field: path(context.codingPath))
        case .dataCorrupted(let context):
            let field = path(context.codingPath)
            let message = field == nil ? "the body is not valid JSON" : Self.corruptionMessage(context.debugDescription)
            self.init(.badRequest, code: "invalid_json", message, field: field)
        @unknown default:
            self.init(.badRequest, code: "invalid_json", "the body could not be read as JSON")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is [Any].Type: "an array"
        default: String(describing: type).hasPrefix("Dictionary") ? "an object" : "a \(String(describing: type))"
        }
    }

    private static func corruptionMessage(_ description: String) -> String {
        if description.hasPrefix("unknown value") || description.hasPrefix("unknown currency") { return description }
        if description.contains("does not fit") || description.contains("Number") { return "is a number out of range" }
        return "has a value that is not allowed (\(description))"
    }
}
