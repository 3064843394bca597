import Foundation
import TenureCore
import TenureStore

/// The accounts table: filter by segment, owner and stage, search by name or
/// domain, sort by any column, 50 to a page — all in SQL, all in the URL.
public struct AccountsPage: Sendable {
    /// The table's state as the URL carries it.
    public struct Filters: Sendable, Hashable {
        public var segment: String?
        public var owner: String?
        public var stage: LifecycleStage?
        public var search: String?
        public var sort: AccountListQuery.Sort = .mrr
        public var descending = true
        public var offset = 0

        /// Reads `segment`, `owner`, `stage`, `q`, `sort` (`name`, `segment`, `owner`, `mrr`, `renewal`),
        /// `dir` (`asc`, `desc`) and `offset`; anything malformed falls back to the default.
        public init(query: [String: String]) {
            func value(_ name: String) -> String? {
                guard let text = query[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
                return String(text.prefix(200))
            }
            segment = value("segment")
            owner = value("owner")
            stage = value("stage").flatMap(LifecycleStage.init(rawValue:))
            search = value("q")
            if let sort = value("sort").flatMap(AccountListQuery.Sort.init(rawValue:)) {
                self.sort = sort
                descending = sort == .mrr
            }
            if let direction = value("dir") { descending = direction == "desc" }
            offset = max(0, min(10_000_000, Int(value("offset") ?? "") ?? 0))
        }

        /// The store query of these filters.
        var query: AccountListQuery {
            AccountListQuery(segment: segment, ownerID: owner, lifecycleStage: stage, search: search, sort: sort,
                             descending: descending, limit: AccountsPage.pageSize, offset: offset)
        }

        /// The URL of these filters with another sort, order or page.
        func link(sort: AccountListQuery.Sort? = nil, descending: Bool? = nil, offset: Int = 0) -> String {
            let sort = sort ?? self.sort
            let descending = descending ?? self.descending
            return "/accounts" + Layout.query([
                ("q", search), ("segment", segment), ("owner", owner), ("stage", stage?.rawValue),
                ("sort", sort.rawValue), ("dir", descending ? "desc" : "asc"), ("offset", offset > 0 ? String(offset) : nil),
            ])
        }

        /// Whether any filter or search narrows the list.
        var narrowed: Bool { segment != nil || owner != nil || stage != nil || search != nil }
    }

    /// One row of the table.
    public struct Row: Sendable, Hashable {
        public var id: String
        public var name: String
        public var domain: String?
        public var segment: String?
        public var ownerName: String?
        public var stage: LifecycleStage
        public var mrr: Int64
        public var currency: Currency
        public var renewsAt: Date?
        /// Health band, when health scores exist.
        public var health: HealthColour?
        /// Churn probability, when predictions exist.
        public var risk: Double?
    }

    public static let pageSize = 50

    public var filters: Filters
    public var rows: [Row]
    public var total: Int
    public var segments: [String]
    public var owners: [CSM]
    /// Whether health and risk columns have any data (else their headers say how to fill them).
    public var hasHealth: Bool
    public var hasRisk: Bool

    /// Builds the page from a page of store rows and the optional health and risk values.
    public static func build(filters: Filters, page: Page<AccountListRow>, segments: [String], owners: [CSM],
                             health: [String: HealthColour], risk: [String: Double]) -> AccountsPage {
        let names = Dictionary(owners.map { ($0.id, $0.name) }) { first, _ in first }
        let rows = page.items.map { item in
            let account = item.summary.account
            return Row(id: account.id, name: account.name, domain: account.domain, segment: account.segment,
                       ownerName: account.ownerID.map { names[$0] ?? $0 }, stage: account.lifecycleStage, mrr: item.summary.mrr,
                       currency: account.currency, renewsAt: item.renewsAt, health: health[account.id], risk: risk[account.id])
        }
        return AccountsPage(filters: filters, rows: rows, total: page.total, segments: segments, owners: owners,
                            hasHealth: !health.isEmpty, hasRisk: !risk.isEmpty)
    }

    /// Loads the page for `filters`.
    static func load(store: any Store, insights: HealthRiskSource, filters: Filters) async throws -> AccountsPage {
        async let page = store.accountList(filters.query)
        async let segments = store.accountSegments()
        async let owners = store.csms()
        let rows = try await page
        let ids = rows.items.map(\.summary.account.id)
        return build(filters: filters, page: rows, segments: try await segments, owners: try await owners,
                     health: try await insights.healthColours(of: ids), risk: try await insights.riskProbabilities(of: ids))
    }
}
