/// An amount of money: an integer count of the currency's minor units
/// (cents for USD) and the currency. Never a floating-point number.
///
/// Encoded as `{"amount": 4900, "currency": "USD"}`.
public struct Money: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Amount in minor units of `currency` (4900 = $49.00).
    public var amount: Int64
    public var currency: Currency

    public init(_ amount: Int64, _ currency: Currency) {
        self.amount = amount
        self.currency = currency
    }

    /// Zero in `currency`.
    public static func zero(_ currency: Currency) -> Money { Money(0, currency) }

    /// The amount written in major units with the currency's digits, e.g. `"49.00 USD"`.
    public var description: String { "\(Money.formatMajorUnits(amount, digits: currency.minorUnitDigits)) \(currency.code)" }

    /// Formats minor units as a decimal string with `digits` fraction digits ("1234" → "12.34").
    public static func formatMajorUnits(_ minorUnits: Int64, digits: Int) -> String {
        guard digits > 0 else { return String(minorUnits) }
        let sign = minorUnits < 0 ? "-" : ""
        let magnitude = minorUnits.magnitude
        var divisor: UInt64 = 1
        for _ in 0..<digits { divisor *= 10 }
        let fraction = String(magnitude % divisor)
        return "\(sign)\(magnitude / divisor).\(String(repeating: "0", count: digits - fraction.count))\(fraction)"
    }
}

extension Money {
    /// Largest amount Tenure accepts for one price or invoice (10^13 minor units,
    /// $100 billion): large enough for any real contract, small enough that
    /// sums and normalisations never overflow 64 bits.
    public static let maximumAmount: Int64 = 10_000_000_000_000
}
