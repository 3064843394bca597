import Foundation
import TenureCore
import TenureEngine
import TenureStore

/// The metrics page: each revenue figure month by month over a range, as a
/// chart and its latest value, each with a link to the rows behind it.
public struct MetricsPage: Sendable {
    /// One figure over time.
    public struct Metric: Sendable {
        public var metric: RevenueMetric
        public var label: String
        /// Whether the figure is money (else a rate or a count).
        public var kind: Kind
        public var values: [Double?]

        /// How a figure's values read.
        public enum Kind: Sendable { case money, rate, count, ratio }

        /// A value of this figure in words.
        func format(_ value: Double, currency: Currency) -> String {
            switch kind {
            case .money: Format.money(Int64(value.rounded()), currency)
            case .rate: Format.percent(value)
            case .count: Format.count(Int64(value.rounded()))
            case .ratio: Format.decimal(value)
            }
        }
    }

    public var periods: [String]
    public var currency: Currency
    public var metrics: [Metric]
    /// The last complete period, which explain links point at.
    public var explainPeriod: String?
    public var from: String
    public var to: String

    /// The figures shown, in order.
    static let shown: [(RevenueMetric, String, Metric.Kind)] = [
        (.mrr, "MRR", .money), (.arr, "ARR", .money), (.customers, "Paying customers", .count), (.arpa, "ARPA", .money),
        (.new, "New MRR", .money), (.expansion, "Expansion MRR", .money), (.contraction, "Contraction MRR", .money),
        (.churn, "Churned MRR", .money), (.nrr, "Net revenue retention", .rate), (.grr, "Gross revenue retention", .rate),
        (.logoChurnRate, "Logo churn rate", .rate), (.grossMRRChurnRate, "Gross MRR churn rate", .rate),
        (.netMRRChurnRate, "Net MRR churn rate", .rate), (.quickRatio, "Quick ratio", .ratio),
    ]

    /// The name of a figure in words.
    static func label(of metric: RevenueMetric) -> String {
        shown.first { $0.0 == metric }?.1 ?? Format.words(metric.rawValue).capitalized
    }

    /// Builds the page from a monthly revenue report (the same one `/api/v1/metrics/revenue` returns).
    public static func build(report: RevenueReport, from: String, to: String, now: Date) -> MetricsPage {
        let periods = report.periods
        let complete = periods.last { $0.end <= now }?.period ?? periods.last?.period
        return MetricsPage(
            periods: periods.map(\.period), currency: report.currency,
            metrics: shown.map { metric, label, kind in Metric(metric: metric, label: label, kind: kind, values: periods.map { $0.value(of: metric) }) },
            explainPeriod: complete, from: from, to: to)
    }
}

/// The explain page: a figure taken apart into its formula, inputs and the
/// movements or accounts behind it (the same data as `/api/v1/metrics/explain`).
public struct ExplainPage: Sendable {
    public var explanation: MetricExplanation
    public var currency: Currency
    /// Whether the metric is a money amount (else a rate or count).
    public var isMoney: Bool

    /// The value of the figure in words.
    public var valueText: String {
        guard let value = explanation.value else { return "—" }
        switch explanation.metric {
        case .mrr, .arr, .arpa, .new, .expansion, .contraction, .churn, .reactivation: return Format.money(Int64(value.rounded()), currency)
        case .customers: return Format.count(Int64(value))
        case .quickRatio: return Format.decimal(value)
        default: return Format.percent(value)
        }
    }
}

/// The cohorts page: accounts grouped by the month they first paid, and the
/// share of them (or of their MRR) still there each month after.
public struct CohortsPage: Sendable {
    /// Logo (accounts) or revenue (MRR) retention.
    public enum Kind: String, Sendable, CaseIterable { case logo, revenue }

    public var kind: Kind
    public var rows: [CohortRow]
    public var from: String
    public var to: String

    /// The heatmap's rows: each cohort's retention by months since it started.
    public var heatmapRows: [Heatmap.Row] {
        rows.map { row in
            Heatmap.Row(label: Format.month(row.cohort), note: "(\(Format.count(row.accounts)))",
                        values: (kind == .logo ? row.logoRetention : row.revenueRetention).map { Optional($0) })
        }
    }

    /// The longest row's length: the heatmap's columns.
    public var columns: [String] {
        (0..<(rows.map(\.paying.count).max() ?? 0)).map { "M\($0)" }
    }
}
