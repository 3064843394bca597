import Foundation
import TenureCore
import TenureStore

/// How a renewal should be run.
public enum RenewalTrack: String, Sendable, Hashable, CaseIterable {
    /// Renews by itself; no CSM work expected (monthly and other short plans without warning signs).
    case autoRenew = "auto-renew"
    /// A contract (quarterly or longer) the CSM renews in the usual way.
    case standard
    /// Needs a call: a warning sign says it may not renew.
    case atRisk = "at-risk"

    /// The track in words.
    public var label: String {
        switch self {
        case .autoRenew: "Auto-renew"
        case .standard: "Standard"
        case .atRisk: "At risk"
        }
    }

    /// The track of a renewal, with the reasons for it, following the
    /// renewal segmentation of customer success practice: billing warning
    /// signs (a scheduled cancellation, a past-due subscription, an unpaid
    /// invoice) or a red health score put it at risk; a green score renews by
    /// itself; a yellow one is a standard renewal that needs value confirmed.
    /// Without a score, contracts billed quarterly or less often are standard
    /// and everything else renews by itself.
    public static func classify(status: SubscriptionStatus, cancelAt: Date?, hasUnpaidInvoice: Bool,
                                billingMonths: Int, health: CurrentHealth? = nil) -> (track: RenewalTrack, reasons: [String]) {
        var reasons: [String] = []
        if let cancelAt { reasons.append("cancellation scheduled for \(Format.day(cancelAt))") }
        if status == .pastDue { reasons.append("payment past due") }
        if hasUnpaidInvoice { reasons.append("unpaid invoice") }
        if let health, health.colour == .red { reasons.append("health \(Int(health.score.rounded())) (red)") }
        if !reasons.isEmpty { return (.atRisk, reasons) }
        if let health {
            let words = "health \(Int(health.score.rounded())) (\(health.colour.rawValue))"
            return health.colour == .green ? (.autoRenew, [words]) : (.standard, [words + ": confirm the value delivered"])
        }
        if billingMonths >= 3 { return (.standard, ["\(billingMonths == 12 ? "annual" : "\(billingMonths)-month") contract"]) }
        return (.autoRenew, ["billed \(billingMonths == 1 ? "monthly" : "more often than monthly"), no warning signs"])
    }
}

extension RenewalLine {
    /// The line of a stored renewal: its MRR now, billing length and track.
    static func make(_ row: RenewalRow, calculator: MRRCalculator, prices: [String: Price], health: [String: CurrentHealth],
                     now: Date) -> RenewalLine {
        let subscription = row.subscription
        let months = subscription.billingMonths(prices: prices)
        let (track, reasons) = RenewalTrack.classify(
            status: subscription.status, cancelAt: subscription.cancelAt, hasUnpaidInvoice: row.hasUnpaidInvoice, billingMonths: months,
            health: health[subscription.accountID])
        return RenewalLine(
            accountID: subscription.accountID, accountName: row.accountName, subscriptionID: subscription.id, segment: row.segment,
            ownerID: row.ownerID, renewsAt: subscription.currentPeriodEnd,
            mrr: calculator.monthlyAmount(of: subscription, at: now), currency: subscription.currency,
            billingMonths: months, track: track, reasons: reasons)
    }
}

/// The renewals page: live subscriptions whose current period ends in the
/// next 180 days, soonest first, with MRR, owner and track; filterable by
/// segment, owner, contract length and warning signs, paged.
public struct RenewalsPage: Sendable {
    /// The page's filters, read from and written to the URL.
    public struct Filters: Sendable, Hashable {
        public var segment: String?
        public var owner: String?
        /// Only quarterly and annual contracts.
        public var contracts = false
        /// Only renewals with warning signs.
        public var warnings = false
        public var offset = 0

        /// Reads `segment`, `owner`, `contracts=1`, `warnings=1`, `offset`; ignores anything malformed.
        public init(query: [String: String]) {
            segment = query["segment"].flatMap { $0.isEmpty ? nil : $0 }
            owner = query["owner"].flatMap { $0.isEmpty ? nil : $0 }
            contracts = query["contracts"] == "1"
            warnings = query["warnings"] == "1"
            offset = max(0, min(10_000_000, Int(query["offset"] ?? "") ?? 0))
        }

        /// The query string of these filters at `offset`.
        func link(offset: Int) -> String {
            "/renewals" + Layout.query([("segment", segment), ("owner", owner), ("contracts", contracts ? "1" : nil),
                                        ("warnings", warnings ? "1" : nil), ("offset", offset > 0 ? String(offset) : nil)])
        }
    }

    public static let horizonDays = 180
    public static let pageSize = 50

    public var filters: Filters
    public var lines: [RenewalLine]
    public var total: Int
    public var segments: [String]
    public var owners: [CSM]
    public var now: Date

    /// Loads the page's rows for `filters`.
    static func load(store: any Store, filters: Filters, now: Date) async throws -> RenewalsPage {
        let query = RenewalQuery(
            from: now, to: now.addingTimeInterval(Double(horizonDays) * 86_400), segment: filters.segment, ownerID: filters.owner,
            contractsOnly: filters.contracts, warningsOnly: filters.warnings, limit: pageSize, offset: filters.offset)
        async let page = store.renewals(query)
        async let prices = store.prices()
        async let segments = store.accountSegments()
        async let owners = store.csms()
        let priceTable = Dictionary(try await prices.map { ($0.id, $0) }) { first, _ in first }
        let calculator = MRRCalculator(prices: priceTable)
        let rows = try await page
        let health = try await store.currentHealth(ofAccounts: rows.items.map(\.subscription.accountID))
        return RenewalsPage(
            filters: filters,
            lines: rows.items.map { RenewalLine.make($0, calculator: calculator, prices: priceTable, health: health, now: now) },
            total: rows.total, segments: try await segments, owners: try await owners, now: now)
    }
}
