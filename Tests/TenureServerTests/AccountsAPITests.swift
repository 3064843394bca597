import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TenureCore
import TenureServer
import TenureStore
import TenureTestSupport

@Suite("Accounts API")
struct AccountsAPITests {
    @Test("health checks answer without a key", arguments: Backend.allCases)
    func health(backend: Backend) async throws {
        try await APIHarness.run(backend) { _, client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.json["status"] as? String == "ok")
            }
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.json["backend"] as? String == backend.rawValue)
            }
        }
    }

    @Test("the list pages, sorts and filters, and carries MRR and ARR (a1's 3-month coupon has ended by now)")
    func list() async throws {
        try await APIHarness.run { harness, client in
            try await client.execute(uri: "/api/v1/accounts?sort=-mrr&limit=1", method: .get, headers: harness.headers(.viewer)) { response in
                #expect(response.status == .ok)
                let data = response.json["data"] as? [[String: Any]] ?? []
                #expect(data.map { $0["id"] as? String } == ["a1"])
                #expect((data.first?["mrr"] as? [String: Any])?["amount"] as? Int == 25_000)
                #expect((data.first?["arr"] as? [String: Any])?["amount"] as? Int == 300_000)
                #expect(response.json["total"] as? Int == 2)
                #expect(response.json["next_offset"] as? Int == 1)
            }
            try await client.execute(uri: "/api/v1/accounts?segment=mid_market&q=BEACON", method: .get, headers: harness.headers(.viewer)) { response in
                let data = response.json["data"] as? [[String: Any]] ?? []
                #expect(data.map { $0["id"] as? String } == ["a2"])
                #expect(response.json["next_offset"] == nil)
            }
            try await client.execute(uri: "/api/v1/accounts?owner=none", method: .get, headers: harness.headers(.viewer)) { response in
                #expect((response.json["data"] as? [[String: Any]])?.map { $0["id"] as? String } == ["a2"])
            }
        }
    }

    @Test("bad query parameters are 400s naming the parameter", arguments: [
        ("limit=0", "limit"), ("limit=abc", "limit"), ("limit=501", "limit"), ("offset=-1", "offset"),
        ("sort=-color", "sort"), ("stage=gold", "stage"), ("segmnt=smb", "segmnt"), ("limit=1&limit=2", "limit"),
    ])
    func badQueries(query: String, field: String) async throws {
        try await APIHarness.run { harness, client in
            try await client.execute(uri: "/api/v1/accounts?\(query)", method: .get, headers: harness.headers(.viewer)) { response in
                #expect(response.status == .badRequest)
                #expect(response.error["field"] == field)
                #expect(response.error["code"] == "bad_request")
            }
        }
    }

    @Test("the detail shows subscriptions with their MRR, summing to the account's", arguments: Backend.allCases)
    func detail(backend: Backend) async throws {
        try await APIHarness.run(backend) { harness, client in
            try await client.execute(uri: "/api/v1/accounts/a2", method: .get, headers: harness.headers(.viewer)) { response in
                #expect(response.status == .ok)
                #expect(response.json["name"] as? String == "Beacon Labs")
                #expect((response.json["mrr"] as? [String: Any])?["amount"] as? Int == 11_250)
                let subscriptions = response.json["subscriptions"] as? [[String: Any]] ?? []
                #expect(subscriptions.count == 1)
                #expect((subscriptions.first?["mrr"] as? [String: Any])?["amount"] as? Int == 11_250)
                #expect((subscriptions.first?["cancellation"] as? [String: Any])?["feedback"] as? String == "too_expensive")
            }
            try await client.execute(uri: "/api/v1/accounts/nope", method: .get, headers: harness.headers(.viewer)) { response in
                #expect(response.status == .notFound)
                #expect(response.error["code"] == "not_found")
            }
        }
    }

    @Test("POST creates (201) then updates by Stripe id (200); PUT upserts at the path", arguments: Backend.allCases)
    func upsert(backend: Backend) async throws {
        try await APIHarness.run(backend) { harness, client in
            let body = #"{"name":"Orbit Media","stripe_customer_id":"cus_orbit","employee_count":25,"tags":["new"],"traits":{"plan":"growth"}}"#
            let id = try await client.execute(uri: "/api/v1/accounts", method: .post, headers: harness.headers(.member, json: true),
                                              body: ByteBuffer(json: body)) { response in
                #expect(response.status == .created)
                #expect(response.json["lifecycle_stage"] as? String == "onboarding")
                return response.json["id"] as? String
            }
            #expect(id?.hasPrefix("acct_") == true)
            try await client.execute(uri: "/api/v1/accounts", method: .post, headers: harness.headers(.member, json: true),
                                     body: ByteBuffer(json: #"{"stripe_customer_id":"cus_orbit","industry":"Media"}"#)) { response in
                #expect(response.status == .ok)
                #expect(response.json["id"] as? String == id)
                #expect(response.json["industry"] as? String == "Media")
                #expect(response.json["employee_count"] as? Int == 25)
            }
            try await client.execute(uri: "/api/v1/accounts/crm-77", method: .put, headers: harness.headers(.admin, json: true),
                                     body: ByteBuffer(json: #"{"name":"Prism Labs","owner_id":"csm_1"}"#)) { response in
                #expect(response.status == .created)
                #expect(response.json["id"] as? String == "crm-77")
            }
            #expect(try await harness.store.factCounts()["accounts"] == 4)
        }
    }

    @Test("bad bodies are rejected with the field named, and nothing is stored", arguments: [
        (#"{"name":"X","employee_count":"12"}"#, 400, "employee_count", "must be an integer"),
        (#"{"name":"X","lifecycle_stage":"gold"}"#, 400, "lifecycle_stage", nil),
        (#"{"name":"X","currency":"XYZ"}"#, 400, "currency", nil),
        (#"{"name":"X","employee_count":99999999999999999999}"#, 400, "employee_count", nil),
        (#"{"name":"X","employee_count":1.5}"#, 400, "employee_count", nil),
        (#"{"name":"X","employee_count":-3}"#, 422, "employee_count", "must be between 0 and 10000000"),
        (#"{"name":"","domain":"x.com"}"#, 422, "name", "must not be empty"),
        (#"{"domain":"x.com"}"#, 422, "name", "is required to create an account"),
        (#"{"name":"X","tags":"vip"}"#, 400, "tags", nil),
        (#"{"name":"X","traits":[1,2]}"#, 400, "traits", nil),
        (#"{"name": "X""#, 400, "body", "is not valid JSON: expects ',' or '}' in an object"),
        (#"[1,2,3]"#, 400, nil, nil),
        ("", 400, nil, "the request body is empty; send a JSON object"),
    ] as [(String, Int, String?, String?)])
    func badBodies(body: String, status: Int, field: String?, message: String?) async throws {
        try await APIHarness.run { harness, client in
            let before = try await harness.store.factCounts()
            try await client.execute(uri: "/api/v1/accounts", method: .post, headers: harness.headers(.member, json: true),
                                     body: ByteBuffer(json: body)) { response in
                #expect(response.status.code == status)
                #expect(response.error["field"] == field)
                if let message { #expect(response.error["message"] == message) }
                #expect(response.error["message"]?.isEmpty == false)
            }
            #expect(try await harness.store.factCounts() == before)
        }
    }

    @Test("the body must be JSON, UTF-8 and at most 1 MiB")
    func bodyLimits() async throws {
        try await APIHarness.run { harness, client in
            var headers = harness.headers(.member)
            headers[.contentType] = "text/plain"
            try await client.execute(uri: "/api/v1/accounts", method: .post, headers: headers, body: ByteBuffer(json: "{}")) { response in
                #expect(response.status == .unsupportedMediaType)
            }
            let huge = #"{"name":""# + String(repeating: "x", count: 1 << 21) + #""}"#
            try await client.execute(uri: "/api/v1/accounts", method: .post, headers: harness.headers(.member, json: true),
                                     body: ByteBuffer(json: huge)) { response in
                #expect(response.status == .contentTooLarge)
                #expect(response.error["code"] == "payload_too_large")
            }
            try await client.execute(uri: "/api/v1/accounts", method: .post, headers: harness.headers(.member, json: true),
                                     body: ByteBuffer(bytes: [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D])) { response in
                #expect(response.status == .badRequest)
                #expect(response.error["message"] == "the request body is not valid UTF-8")
            }
            #expect(try await harness.store.factCounts()["accounts"] == 2)
        }
    }

    @Test("ids that point at two accounts are a 409 and change nothing")
    func conflict() async throws {
        try await APIHarness.run { harness, client in
            try await client.execute(uri: "/api/v1/accounts/a1", method: .put, headers: harness.headers(.member, json: true),
                                     body: ByteBuffer(json: #"{"stripe_customer_id":"cus_a2","name":"Hijack"}"#)) { response in
                #expect(response.status == .conflict)
                #expect(response.error["code"] == "conflict")
            }
            try await client.execute(uri: "/api/v1/accounts/a1", method: .put, headers: harness.headers(.member, json: true),
                                     body: ByteBuffer(json: #"{"id":"a2","name":"Mismatch"}"#)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.error["field"] == "id")
            }
            #expect(try await harness.store.account(id: "a1")?.account.name == "Acme Analytics")
        }
    }

    @Test("unknown routes get the JSON envelope too")
    func unknownRoute() async throws {
        try await APIHarness.run { harness, client in
            try await client.execute(uri: "/api/v1/nothing-here", method: .get, headers: harness.headers(.viewer)) { response in
                #expect(response.status == .notFound)
                #expect(response.error["code"] == "not_found")
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            }
        }
    }
}
