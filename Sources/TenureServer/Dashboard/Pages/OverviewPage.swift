import Foundation
import TenureCore
import TenureEngine
import TenureStore

/// The overview: the book's headline figures with trends, MRR movements per
/// month, health distribution, the accounts to call first, and renewals with
/// warning signs. A pure value built from the same reports the API serves.
public struct OverviewPage: Sendable {
    /// One headline figure with its change since the previous period.
    public struct Figure: Sendable, Hashable {
        /// Stable key (`mrr`, `arr`, `nrr`, `grr`, `logo_churn_rate`, `nps`), also on the page as `data-metric`.
        public var key: String
        public var label: String
        /// The figure as shown.
        public var text: String
        /// The exact value (minor units, fraction or score), on the page as `data-value`.
        public var value: Double?
        /// The period the figure is for, e.g. `2026-05`, on the page as `data-period`.
        public var period: String
        public var note: String
        public var trend: Trend
        /// The explain link's metric, when the figure has one.
        public var explain: RevenueMetric?
    }

    /// Which way a figure moved and whether that is good.
    public struct Trend: Sendable, Hashable {
        public enum Direction: String, Sendable { case up, down, flat, unknown }
        public var direction: Direction
        /// Whether the move is good news (up for MRR, down for churn).
        public var good: Bool
        /// The change in words, e.g. "up 1.2 pts from Apr 2026".
        public var words: String
    }

    public var currency: Currency
    public var asOf: Date
    /// Whether any billing data exists; without it the page says how to connect Stripe.
    public var hasRevenue: Bool
    public var figures: [Figure]
    /// Month labels and the five movements per month (minor units; contraction and churn negative).
    public var movementMonths: [String]
    public var movements: [(kind: MRRMovement.Kind, values: [Double])]
    public var health: HealthDistribution?
    public var atRisk: [AtRiskAccount]?
    /// Renewals in the next 30 days with a warning sign in billing, largest first.
    public var renewalWarnings: [RenewalLine]
    public var ownerNames: [String: String]

    /// Builds the page from a revenue report's periods (consecutive months ending with the current one), NPS for
    /// the last three full months and the three before, and the optional health and risk sections.
    public static func build(periods: [RevenueFigures], currency: Currency, asOf: Date, nps: (current: NPSSummary, previous: NPSSummary, label: String),
                             health: HealthDistribution?, atRisk: [AtRiskAccount]?, renewalWarnings: [RenewalLine],
                             ownerNames: [String: String], hasRevenue: Bool) -> OverviewPage {
        let now = periods.last
        let complete = periods.count >= 2 ? periods[periods.count - 2] : nil
        let before = periods.count >= 3 ? periods[periods.count - 3] : nil
        func money(_ value: Double) -> String { Format.money(Int64(value), currency) }
        var figures: [Figure] = []
        if let now {
            figures.append(Figure(
                key: "mrr", label: "MRR", text: money(Double(now.mrrEnd)), value: Double(now.mrrEnd), period: now.period,
                note: "now", trend: trend(Double(now.mrrEnd), complete.map { Double($0.mrrEnd) }, upIsGood: true,
                                          since: complete?.period, format: money), explain: .mrr))
            figures.append(Figure(
                key: "arr", label: "ARR", text: money(Double(now.arr)), value: Double(now.arr), period: now.period,
                note: "12 × MRR", trend: trend(Double(now.arr), complete.map { Double($0.arr) }, upIsGood: true,
                                               since: complete?.period, format: money), explain: .arr))
        }
        if let complete {
            let rates: [(String, String, KeyPath<RevenueFigures, Double?>, Bool, RevenueMetric)] = [
                ("nrr", "Net revenue retention", \.nrr, true, .nrr),
                ("grr", "Gross revenue retention", \.grr, true, .grr),
                ("logo_churn_rate", "Logo churn", \.logoChurnRate, false, .logoChurnRate),
            ]
            for (key, label, path, upIsGood, metric) in rates {
                let value = complete[keyPath: path]
                figures.append(Figure(
                    key: key, label: label, text: Format.percent(value), value: value, period: complete.period,
                    note: Format.month(complete.period),
                    trend: trend(value, before?[keyPath: path], upIsGood: upIsGood, since: before?.period, points: true,
                                 format: { Format.percent($0) }),
                    explain: metric))
            }
        }
        figures.append(Figure(
            key: "nps", label: "NPS", text: Format.nps(nps.current.score), value: nps.current.score, period: nps.label,
            note: "\(nps.label.replacingOccurrences(of: "/", with: " to ")) · \(Format.count(nps.current.responses)) answers",
            trend: trend(nps.current.score, nps.previous.score, upIsGood: true, since: "the 3 months before", npsPoints: true,
                         format: { Format.nps($0) }),
            explain: nil))
        let recent = periods.suffix(12)
        let kinds: [MRRMovement.Kind] = [.new, .expansion, .reactivation, .contraction, .churn]
        let movements = kinds.map { kind -> (kind: MRRMovement.Kind, values: [Double]) in
            (kind, recent.map { period in
                switch kind {
                case .new: Double(period.new)
                case .expansion: Double(period.expansion)
                case .reactivation: Double(period.reactivation)
                case .contraction: -Double(period.contraction)
                case .churn: -Double(period.churn)
                }
            })
        }
        return OverviewPage(
            currency: currency, asOf: asOf, hasRevenue: hasRevenue, figures: figures,
            movementMonths: recent.map(\.period), movements: movements, health: health, atRisk: atRisk,
            renewalWarnings: renewalWarnings, ownerNames: ownerNames)
    }

    /// The trend of `value` against `previous`.
    static func trend(_ value: Double?, _ previous: Double?, upIsGood: Bool, since: String?, points: Bool = false,
                      npsPoints: Bool = false, format: (Double) -> String) -> Trend {
        guard let value, let previous, let since else { return Trend(direction: .unknown, good: true, words: "no earlier figure") }
        let change = value - previous
        let label = since.contains("-") ? Format.month(since) : since
        let size: String
        if points {
            size = String(format: "%.1f pts", abs(change) * 100)
        } else if npsPoints {
            size = String(format: "%.0f pts", abs(change))
        } else {
            size = format(abs(change))
        }
        if abs(change) < (points ? 0.0005 : npsPoints ? 0.5 : 0.5) {
            return Trend(direction: .flat, good: true, words: "unchanged from \(label) (\(format(previous)))")
        }
        let up = change > 0
        return Trend(direction: up ? .up : .down, good: up == upIsGood,
                     words: "\(up ? "up" : "down") \(size) from \(label) (\(format(previous)))")
    }
}

/// A renewal as the overview and the renewals page list it.
public struct RenewalLine: Sendable, Hashable {
    public var accountID: String
    public var accountName: String
    public var subscriptionID: String
    public var segment: String?
    public var ownerID: String?
    public var renewsAt: Date
    /// The subscription's MRR now, minor units of `currency`.
    public var mrr: Int64
    public var currency: Currency
    /// How often it bills, in months (12 for annual, 1 for monthly; 0 for daily or weekly plans).
    public var billingMonths: Int
    public var track: RenewalTrack
    /// Why it is on its track, in words.
    public var reasons: [String]
}
