/// Fixed exchange rates into the reporting currency, as integer parts per
/// billion so conversions stay exact integer arithmetic: `["EUR": 1_080_000_000]`
/// means 1 EUR = 1.08 USD. Rates are fixed for the whole history, so a rate
/// change can never create an MRR movement (ChartMogul's rule).
public struct ExchangeRates: Hashable, Sendable, Codable {
    /// Units of reporting currency per unit of each currency, × 10^9, by ISO code.
    public var partsPerBillion: [String: Int64]

    public init(partsPerBillion: [String: Int64] = [:]) {
        self.partsPerBillion = partsPerBillion
    }

    /// `amount` (minor units of `currency`) in minor units of `reporting`, rounded
    /// half away from zero; `nil` when there is no rate for `currency`.
    public func convert(_ amount: Int64, from currency: Currency, to reporting: Currency) -> Int64? {
        if currency == reporting { return amount }
        guard let rate = partsPerBillion[currency.code] else { return nil }
        var numerator = Int128(amount) * Int128(rate)
        var denominator: Int128 = 1_000_000_000
        let shift = reporting.minorUnitDigits - currency.minorUnitDigits
        for _ in 0..<abs(shift) {
            if shift > 0 { numerator *= 10 } else { denominator *= 10 }
        }
        return Int64(clamping: MRRCalculator.divideRounded(numerator, by: denominator))
    }
}

extension ExchangeRates: Validatable {
    public func validate() throws(ValidationError) {
        for (code, rate) in partsPerBillion {
            guard Currency(code: code) != nil else { throw ValidationError(field: "exchange_rates.\(code)", "is not an ISO 4217 currency") }
            guard rate > 0 else { throw ValidationError(field: "exchange_rates.\(code)", "must be positive") }
        }
    }
}
