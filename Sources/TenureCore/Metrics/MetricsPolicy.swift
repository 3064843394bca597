import Foundation

/// Everything that decides how revenue metrics are counted: the MRR rules,
/// when churn is recognised, how close changes are grouped, the reporting
/// currency and time zone. Stored as configuration; the defaults follow
/// ChartMogul except where `docs/metrics.md` says otherwise.
public struct MetricsPolicy: Hashable, Sendable, Codable {
    /// What counts as MRR, including when churn is recognised.
    public var mrr: MRRPolicy
    /// Changes of one account within one window are netted into one movement.
    public var grouping: Grouping
    /// Currency every figure is reported in.
    public var reportingCurrency: Currency
    /// Exchange rates into the reporting currency (see ``ExchangeRates``).
    public var exchangeRates: ExchangeRates
    /// IANA time zone whose days and months the reports use.
    public var timeZone: String
    /// Gross margin (0–1) for the margin-adjusted LTV.
    public var grossMargin: Double

    public init(
        mrr: MRRPolicy = .standard, grouping: Grouping = .day,
        reportingCurrency: Currency = .usd, exchangeRates: ExchangeRates = ExchangeRates(), timeZone: String = "UTC",
        grossMargin: Double = 0.8
    ) {
        self.mrr = mrr
        self.grouping = grouping
        self.reportingCurrency = reportingCurrency
        self.exchangeRates = exchangeRates
        self.timeZone = timeZone
        self.grossMargin = grossMargin
    }

    public static let standard = MetricsPolicy()

    private enum CodingKeys: String, CodingKey {
        case mrr, grouping, reportingCurrency, exchangeRates, timeZone, grossMargin
    }

    /// Decodes a policy; fields left out keep their defaults, so `{"grouping":"hour"}` is a whole policy.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = MetricsPolicy()
        self.init(
            mrr: try container.decodeIfPresent(MRRPolicy.self, forKey: .mrr) ?? defaults.mrr,
            grouping: try container.decodeIfPresent(Grouping.self, forKey: .grouping) ?? defaults.grouping,
            reportingCurrency: try container.decodeIfPresent(Currency.self, forKey: .reportingCurrency) ?? defaults.reportingCurrency,
            exchangeRates: try container.decodeIfPresent(ExchangeRates.self, forKey: .exchangeRates) ?? defaults.exchangeRates,
            timeZone: try container.decodeIfPresent(String.self, forKey: .timeZone) ?? defaults.timeZone,
            grossMargin: try container.decodeIfPresent(Double.self, forKey: .grossMargin) ?? defaults.grossMargin)
    }

    /// How close together changes must be to count as one movement.
    public enum Grouping: String, StringEnum, Hashable {
        /// Every change is its own movement.
        case instant
        /// Changes within one clock hour net out (ChartMogul groups changes "within about an hour").
        case hour
        /// Changes within one reporting-time-zone day net out (default): an upgrade and a seat change on
        /// the same day are one expansion; a plan migration (cancel + new on one day) is no movement at all.
        case day
    }

    /// The reporting calendar.
    public var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")!
        return calendar
    }
}

extension MetricsPolicy: Validatable {
    public func validate() throws(ValidationError) {
        guard TimeZone(identifier: timeZone) != nil else {
            throw ValidationError(field: "time_zone", "must be an IANA time zone such as UTC or Europe/Berlin")
        }
        guard (0...1).contains(grossMargin) else { throw ValidationError(field: "gross_margin", "must be between 0 and 1") }
        try exchangeRates.validate()
    }
}
