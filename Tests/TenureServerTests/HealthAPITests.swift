import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TenureCore
import TenureServer
import TenureStore
import TenureTestSupport

/// `/api/v1/health…` and `/api/v1/segments…` over the fixtures.
@Suite("Health API")
struct HealthAPITests {
    static let yaml = """
        name: Sentiment first
        thresholds: {red_below: 40, green_above: 75}
        signals:
          - {signal: latest_nps, weight: 60, missing: 50, transform: {linear: {from: 0, to: 10}}}
          - {signal: tickets_60d, weight: 40, transform: {bands: [{below: 1, score: 100}, {score: 20}]}}
        """

    /// The raw value of `signal` in a health breakdown.
    static func raw(_ signal: HealthSignal, in health: [String: Any]) -> Double? {
        (health["signals"] as? [[String: Any]])?.first { $0["signal"] as? String == signal.rawValue }?["raw"] as? Double
    }

    static func headers(_ harness: APIHarness, _ role: Role, contentType: String) -> HTTPFields {
        var headers = harness.headers(role)
        headers[.contentType] = contentType
        return headers
    }

    @Test("recompute scores live accounts; the list and the breakdown agree and carry the validation", arguments: Backend.allCases)
    func scores(backend: Backend) async throws {
        try await APIHarness.run(backend) { harness, client in
            try await client.execute(uri: "/api/v1/health", method: .get, headers: harness.headers(.viewer)) { response in
                #expect(response.status == .ok)
                let validation = response.json["validation"] as? [String: Any]
                #expect(validation?["definition_version"] as? Int == 1)
                #expect(validation?["validated_auc"] == nil)
                #expect((response.json["data"] as? [[String: Any]])?.allSatisfy { $0["health"] is NSNull } == true)
            }
            try await client.execute(uri: "/api/v1/health/recompute", method: .post, headers: harness.headers(.member)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/health/recompute", method: .post, headers: harness.headers(.admin)) { response in
                #expect(response.status == .ok)
                #expect(response.json["scored"] as? Int == 2)
                #expect(response.json["definition_version"] as? Int == 1)
            }
            let listed = try await client.execute(uri: "/api/v1/health?sort=-score", method: .get, headers: harness.headers(.viewer)) { response in
                #expect(response.status == .ok)
                let data = response.json["data"] as? [[String: Any]] ?? []
                #expect(data.count == 2)
                let distribution = response.json["distribution"] as? [String: Int] ?? [:]
                #expect(distribution.values.reduce(0, +) == 2)
                return data.map { (($0["id"] as? String) ?? "", ($0["health"] as? [String: Any])?["score"] as? Double ?? -1) }
            }
            #expect(listed[0].1 >= listed[1].1)
            for (id, score) in listed {
                try await client.execute(uri: "/api/v1/health/accounts/\(id)", method: .get, headers: harness.headers(.viewer)) { response in
                    #expect(response.status == .ok)
                    let health = response.json["health"] as? [String: Any] ?? [:]
                    #expect(health["score"] as? Double == score)
                    let signals = health["signals"] as? [[String: Any]] ?? []
                    #expect(signals.count == HealthDefinition.standard.signals.count)
                    let points = signals.compactMap { $0["contribution"] as? Double }.reduce(0, +)
                    #expect(abs(points - score) < 1e-6)
                    #expect((response.json["history"] as? [[String: Any]])?.count == 1)
                }
            }
            try await client.execute(uri: "/api/v1/health/accounts/nope", method: .get, headers: harness.headers(.viewer)) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/health?colour=purple", method: .get, headers: harness.headers(.viewer)) { response in
                #expect(response.status == .badRequest)
                #expect(response.error["field"] == "colour")
            }
            try await client.execute(uri: "/api/v1/accounts?health=red&sort=-health_score", method: .get, headers: harness.headers(.viewer)) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("definitions: bad documents are refused naming the field and store nothing; good ones become versions")
    func definitions() async throws {
        try await APIHarness.run { harness, client in
            let yaml = Self.headers(harness, .admin, contentType: "application/yaml")
            for (body, field) in [
                (Self.yaml.replacingOccurrences(of: "weight: 40", with: "weight: 30"), "signals"),
                (Self.yaml.replacingOccurrences(of: "latest_nps", with: "latest_mood"), "signals[0].signal"),
                ("name: [", nil),
            ] as [(String, String?)] {
                try await client.execute(uri: "/api/v1/health/definitions", method: .post, headers: yaml, body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .unprocessableContent)
                    #expect(response.error["field"] == field)
                }
            }
            try await client.execute(uri: "/api/v1/health/definitions", method: .post,
                                     headers: Self.headers(harness, .admin, contentType: "text/plain"), body: ByteBuffer(string: Self.yaml)) { response in
                #expect(response.status == .unsupportedMediaType)
            }
            try await client.execute(uri: "/api/v1/health/definitions", method: .post,
                                     headers: Self.headers(harness, .member, contentType: "application/yaml"), body: ByteBuffer(string: Self.yaml)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/health/definitions", method: .get, headers: harness.headers(.viewer)) { response in
                #expect((response.json["data"] as? [Any])?.isEmpty == true)
            }
            try await client.execute(uri: "/api/v1/health/definitions?activate=true&note=sentiment", method: .post, headers: yaml,
                                     body: ByteBuffer(string: Self.yaml)) { response in
                #expect(response.status == .created)
                #expect(response.json["version"] as? Int == 1)
                #expect(response.json["active"] as? Bool == true)
                #expect(response.json["source"] as? String == Self.yaml)
            }
            try await client.execute(uri: "/api/v1/health/accounts/a1", method: .get, headers: harness.headers(.viewer)) { response in
                #expect(response.json["definition_version"] as? Int == 1)
                let health = response.json["health"] as? [String: Any] ?? [:]
                // The document's own arithmetic on the raw values shown: NPS × 10 (50 without an answer)
                // weighted 60, tickets 100 without any else 20, weighted 40; colours on 40 / 75.
                let nps = Self.raw(.latestNPS, in: health).map { $0 * 10 } ?? 50
                let tickets: Double = Self.raw(.tickets60Days, in: health) == 0 ? 100 : 20
                let expected = 0.6 * nps + 0.4 * tickets
                #expect(abs((health["score"] as? Double ?? -1) - expected) < 1e-9)
                #expect(health["colour"] as? String == (expected < 40 ? "red" : expected > 75 ? "green" : "yellow"))
            }
            let json = #"{"name":"JSON one","signals":[{"signal":"tickets_60d","weight":100,"transform":{"linear":{"from":5,"to":0}}}]}"#
            try await client.execute(uri: "/api/v1/health/definitions", method: .post,
                                     headers: Self.headers(harness, .admin, contentType: "application/json"), body: ByteBuffer(string: json)) { response in
                #expect(response.status == .created)
                #expect(response.json["version"] as? Int == 2)
                #expect(response.json["active"] as? Bool == false)
            }
            try await client.execute(uri: "/api/v1/health/definitions/2/activate", method: .post, headers: harness.headers(.admin)) { response in
                #expect(response.status == .ok)
                #expect(response.json["active"] as? Bool == true)
            }
            try await client.execute(uri: "/api/v1/health/accounts/a1", method: .get, headers: harness.headers(.viewer)) { response in
                #expect(response.json["definition_version"] as? Int == 2)
                let health = response.json["health"] as? [String: Any] ?? [:]
                let tickets = try #require(Self.raw(.tickets60Days, in: health))
                #expect(abs((health["score"] as? Double ?? -1) - min(100, max(0, (5 - tickets) / 5 * 100))) < 1e-9)
            }
            for uri in ["/api/v1/health/definitions/9/activate", "/api/v1/health/definitions/0/activate"] {
                try await client.execute(uri: uri, method: .post, headers: harness.headers(.admin)) { response in
                    #expect(response.status == (uri.contains("/9/") ? .notFound : .badRequest))
                }
            }
        }
    }

