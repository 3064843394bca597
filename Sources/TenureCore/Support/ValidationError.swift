import Foundation

/// A caller's mistake in a value handed to Tenure: which field is wrong and why,
/// worded so a person can fix it. The server turns it into a 4xx response.
public struct ValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Path of the offending field in snake_case, e.g. `"items[0].quantity"`.
    public var field: String?
    /// What is wrong, e.g. `"must be between 0 and 10"`.
    public var message: String

    public init(field: String?, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String {
        if let field { return "\(field): \(message)" }
        return message
    }
}

/// A value that can check its own invariants before it is stored.
public protocol Validatable {
    /// Throws a ``ValidationError`` naming the first field that breaks an invariant.
    func validate() throws(ValidationError)
}

/// Small checks shared by the model's `validate()` implementations.
///
/// Text of at most ``longText`` characters is an identifier, a name or a title and may hold no
/// control character; longer free text (summaries, comments) may hold tabs and line breaks only.
public enum Check {
    /// Longest text that counts as a name or identifier.
    static let longText = 1_000

    static func nonEmpty(_ value: String, _ field: String, maxLength: Int = 500) throws(ValidationError) {
        if value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError(field: field, "must not be empty")
        }
        try Check.maxLength(value, field, maxLength)
    }

    /// Refuses text longer than `maxLength` characters or holding control characters (see ``Check``).
    public static func maxLength(_ value: String?, _ field: String, _ maxLength: Int) throws(ValidationError) {
        guard let value else { return }
        // Characters never outnumber UTF-8 bytes: only text with more bytes than the limit is counted.
        if value.utf8.count > maxLength && value.count > maxLength {
            throw ValidationError(field: field, "must be at most \(maxLength) characters")
        }
        try characters(value, field, lineBreaks: maxLength > longText)
    }

    /// Refuses NUL and other control characters (all of them, or all but tab and line breaks).
    static func characters(_ value: String, _ field: String, lineBreaks: Bool) throws(ValidationError) {
        // The control characters (general category Cc) are exactly U+0000–U+001F and U+007F–U+009F.
        for scalar in value.unicodeScalars where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
            if lineBreaks && (scalar == "\t" || scalar == "\n" || scalar == "\r") { continue }
            throw ValidationError(field: field, String(format: "must not contain the control character U+%04X", scalar.value))
        }
    }

    public static func range<T: Comparable>(_ value: T?, _ field: String, _ range: ClosedRange<T>) throws(ValidationError) {
        if let value, !range.contains(value) {
            throw ValidationError(field: field, "must be between \(range.lowerBound) and \(range.upperBound)")
        }
    }

    static func ordered(_ earlier: Date?, before later: Date?, _ field: String, _ laterName: String) throws(ValidationError) {
        if let earlier, let later, later < earlier {
            throw ValidationError(field: field, "must not be after \(laterName)")
        }
    }
}

extension Check {
    static func email(_ value: String, _ field: String) throws(ValidationError) {
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard value.count <= 320, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !value.contains(where: \.isWhitespace)
        else { throw ValidationError(field: field, "must be an email address like name@example.com") }
    }
}

extension ValidationError {
    /// What a decoding failure says about the input, naming the field by its
    /// snake_case path (`signals[2].weight`): missing, of the wrong type, or
    /// holding a value that is not allowed.
    public init(_ error: DecodingError) {
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
            self.init(field: path(context.codingPath, appending: key), "is required")
        case .typeMismatch(let type, let context):
            self.init(field: path(context.codingPath), "must be \(Self.describe(type))")
        case .valueNotFound(let type, let context):
            self.init(field: path(context.codingPath), "must be \(Self.describe(type)), not null")
        case .dataCorrupted(let context):
            let field = path(context.codingPath)
            self.init(field: field, field == nil ? "the document is not valid JSON" : Self.corruptionMessage(context.debugDescription))
        @unknown default:
            self.init(field: nil, "the document could not be read")
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
