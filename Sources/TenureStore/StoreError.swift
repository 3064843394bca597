/// A failure of the store that callers can act on, with a stable code.
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }

    /// Stable error kinds.
    public enum Code: String, Sendable, Hashable {
        /// A write would break a uniqueness rule (two accounts with one Stripe customer id).
        case conflict
        /// A record refers to one that does not exist.
        case missingReference = "missing_reference"
        /// The record an operation names does not exist.
        case notFound = "not_found"
        /// A value breaks a rule of the schema other than uniqueness or a reference (NOT NULL, CHECK).
        case invalidValue = "invalid_value"
        /// The database URL or configuration is unusable.
        case configuration
        /// Stored data could not be read back.
        case corrupt
        /// The database server could not be reached or refused the operation.
        case unavailable
        /// The database refused a statement for a reason no caller can fix: a defect, logged as an internal error.
        case statementFailed = "statement_failed"
        /// A concurrent transaction conflicted (a serialization failure or a deadlock); the same work can be retried.
        case contention
    }
}