    @Test("segments: none until a segmentation is active; then accounts get segments and CSMs coverage")
    func segments() async throws {
        try await APIHarness.run { harness, client in
            try await client.execute(uri: "/api/v1/segments", method: .get, headers: harness.headers(.viewer)) { response in
                #expect(response.status == .notFound)
                #expect(response.error["message"]?.contains("segments/definitions") == true)
            }
            let rules = """
                name: Two bands
                segments:
                  - {key: large, engagement_model: high_touch, accounts_per_csm: 2, when: {arr_at_least: 2500}}
                  - {key: small, engagement_model: tech_touch, accounts_per_csm: 100}
                """
            try await client.execute(uri: "/api/v1/segments/definitions?activate=true", method: .post,
                                     headers: Self.headers(harness, .admin, contentType: "application/yaml"), body: ByteBuffer(string: rules)) { response in
                #expect(response.status == .created)
            }
            // a1 pays 25,000 cents a month once its coupon has ended (ARR 3,000.00 dollars): large; a2 pays 11,250 (ARR 1,350): small.
            try await client.execute(uri: "/api/v1/segments", method: .get, headers: harness.headers(.viewer)) { response in
                #expect(response.status == .ok)
                let segments = response.json["segments"] as? [[String: Any]] ?? []
                #expect(segments.map { $0["key"] as? String } == ["large", "small"])
                #expect(segments.map { $0["accounts"] as? Int } == [1, 1])
            }
            try await client.execute(uri: "/api/v1/accounts/a1", method: .get, headers: harness.headers(.viewer)) { response in
                #expect(response.json["segment"] as? String == "large")
                #expect(response.json["engagement_model"] as? String == "high_touch")
            }
            try await client.execute(uri: "/api/v1/segments/coverage", method: .get, headers: harness.headers(.viewer)) { response in
                let books = response.json["data"] as? [[String: Any]] ?? []
                let ada = books.first { $0["csm_id"] as? String == "csm_1" }
                #expect(ada?["name"] as? String == "Ada Berg")
                #expect(ada?["total_accounts"] as? Int == 1)
                #expect(ada?["load"] as? Double == 0.5)   // 1 large account ÷ 2 per CSM
                #expect(ada?["status"] as? String == "under")
            }
            try await client.execute(uri: "/api/v1/health/accounts/a1", method: .get, headers: harness.headers(.viewer)) { response in
                #expect((response.json["segment_history"] as? [[String: Any]])?.first?["segment"] as? String == "large")
            }
        }
    }

