import Foundation
import Hummingbird
import TenureCore
import TenureEngine
import TenureStore

/// `/api/v1/metrics/…`: revenue figures with breakdowns, explanations down
/// to subscription changes, cohorts, customer success figures and CSM books.
struct MetricsController {
    let store: any Store
    let cache: MetricsCache
    let reads: ReadCache

    func register(on group: RouterGroup<TenureRequestContext>) {
        let viewers = group.requiring(.viewer)
        viewers.get("revenue", use: revenue)
        viewers.get("explain", use: explain)
        viewers.get("cohorts", use: cohorts)
        viewers.get("customer-success", use: customerSuccess)
        viewers.get("books", use: books)
    }

    static let filterNames = Breakdown.allCases.map(\.rawValue)

    /// The snapshot, the range and the attribute filters a metrics request names.
    private func context(_ request: Request, _ context: TenureRequestContext, extra: Set<String>,
                         interval defaultInterval: ReportingPeriod.Interval = .month)
        async throws -> (MetricsSnapshot, ReportRange, QueryReader, Set<String>?)
    {
        let query = try QueryReader(request, allowed: Set(["from", "to", "interval"] + Self.filterNames).union(extra))
        let snapshot = try await cache.current()
        let interval = try query.enumeration("interval", as: ReportingPeriod.Interval.self) ?? defaultInterval
        let range = try ReportRange(from: try query.string("from"), to: try query.string("to"), interval: interval,
                                    calendar: snapshot.policy.calendar, now: snapshot.asOf)
        var filters: [Breakdown: String] = [:]
        for breakdown in Breakdown.allCases {
            if let value = try query.string(breakdown.rawValue) { filters[breakdown] = value }
        }
        return (snapshot, range, query, snapshot.accounts(matching: filters))
    }

    /// `GET /api/v1/metrics/revenue?from=2026-01&to=2026-06&interval=month&by=segment&segment=smb`
    @Sendable func revenue(_ request: Request, context: TenureRequestContext) async throws -> Response {
        // The snapshot is read inside the build, after the cache read the data version it keeps the report under.
        try await reads.json("metrics.revenue \(request.uri.query ?? "")") {
            let (snapshot, range, query, filter) = try await self.context(request, context, extra: ["by"])
            return snapshot.revenueReport(range, breakdown: try query.enumeration("by"), filter: filter)
        }
    }

    /// `GET /api/v1/metrics/explain?metric=nrr&period=2026-05&limit=100&segment=smb`
    @Sendable func explain(_ request: Request, context: TenureRequestContext) async throws -> JSONResource<MetricExplanation> {
        let (snapshot, _, query, filter) = try await self.context(request, context, extra: ["metric", "period", "limit"])
        guard let metric: RevenueMetric = try query.enumeration("metric") else {
            throw APIError.badRequest("is required; expected one of: \(RevenueMetric.allCases.map(\.rawValue).joined(separator: ", "))", field: "metric")
        }
        guard let text = try query.string("period") else { throw APIError.badRequest("is required, e.g. 2026-05", field: "period") }
        guard let period = ReportingPeriod.parse(text, calendar: snapshot.policy.calendar) else {
            throw APIError.badRequest("must be a month like 2026-05 or a day like 2026-05-14", field: "period")
        }
        let limit = try query.int("limit", default: 100, in: 1...10_000)
        return JSONResource(snapshot.explain(metric, in: period, accounts: filter, limit: limit))
    }

    /// `GET /api/v1/metrics/cohorts?from=2025-01&to=2026-06&plan=Growth`
    @Sendable func cohorts(_ request: Request, context: TenureRequestContext) async throws -> JSONResource<CohortReport> {
        let (snapshot, range, _, filter) = try await self.context(request, context, extra: [])
        guard range.interval == .month else { throw APIError.badRequest("cohorts are monthly", field: "interval") }
        let rows = snapshot.ledger.cohorts(range.periods(snapshot.policy.calendar), accounts: filter)
        return JSONResource(CohortReport(currency: snapshot.policy.reportingCurrency, cohorts: rows))
    }

    /// `GET /api/v1/metrics/customer-success?from=2026-01&to=2026-06&by=segment`
    @Sendable func customerSuccess(_ request: Request, context: TenureRequestContext) async throws -> JSONResource<CustomerSuccessReport> {
        let (snapshot, range, query, _) = try await self.context(request, context, extra: ["by"])
        let report = try await CustomerSuccessReport.load(from: store, snapshot: snapshot, range: range, breakdown: try query.enumeration("by"))
        return JSONResource(report)
    }

    /// `GET /api/v1/metrics/books`: each CSM's accounts, MRR, trailing retention and average health.
    @Sendable func books(_ request: Request, context: TenureRequestContext) async throws -> ListResource<CSMBook> {
        _ = try QueryReader(request, allowed: [])
        let snapshot = try await cache.current()
        let names = Dictionary(try await store.csms().map { ($0.id, $0.name) }) { first, _ in first }
        return ListResource(data: snapshot.books(names: names, health: try await store.currentHealth(ofAccounts: nil)))
    }
}

/// Cohort rows with the currency their MRR is in.
struct CohortReport: Codable, Sendable {
    var currency: Currency
    var cohorts: [CohortRow]
}

/// Any encodable value as a JSON response.
struct JSONResource<Value: Encodable & Sendable>: ResponseEncodable {
    var value: Value
    init(_ value: Value) { self.value = value }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}
