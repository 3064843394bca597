/// An ISO 4217 currency, identified by its three-letter code, with the number
/// of digits in its minor unit (2 for USD cents, 0 for JPY, 3 for KWD).
///
/// Codes are stored upper-case; decoding accepts Stripe's lower-case form.
public struct Currency: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Upper-case ISO 4217 code, e.g. `"USD"`.
    public let code: String
    /// Digits after the decimal point in the currency's minor unit.
    public let minorUnitDigits: Int

    /// Looks up an ISO 4217 code, ignoring case; `nil` when the code is unknown.
    public init?(code: String) {
        let upper = code.uppercased()
        guard let digits = Currency.iso4217[upper] else { return nil }
        self.code = upper
        self.minorUnitDigits = digits
    }

    public var description: String { code }

    public static func < (lhs: Currency, rhs: Currency) -> Bool { lhs.code < rhs.code }

    public static let usd = Currency(code: "USD")!
    public static let eur = Currency(code: "EUR")!
    public static let gbp = Currency(code: "GBP")!
}

extension Currency: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let code = try container.decode(String.self)
        guard let currency = Currency(code: code) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "unknown currency '\(code)': expected an ISO 4217 code such as USD or EUR")
        }
        self = currency
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
