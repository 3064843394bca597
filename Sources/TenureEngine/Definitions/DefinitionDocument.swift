import Foundation
import TenureCore
import TenureStore
import Yams

/// Reads and writes configuration documents — health score and segmentation
/// definitions — as YAML or JSON. Both go through Tenure's JSON decoding, so
/// keys are snake_case in either format and a mistake is reported the same
/// way: a ``ValidationError`` naming the field.
public enum DefinitionDocument {
    /// The text format of a document.
    public typealias Format = DefinitionFormat

    /// Largest document accepted, in bytes.
    public static let maximumSize = 256 * 1024

    /// Decodes and validates a document.
    public static func decode<T: Decodable & Validatable>(_ type: T.Type, from text: String, format: Format) throws -> T {
        let json = try jsonData(from: text, format: format)
        let value: T
        do {
            value = try JSONCoding.decoder.decode(T.self, from: json)
        } catch let error as DecodingError {
            throw ValidationError(error)
        }
        try value.validate()
        return value
    }

    /// The document as JSON bytes: checked for size, strict JSON, or YAML without aliases holding only JSON's kinds of value.
    public static func jsonData(from text: String, format: Format) throws -> Data {
        guard text.utf8.count <= maximumSize else {
            throw ValidationError(field: nil, "the document is larger than \(maximumSize / 1024) KiB")
        }
        switch format {
        case .json:
            let json = Data(text.utf8)
            try StrictJSON.check(json)
            return json
        case .yaml:
            try YAMLAliasCheck.check(text)
            let object: Any?
            do {
                object = try Yams.load(yaml: text)
            } catch {
                throw ValidationError(field: nil, "the document is not valid YAML: \(error)")
            }
            guard let object, JSONSerialization.isValidJSONObject(object) else {
                throw ValidationError(field: nil, "the document must be a YAML mapping (key: value lines) with only text, numbers, true/false, lists and mappings")
            }
            return try JSONSerialization.data(withJSONObject: object)
        }
    }

    /// `value` as a YAML document with snake_case keys, preceded by `comment` lines.
    public static func yaml<T: Encodable>(_ value: T, comment: String? = nil) throws -> String {
        let json = try JSONCoding.decoder.decode(JSONValue.self, from: JSONCoding.encoder.encode(value))
        let header = comment.map { $0.split(separator: "\n", omittingEmptySubsequences: false).map { "# \($0)" }.joined(separator: "\n") + "\n" } ?? ""
        return header + (try Yams.serialize(node: node(json)))
    }

    /// The YAML node of a JSON value, keys sorted, every scalar tagged with its type so it reads back the same.
    private static func node(_ value: JSONValue) -> Node {
        switch value {
        case .null: return Node("null", Tag(.null))
        case .bool(let flag): return Node(flag ? "true" : "false", Tag(.bool))
        case .number(let number):
            return number == number.rounded() && abs(number) < 1e15
                ? Node(String(Int64(number)), Tag(.int)) : Node(String(number), Tag(.float))
        case .string(let text): return Node(text, Tag(.str))
        case .array(let items): return Node(items.map(node))
        case .object(let fields): return Node(fields.sorted { $0.key < $1.key }.map { (Node($0.key, Tag(.str)), node($0.value)) })
        }
    }
}
