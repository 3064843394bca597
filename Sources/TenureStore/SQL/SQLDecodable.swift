import Foundation
import TenureCore

/// A Swift value a result column converts to, for reading rows by column name.
protocol SQLDecodable {
    /// Converts the value of `column`, throwing when it has the wrong shape.
    init(_ value: SQLValue, column: String) throws
}

extension StoreError {
    /// The stored value of `column` is not what the record needs.
    static func mismatch(_ column: String, _ value: SQLValue, expected: String) -> StoreError {
        StoreError(.corrupt, "column \(column) holds \(value) where \(expected) was expected")
    }
}

extension Optional: SQLDecodable where Wrapped: SQLDecodable {
    init(_ value: SQLValue, column: String) throws {
        self = value == .null ? nil : try Wrapped(value, column: column)
    }
}

extension String: SQLDecodable {
    init(_ value: SQLValue, column: String) throws {
        switch value {
        case .text(let text): self = text
        case .integer(let number): self = String(number)
        case .null, .real: throw StoreError.mismatch(column, value, expected: "text")
        }
    }
}

extension Int64: SQLDecodable {
    init(_ value: SQLValue, column: String) throws {
        switch value {
        case .integer(let number): self = number
        case .real(let number) where Int64(exactly: number) != nil: self = Int64(exactly: number)!
        case .text(let text) where Int64(text) != nil: self = Int64(text)!
        default: throw StoreError.mismatch(column, value, expected: "an integer")
        }
    }
}

extension Int: SQLDecodable {
    init(_ value: SQLValue, column: String) throws { self = Int(try Int64(value, column: column)) }
}

extension Bool: SQLDecodable {
    init(_ value: SQLValue, column: String) throws { self = try Int64(value, column: column) != 0 }
}

extension Double: SQLDecodable {
    init(_ value: SQLValue, column: String) throws {
        switch value {
        case .integer(let number): self = Double(number)
        case .real(let number): self = number
        case .null, .text: throw StoreError.mismatch(column, value, expected: "a number")
        }
    }
}

extension Date: SQLDecodable {
    /// An instant stored as integer milliseconds since 1970-01-01 UTC.
    init(_ value: SQLValue, column: String) throws {
        self = Date(timeIntervalSince1970: Double(try Int64(value, column: column)) / 1000)
    }
}

extension Currency: SQLDecodable {
    init(_ value: SQLValue, column: String) throws {
        let code = try String(value, column: column)
        guard let currency = Currency(code: code) else { throw StoreError(.corrupt, "unknown currency '\(code)' in column \(column)") }
        self = currency
    }
}

extension SQLDecodable where Self: RawRepresentable, RawValue == String {
    init(_ value: SQLValue, column: String) throws {
        let raw = try String(value, column: column)
        guard let decoded = Self(rawValue: raw) else { throw StoreError(.corrupt, "unknown \(Self.self) '\(raw)' in column \(column)") }
        self = decoded
    }
}

extension BillingInterval: SQLDecodable {}
extension CancellationFeedback: SQLDecodable {}
extension CancellationReason: SQLDecodable {}
extension DeliveryStatus: SQLDecodable {}
extension EventType: SQLDecodable {}
extension NotificationEndpoint.Kind: SQLDecodable {}
extension NotificationEndpoint.Status: SQLDecodable {}
extension ContactRole: SQLDecodable {}
extension DefinitionFormat: SQLDecodable {}
extension DefinitionKind: SQLDecodable {}
extension Discount.Duration: SQLDecodable {}
extension EngagementModel: SQLDecodable {}
extension HealthColour: SQLDecodable {}
extension InvoiceStatus: SQLDecodable {}
extension JobRun.Status: SQLDecodable {}
extension LifecycleStage: SQLDecodable {}
extension PlaybookRun.Status: SQLDecodable {}
extension PricingModel: SQLDecodable {}
extension Role: SQLDecodable {}
extension StoredDefinition.Origin: SQLDecodable {}
extension SubscriptionStatus: SQLDecodable {}
extension SuccessTask.Outcome: SQLDecodable {}
extension SuccessTask.Status: SQLDecodable {}
extension SurveyResponse.Kind: SQLDecodable {}
extension TaskChange.Action: SQLDecodable {}
extension Ticket.Priority: SQLDecodable {}
extension Ticket.Status: SQLDecodable {}
extension Touchpoint.Kind: SQLDecodable {}
extension UsageEvent.Kind: SQLDecodable {}
