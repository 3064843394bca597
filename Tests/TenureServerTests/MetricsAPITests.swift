import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TenureCore
import TenureEngine
import TenureServer
import TenureStore
import TenureTestSupport

@Suite("Metrics API")
struct MetricsAPITests {
    /// Runs `body` against a router over a 150-account demo ending at the tests' fixed instant.
    static func withDemo(_ backend: Backend = .sqlite, _ body: @escaping @Sendable (APIHarness, any TestClientProtocol) async throws -> Void) async throws {
        try await APIHarness.run(backend, seed: { store in
            try await DemoLoader.load(DemoGenerator(seed: 9, accountCount: 150, asOf: TestClock.now), into: store)
        }, body)
    }

    static func get(_ client: any TestClientProtocol, _ harness: APIHarness, _ uri: String) async throws -> (HTTPResponse.Status, [String: Any]) {
        try await client.execute(uri: uri, method: .get, headers: harness.headers(.viewer)) { ($0.status, $0.json) }
    }

    @Test("revenue periods reconcile, chain, and their breakdown adds up to the total", arguments: Backend.allCases)
    func revenue(backend: Backend) async throws {
        try await Self.withDemo(backend) { harness, client in
            let (status, json) = try await Self.get(client, harness, "/api/v1/metrics/revenue?by=segment")
            #expect(status == .ok)
            let periods = json["periods"] as? [[String: Any]] ?? []
            #expect(periods.count == 12)
            for (index, period) in periods.enumerated() {
                let start = period["mrr_start"] as! Int, end = period["mrr_end"] as! Int
                let net = (period["new"] as! Int) + (period["expansion"] as! Int) + (period["reactivation"] as! Int)
                    - (period["contraction"] as! Int) - (period["churn"] as! Int)
                #expect(end == start + net)
                #expect(period["reconciles"] as? Bool == true)
                if index > 0 { #expect(start == periods[index - 1]["mrr_end"] as? Int) }
            }
            let groups = json["groups"] as? [String: [[String: Any]]] ?? [:]
            #expect(Set(groups.keys).isSuperset(of: ["self_serve", "smb", "mid_market"]))
            for field in ["mrr_end", "new", "expansion", "contraction", "churn", "reactivation"] {
                let total = periods.last?[field] as? Int
                #expect(groups.values.reduce(0) { $0 + ($1.last?[field] as? Int ?? 0) } == total, "\(field)")
            }
            let last = try #require(periods.last?["mrr_end"] as? Int)
            #expect(last > 0)
            let (_, books) = try await Self.get(client, harness, "/api/v1/metrics/books")
            let bookMRR = (books["data"] as? [[String: Any]] ?? []).reduce(0) { $0 + ($1["mrr"] as? Int ?? 0) }
            #expect(bookMRR == last)
        }
    }

    @Test("explain lists exactly the rows behind a figure")
    func explain() async throws {
        try await Self.withDemo { harness, client in
            let (_, revenue) = try await Self.get(client, harness, "/api/v1/metrics/revenue")
            let periods = revenue["periods"] as? [[String: Any]] ?? []
            let busiest = try #require(periods.max { ($0["new"] as! Int) < ($1["new"] as! Int) })
            let label = busiest["period"] as! String
            let (status, explained) = try await Self.get(client, harness, "/api/v1/metrics/explain?metric=new&period=\(label)&limit=10000")
            #expect(status == .ok)
            let movements = explained["movements"] as? [[String: Any]] ?? []
            let total = movements.reduce(0) { $0 + (($1["movement"] as! [String: Any])["mrr_after"] as! Int) }
            #expect(total == busiest["new"] as? Int)
            #expect(explained["omitted"] as? Int == 0)
            #expect(movements.allSatisfy { !(($0["causes"] as? [Any]) ?? []).isEmpty })
            let (_, mrr) = try await Self.get(client, harness, "/api/v1/metrics/explain?metric=mrr&period=\(label)&limit=10000")
            let accounts = mrr["accounts"] as? [[String: Any]] ?? []
            #expect(accounts.reduce(0) { $0 + ($1["amount"] as! Int) } == busiest["mrr_end"] as? Int)
            #expect(accounts.count == busiest["customers_end"] as? Int)
        }
    }

    @Test("bad metric requests are 400s naming the parameter", arguments: [
        ("explain?metric=profit&period=2026-01", "metric"), ("explain?period=2026-01", "metric"),
        ("explain?metric=nrr&period=2026-13", "period"), ("revenue?from=2026-06&to=2026-01", "from"),
        ("revenue?interval=day&from=2020-01-01&to=2026-01-01", "from"), ("revenue?by=color", "by"),
        ("revenue?to=yesterday", "to"), ("cohorts?interval=day", "interval"), ("books?x=1", "x"),
    ])
    func badRequests(query: String, field: String) async throws {
        try await APIHarness.run { harness, client in
            let (status, json) = try await Self.get(client, harness, "/api/v1/metrics/\(query)")
            #expect(status.code >= 400 && status.code < 500)
            #expect((json["error"] as? [String: String])?["field"] == field)
        }
    }

    @Test("cohorts, customer success figures and filters answer")
    func otherReports() async throws {
        try await Self.withDemo { harness, client in
            let (_, cohorts) = try await Self.get(client, harness, "/api/v1/metrics/cohorts?from=\(Self.monthsAgo(11))")
            let rows = cohorts["cohorts"] as? [[String: Any]] ?? []
            #expect(!rows.isEmpty)
            for row in rows {
                let accounts = try #require(row["accounts"] as? Int), paying = try #require(row["paying"] as? [Int])
                let retention = try #require(row["logo_retention"] as? [Double])
                let expected = paying.map { Double($0) / Double(accounts) }
                #expect(retention.count == expected.count && zip(retention, expected).allSatisfy { abs($0 - $1) < 1e-12 },
                        "month 0 counts accounts lost within it: \(retention) vs \(expected)")
                #expect(retention.allSatisfy { (0...1).contains($0) })
                if (row["mrr"] as? [Int])?.first ?? 0 > 0 { #expect((row["revenue_retention"] as? [Double])?.first == 1.0) }
            }
            let (status, cs) = try await Self.get(client, harness, "/api/v1/metrics/customer-success?by=segment")
            #expect(status == .ok)
            let nps = cs["nps"] as? [String: Any] ?? [:]
            let score = try #require(nps["score"] as? Double)
            #expect((nps["confidence_low"] as! Double) <= score && score <= (nps["confidence_high"] as! Double))
            #expect((cs["periods"] as? [Any])?.count == 12)
            // A range running past now (the clock is at 2026-06-15) measures adoption over the 30 days before now,
            // not over days that have not happened.
            let (_, june) = try await Self.get(client, harness, "/api/v1/metrics/customer-success?from=2026-05&to=2026-06")
            let (_, july) = try await Self.get(client, harness, "/api/v1/metrics/customer-success?from=2026-05&to=2026-07")
            let adoption = try #require(july["adoption"] as? [String: Any])
            #expect((adoption["average_share"] as? Double ?? 0) > 0)
            #expect(NSDictionary(dictionary: adoption).isEqual(to: june["adoption"] as? [String: Any] ?? [:]))
            let (_, filtered) = try await Self.get(client, harness, "/api/v1/metrics/revenue?segment=enterprise")
            let (_, grouped) = try await Self.get(client, harness, "/api/v1/metrics/revenue?by=segment")
            let enterprise = (grouped["groups"] as? [String: [[String: Any]]])?["enterprise"]?.last?["mrr_end"] as? Int
            #expect((filtered["periods"] as? [[String: Any]])?.last?["mrr_end"] as? Int == enterprise)
        }
    }

    @Test("admins change the metrics policy; MRR follows; bad policies are refused")
    func policy() async throws {
        try await Self.withDemo { harness, client in
            let before = try #require(try await Self.get(client, harness, "/api/v1/metrics/revenue").1["periods"] as? [[String: Any]]).last?["mrr_end"] as? Int
            try await client.execute(uri: "/api/v1/config/metrics", method: .put, headers: harness.headers(.member, json: true),
                                     body: ByteBuffer(json: #"{"mrr":{"discounts":"none"}}"#)) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/api/v1/config/metrics", method: .put, headers: harness.headers(.admin, json: true),
                                     body: ByteBuffer(json: #"{"time_zone":"Mars/Olympus"}"#)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.error["field"] == "time_zone")
            }
            try await client.execute(uri: "/api/v1/config/metrics", method: .put, headers: harness.headers(.admin, json: true),
                                     body: ByteBuffer(json: #"{"mrr":{"discounts":"none"}}"#)) { response in
                #expect(response.status == .ok)
                #expect((response.json["mrr"] as? [String: Any])?["discounts"] as? String == "none")
                #expect(response.json["grouping"] as? String == "day")
            }
            let after = try #require(try await Self.get(client, harness, "/api/v1/metrics/revenue").1["periods"] as? [[String: Any]]).last?["mrr_end"] as? Int
            #expect(after! > before!)
            let listed = try await client.execute(uri: "/api/v1/accounts?limit=500", method: .get, headers: harness.headers(.viewer)) { $0.json }
            let stored = (listed["data"] as? [[String: Any]] ?? []).reduce(0) { $0 + (($1["mrr"] as? [String: Any])?["amount"] as? Int ?? 0) }
            #expect(stored == after)
        }
    }

    @Test("cached lists and reports follow writes made straight to the store, as another node makes them", arguments: Backend.allCases)
    func cachedReadsFollowWrites(backend: Backend) async throws {
        try await Self.withDemo(backend) { harness, client in
            func revenue() async throws -> Int {
                try #require(try await Self.get(client, harness, "/api/v1/metrics/revenue").1["periods"] as? [[String: Any]]).last?["mrr_end"] as! Int
            }
            func accountIDs() async throws -> [String] {
                let listed = try await Self.get(client, harness, "/api/v1/accounts?sort=-mrr&limit=3").1["data"] as? [[String: Any]] ?? []
                return listed.map { $0["id"] as! String }
            }
            let before = try await revenue(), top = try await accountIDs()
            #expect(try await revenue() == before, "served again from the cache")

            // A new account paying more than anyone, written by "another node".
            let started = TestClock.now.adding(days: -3)
            var batch = FactBatch()
            batch.accounts = [Account(id: "acct_whale", name: "Whale Co", createdAt: started)]
            batch.subscriptions = [Subscription(
                id: "sub_whale", accountID: "acct_whale", status: .active,
                items: [SubscriptionItem(id: "si_whale", priceID: "price_business_monthly", quantity: 5_000)], currency: .usd,
                startedAt: started, currentPeriodStart: started, currentPeriodEnd: started.adding(days: 30))]
            batch.subscriptionChanges = [SubscriptionChange(effectiveAt: started, state: batch.subscriptions[0])]
            try await harness.store.write(batch, asOf: TestClock.now)

            #expect(try await revenue() == before + 4_500 * 5_000, "the new MRR is in the next report")
            #expect(try await accountIDs() == ["acct_whale"] + top.prefix(2), "and on top of the list")
        }
    }

    static func monthsAgo(_ months: Int) -> String {
        let date = UTCCalendar.adding(months: -months, to: TestClock.now)
        let parts = UTCCalendar.calendar.dateComponents([.year, .month], from: date)
        return String(format: "%04d-%02d", parts.year!, parts.month!)
    }
}
