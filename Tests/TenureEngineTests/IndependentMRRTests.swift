import Foundation
import Testing
import TenureCore
import TenureEngine
import TenureTestSupport
@testable import TenureStore

/// MRR computed by plain SQL over the stored facts, with no Swift in the
/// loop, must agree to the cent with the metrics engine on the demo data.
@Suite("Independent SQL check of MRR")
struct IndependentMRRTests {
    /// Each account's MRR at `instant` (ms since 1970) under the default policy:
    /// the state in effect, items normalised to a month and rounded half away from
    /// zero, forever/repeating coupons active at that instant, paying statuses only.
    static func mrrAt(_ instant: Int64) -> SQLQuery {
        """
        WITH state AS (
            SELECT c.* FROM subscription_changes c
            WHERE c.effective_at = (SELECT MAX(c2.effective_at) FROM subscription_changes c2
                                    WHERE c2.subscription_id = c.subscription_id AND c2.effective_at <= \(bind: instant))
        ),
        items AS (
            SELECT s.subscription_id, i.position, p.billing_interval, p.interval_count,
                   CASE p.billing_interval
                       WHEN 'month' THEN (p.unit_amount * i.quantity * 2 + p.interval_count) / (2 * p.interval_count)
                       WHEN 'year' THEN (p.unit_amount * i.quantity * 2 + 12 * p.interval_count) / (24 * p.interval_count)
                       WHEN 'week' THEN (p.unit_amount * i.quantity * 104 + 12 * p.interval_count) / (24 * p.interval_count)
                       ELSE (p.unit_amount * i.quantity * 730 + 12 * p.interval_count) / (24 * p.interval_count)
                   END AS mrr
            FROM state s
            JOIN subscription_change_items i ON i.subscription_id = s.subscription_id AND i.effective_at = s.effective_at
            JOIN prices p ON p.id = i.price_id
        ),
        gross AS (
            SELECT subscription_id, CAST(SUM(mrr) AS BIGINT) AS mrr FROM items GROUP BY subscription_id
        ),
        first_item AS (
            SELECT subscription_id, billing_interval, interval_count FROM items WHERE position = 0
        ),
        net AS (
            SELECT s.account_id, g.mrr - CASE
                WHEN s.coupon_id IS NULL OR s.discount_duration = 'once' OR s.discount_start > \(bind: instant)
                     OR (s.discount_end IS NOT NULL AND s.discount_end <= \(bind: instant)) THEN 0
                WHEN s.percent_off IS NOT NULL THEN
                    (g.mrr * CAST(ROUND(s.percent_off * 100) AS BIGINT) * 2 + 10000) / 20000
                ELSE CASE f.billing_interval
                    WHEN 'month' THEN (s.amount_off * 2 + f.interval_count) / (2 * f.interval_count)
                    WHEN 'year' THEN (s.amount_off * 2 + 12 * f.interval_count) / (24 * f.interval_count)
                    WHEN 'week' THEN (s.amount_off * 104 + 12 * f.interval_count) / (24 * f.interval_count)
                    ELSE (s.amount_off * 730 + 12 * f.interval_count) / (24 * f.interval_count)
                END
            END AS mrr
            FROM state s JOIN gross g ON g.subscription_id = s.subscription_id
            LEFT JOIN first_item f ON f.subscription_id = s.subscription_id
            WHERE s.status IN ('active', 'past_due')
              AND (s.ended_at IS NULL OR s.ended_at > \(bind: instant)) AND (s.cancel_at IS NULL OR s.cancel_at > \(bind: instant))
        )
        SELECT account_id, SUM(CASE WHEN mrr > 0 THEN mrr ELSE 0 END) AS mrr FROM net GROUP BY account_id
        """
    }

    @Test("SQL and the engine agree on every account's MRR at every month end", arguments: Backend.allCases)
    func sqlAgreesWithEngine(backend: Backend) async throws {
        let asOf = UTCCalendar.date(2026, 10, 15)
        try await TestDatabases.withStore(backend) { store in
            try await DemoLoader.load(DemoGenerator(seed: 5, accountCount: 400, asOf: asOf), into: store)
            let sql = try #require(store as? SQLStore)
            let snapshot = try await MetricsSnapshot.load(from: store, asOf: asOf)
            let months = snapshot.periods(from: UTCCalendar.date(2024, 11, 1), to: asOf, interval: .month)
            var checked = 0
            for month in months.dropFirst() {
                let instant = SQLValue.milliseconds(month.start) - 1
                var bySQL: [String: Int64] = [:]
                for row in try await sql.database.read(Self.mrrAt(instant)) {
                    let account: String = try row["account_id"], mrr: Int64 = try row["mrr"]
                    if mrr > 0 { bySQL[account] = mrr }
                }
                var byEngine: [String: Int64] = [:]
                for (id, revenue) in snapshot.ledger.accounts {
                    let mrr = revenue.mrr(before: month.start)
                    if mrr > 0 { byEngine[id] = mrr }
                }
                #expect(bySQL == byEngine, "month starting \(month.label)")
                #expect(bySQL.values.reduce(0, +) == snapshot.ledger.mrr(before: month.start))
                checked += bySQL.count
            }
            #expect(checked > 2_000)
        }
    }
}
