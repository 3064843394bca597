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
enum Check {
    static func nonEmpty(_ value: String, _ field: String, maxLength: Int = 500) throws(ValidationError) {
        if value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError(field: field, "must not be empty")
        }
        if value.count > maxLength {
            throw ValidationError(field: field, "must be at most \(maxLength) characters")
        }
    }

    static func maxLength(_ value: String?, _ field: String, _ maxLength: Int) throws(ValidationError) {
        if let value, value.count > maxLength {
            throw ValidationError(field: field, "must be at most \(maxLength) characters")
        }
    }

    static func range<T: Comparable>(_ value: T?, _ field: String, _ range: ClosedRange<T>) throws(ValidationError) {
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
