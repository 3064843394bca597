/// The products, plans and customer segments of the demo company: a B2B
/// analytics SaaS with four plans on a per-seat ladder.
public enum DemoCatalog {
    /// The four products, cheapest first.
    public static let products: [Product] = [
        Product(id: "prod_starter", name: "Starter"),
        Product(id: "prod_growth", name: "Growth"),
        Product(id: "prod_business", name: "Business"),
        Product(id: "prod_enterprise", name: "Enterprise"),
    ]

    /// Monthly, quarterly and annual prices of the products, in USD cents.
    public static let prices: [Price] = [
        Price(id: "price_starter_monthly", productID: "prod_starter", nickname: "Starter monthly",
              unitAmount: 3_900, currency: .usd, interval: .month, usageLimits: ["seats": 3]),
        Price(id: "price_starter_annual", productID: "prod_starter", nickname: "Starter annual",
              unitAmount: 39_000, currency: .usd, interval: .year, usageLimits: ["seats": 3]),
        Price(id: "price_growth_monthly", productID: "prod_growth", nickname: "Growth monthly",
              unitAmount: 2_500, currency: .usd, interval: .month, pricingModel: .perSeat),
        Price(id: "price_growth_annual", productID: "prod_growth", nickname: "Growth annual",
              unitAmount: 25_000, currency: .usd, interval: .year, pricingModel: .perSeat),
        Price(id: "price_business_monthly", productID: "prod_business", nickname: "Business monthly",
              unitAmount: 4_500, currency: .usd, interval: .month, pricingModel: .perSeat),
        Price(id: "price_business_annual", productID: "prod_business", nickname: "Business annual",
              unitAmount: 45_000, currency: .usd, interval: .year, pricingModel: .perSeat),
        Price(id: "price_enterprise_quarterly", productID: "prod_enterprise", nickname: "Enterprise quarterly",
              unitAmount: 18_000, currency: .usd, interval: .month, intervalCount: 3, pricingModel: .perSeat),
        Price(id: "price_enterprise_annual", productID: "prod_enterprise", nickname: "Enterprise annual",
              unitAmount: 72_000, currency: .usd, interval: .year, pricingModel: .perSeat),
    ]

    /// Prices by id.
    public static let pricesByID: [String: Price] = Dictionary(uniqueKeysWithValues: prices.map { ($0.id, $0) })

    /// The product events of the demo app; the first is its first-value event.
    public static let coreFeatures = ["report_created", "dashboard_viewed", "integration_synced", "workflow_run", "invite_sent"]

    /// The event every session sends.
    public static let loginEvent = "login"

    /// Reports an account must create in its first 30 days to reach first value.
    /// Accounts that miss it churn far more often: the "aha" moment hidden in the data.
    public static let firstValueReports = 5

    /// How the demo product's events map to engagement, core features and first value.
    public static let productConfiguration = ProductConfiguration(
        engagementEvent: loginEvent, coreFeatures: coreFeatures,
        firstValue: .init(event: coreFeatures[0], count: Int64(firstValueReports)))

    /// Plan tiers, cheapest first; index into `products`.
    static let tiers = ["starter", "growth", "business", "enterprise"]

    /// The price for `tier` billed `annually` or not.
    static func price(tier: Int, annual: Bool) -> Price {
        let name = tiers[tier]
        let suffix = annual ? "annual" : (name == "enterprise" ? "quarterly" : "monthly")
        return pricesByID["price_\(name)_\(suffix)"]!
    }
}

/// The demo's customer segments, with the ARR bands and CSM coverage of the
/// segmentation table in the domain articles.
public enum DemoSegment: String, CaseIterable, Sendable {
    case selfServe = "self_serve"
    case smb
    case midMarket = "mid_market"
    case enterprise

    /// Share of accounts in the segment.
    var share: Double {
        switch self {
        case .selfServe: 0.40
        case .smb: 0.35
        case .midMarket: 0.18
        case .enterprise: 0.07
        }
    }

    /// Accounts per CSM; `nil` when the segment has no named CSM (community-touch).
    var accountsPerCSM: Int? {
        switch self {
        case .selfServe: nil
        case .smb: 250
        case .midMarket: 40
        case .enterprise: 12
        }
    }

    /// Log-odds of voluntary churn in a month for an account with no risk signals.
    var baseChurnLogit: Double {
        switch self {
        case .selfServe: -3.7
        case .smb: -4.1
        case .midMarket: -4.7
        case .enterprise: -5.3
        }
    }

    /// Chance that one charge attempt fails.
    var paymentFailureRate: Double {
        switch self {
        case .selfServe: 0.07
        case .smb: 0.05
        case .midMarket: 0.03
        case .enterprise: 0.015
        }
    }

    /// Mean starting engagement (0–1).
    var meanEngagement: Double {
        switch self {
        case .selfServe: 0.50
        case .smb: 0.56
        case .midMarket: 0.62
        case .enterprise: 0.66
        }
    }
}