    @Test("backtests are stored and shown; calibrating without churn is a 422 that says why")
    func backtestAndCalibrate() async throws {
        try await APIHarness.run { harness, client in
            try await client.execute(uri: "/api/v1/health/backtest", method: .get, headers: harness.headers(.viewer)) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/health/backtest?months=3&horizon_days=30", method: .post, headers: harness.headers(.admin)) { response in
                #expect(response.status == .ok)
                #expect((response.json["report"] as? [String: Any])?["horizon_days"] as? Int == 30)
            }
            try await client.execute(uri: "/api/v1/health/backtest", method: .get, headers: harness.headers(.viewer)) { response in
                #expect(response.status == .ok)
                #expect(response.json["definition_version"] as? Int == 1)
            }
            try await client.execute(uri: "/api/v1/health", method: .get, headers: harness.headers(.viewer)) { response in
                #expect((response.json["validation"] as? [String: Any])?["horizon_days"] as? Int == 30)
            }
            try await client.execute(uri: "/api/v1/health/backtest?months=0", method: .post, headers: harness.headers(.admin)) { response in
                #expect(response.status == .badRequest)
                #expect(response.error["field"] == "months")
            }
            try await client.execute(uri: "/api/v1/health/calibrate?months=6&horizon_days=30", method: .post, headers: harness.headers(.admin)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.error["message"]?.contains("cannot calibrate") == true)
            }
            try await client.execute(uri: "/api/v1/health/definitions", method: .get, headers: harness.headers(.viewer)) { response in
                #expect((response.json["data"] as? [Any])?.count == 1)
            }
        }
    }
}
