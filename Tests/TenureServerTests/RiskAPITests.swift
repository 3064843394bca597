import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TenureCore
import TenureEngine
import TenureServer
import TenureStore
import TenureTestSupport

/// `/api/v1/risk…` over a small demo.
@Suite("Risk API")
struct RiskAPITests {
    static let demo: @Sendable (any Store) async throws -> Void = { store in
        try await DemoLoader.load(DemoGenerator(seed: 5, accountCount: 250, asOf: TestClock.now), into: store)
    }

    @Test("before training the list is a 404 that says how to train; viewers cannot train")
    func beforeTraining() async throws {
        try await APIHarness.run { harness, client in
            try await client.execute(uri: "/api/v1/risk", method: .get, headers: harness.headers(.viewer)) { response in
                #expect(response.status == .notFound)
                #expect(response.error["message"]?.contains("/api/v1/risk/train") == true)
            }
            try await client.execute(uri: "/api/v1/risk/train", method: .post, headers: harness.headers(.member)) { response in
                #expect(response.status == .forbidden)
            }
            // The fixtures' two accounts are far too little history to learn from: a 422 that says why.
            try await client.execute(uri: "/api/v1/risk/train", method: .post, headers: harness.headers(.admin)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.error["message"]?.contains("cannot train a churn model") == true)
            }
        }
    }

    @Test("training stores a model whose backtest rides with every prediction; the list is ranked by MRR at risk")
    func trainedList() async throws {
        try await APIHarness.run(seed: Self.demo) { harness, client in
            try await client.execute(uri: "/api/v1/risk/train?months=12", method: .post, headers: harness.headers(.admin)) { response in
                #expect(response.status == .ok)
                #expect(response.json["version"] as? Int == 1)
                #expect((response.json["roc_auc"] as? Double ?? 0) > 0.6)
            }
            let top = try await client.execute(uri: "/api/v1/risk?limit=20", method: .get, headers: harness.headers(.viewer)) { response in
                #expect(response.status == .ok)
                #expect((response.json["model"] as? [String: Any])?["version"] as? Int == 1)
                let data = response.json["data"] as? [[String: Any]] ?? []
                #expect(data.count == 20)
                let losses = data.compactMap { ($0["prediction"] as? [String: Any])?["expected_loss"] as? Int }
                #expect(losses == losses.sorted(by: >))
                return data.first?["account_id"] as? String ?? ""
            }
            try await client.execute(uri: "/api/v1/risk/accounts/\(top)", method: .get, headers: harness.headers(.viewer)) { response in
                #expect(response.status == .ok)
                let prediction = response.json["prediction"] as? [String: Any] ?? [:]
                let probability = prediction["probability"] as? Double ?? -1
                #expect((0...1).contains(probability))
                let factors = prediction["factors"] as? [[String: Any]] ?? []
                #expect(!factors.isEmpty && factors.allSatisfy { !($0["description"] as? String ?? "").isEmpty })
            }
            try await client.execute(uri: "/api/v1/risk/model", method: .get, headers: harness.headers(.viewer)) { response in
                let model = response.json["model"] as? [String: Any] ?? [:]
                #expect((model["features"] as? [String])?.contains("engagement_30d") == true)
                #expect(((response.json["report"] as? [String: Any])?["calibration"] as? [Any])?.isEmpty == false)
            }
            try await client.execute(uri: "/api/v1/risk/survival?by=segment", method: .get, headers: harness.headers(.viewer)) { response in
                #expect(response.status == .ok)
                #expect((response.json["data"] as? [[String: Any]])?.count ?? 0 >= 3)
            }
            try await client.execute(uri: "/api/v1/risk/activation?days=30&horizon_days=120", method: .get, headers: harness.headers(.viewer)) { response in
                #expect(response.status == .ok)
                #expect((response.json["accounts"] as? Int ?? 0) > 0)
            }
            for (uri, field) in [("/api/v1/risk?limit=0", "limit"), ("/api/v1/risk/survival?by=colour", "by"), ("/api/v1/risk?owner=a&owner=b", "owner")] {
                try await client.execute(uri: uri, method: .get, headers: harness.headers(.viewer)) { response in
                    #expect(response.status == .badRequest)
                    #expect(response.error["field"] == field)
                }
            }
            try await client.execute(uri: "/api/v1/risk/accounts/nope", method: .get, headers: harness.headers(.viewer)) { response in
                #expect(response.status == .notFound)
                #expect(response.error["message"] == "account 'nope' was not found")
            }
            // The list keeps the model's summary between requests; a newly trained model replaces it at once.
            try await client.execute(uri: "/api/v1/risk/train?months=12&c=0.5", method: .post, headers: harness.headers(.admin)) { response in
                #expect(response.json["version"] as? Int == 2)
            }
            try await client.execute(uri: "/api/v1/risk?limit=1", method: .get, headers: harness.headers(.viewer)) { response in
                #expect((response.json["model"] as? [String: Any])?["version"] as? Int == 2)
            }
        }
    }
}
