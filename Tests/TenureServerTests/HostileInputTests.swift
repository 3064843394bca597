import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TenureCore
import TenureServer
import TenureStore
import TenureTestSupport

/// Requests an attacker would send: each is a 4xx naming the field, and the store is left as it was.
@Suite("Hostile input")
struct HostileInputTests {
    static func accountCount(_ harness: APIHarness) async throws -> Int {
        try await harness.store.accounts(AccountQuery(limit: 500)).total
    }

    static func writerHeaders(_ harness: APIHarness) -> HTTPFields {
        let basic = Data("\(harness.tokens[.writer]!):".utf8).base64EncodedString()
        return [.authorization: "Basic \(basic)", .contentType: "application/json"]
    }

    @Test("JSON that is not RFC 8259 JSON is a 400 naming where, and nothing is stored", arguments: Backend.allCases)
    func strictJSON(backend: Backend) async throws {
        let bodies: [(String, String)] = [
            (#"{"id":"acct_x","name":"X",}"#, "body"),
            (#"{"id":"acct_x","name":"X","name":"Y"}"#, "name"),
            (#"{"id":"acct_x","name":"X","traits":{"a":1,"a":2}}"#, "traits.a"),
            (#"{"id":"acct_x","name":"X","tags":["a",]}"#, "tags"),
            (#"{"id":"acct_x","name":"X","unused":"\udc00"}"#, "unused"),
            (#"{"id":"acct_x","name":"X","unused":"\ud800x"}"#, "unused"),
            (#"{"id":"acct_x","name":"X"} {}"#, "body"),
            (#"{'id':'acct_x'}"#, "body"),
            (#"{"id":"acct_x","name":"X","employee_count":NaN}"#, "employee_count"),
            (#"{"id":"acct_x","name":"X","employee_count":012}"#, "employee_count"),
            (String(repeating: "[", count: 10_000), "[0][0]"),
        ]
        try await APIHarness.run(backend) { harness, client in
            let before = try await Self.accountCount(harness)
            for (body, field) in bodies {
                try await client.execute(uri: "/api/v1/accounts", method: .post, headers: harness.headers(.member, json: true),
                                         body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .badRequest, "\(body.prefix(60))")
                    #expect(response.error["code"] == "invalid_json")
                    #expect(response.error["field"]?.hasPrefix(field) == true, "\(body.prefix(60)) → \(response.error)")
                }
            }
            #expect(try await Self.accountCount(harness) == before)
        }
    }

    @Test("NUL and other control characters in ids and names are refused with the field named", arguments: Backend.allCases)
    func controlCharacters(backend: Backend) async throws {
        try await APIHarness.run(backend) { harness, client in
            let before = try await Self.accountCount(harness)
            for (body, field) in [(#"{"id":"acct_0000003\u0000evil","name":"Evil"}"#, "id"),
                                  (#"{"id":"acct_ok","name":"Acme\u0000 Corp"}"#, "name"),
                                  (#"{"id":"acct_ok","name":"Acme\u001b[31m"}"#, "name"),
                                  (#"{"id":"acct\nnew","name":"Acme"}"#, "id"),
                                  (#"{"id":"acct_ok","name":"Acme","tags":["a\u0007"]}"#, "tags[0]")] {
                try await client.execute(uri: "/api/v1/accounts", method: .post, headers: harness.headers(.member, json: true),
                                         body: ByteBuffer(string: body)) { response in
                    #expect((400..<500).contains(response.status.code), "\(body)")
                    #expect(response.error["field"] == field, "\(body) → \(response.error)")
                }
            }
            #expect(try await Self.accountCount(harness) == before)
            #expect(try await harness.store.account(id: "acct_0000003") == nil)
        }
    }

    @Test("ids that need percent-encoding are read back at their encoded path", arguments: Backend.allCases)
    func percentEncodedIDs(backend: Backend) async throws {
        try await APIHarness.run(backend) { harness, client in
            for (id, path) in [("acct with space", "acct%20with%20space"), ("acct/é", "acct%2F%C3%A9"), ("50%off", "50%25off")] {
                let body = try JSONSerialization.data(withJSONObject: ["id": id, "name": "Encoded"])
                try await client.execute(uri: "/api/v1/accounts", method: .post, headers: harness.headers(.member, json: true),
                                         body: ByteBuffer(data: body)) { #expect($0.status == .created) }
                try await client.execute(uri: "/api/v1/accounts/\(path)", method: .get, headers: harness.headers(.viewer)) { response in
                    #expect(response.status == .ok, "\(path)")
                    #expect(response.json["id"] as? String == id)
                }
            }
            try await client.execute(uri: "/api/v1/accounts/bad%zz", method: .get, headers: harness.headers(.viewer)) { response in
                #expect(response.status == .badRequest)
                #expect(response.error["field"] == "id")
            }
        }
    }

    @Test("every API route refuses unknown query parameters", arguments: [
        "/api/v1/me", "/api/v1/csms", "/api/v1/plans", "/api/v1/accounts/a1", "/api/v1/config/metrics", "/api/v1/config/product",
        "/api/v1/keys",
    ])
    func unknownQueryParameters(path: String) async throws {
        try await APIHarness.run { harness, client in
            try await client.execute(uri: "\(path)?colour=red", method: .get, headers: harness.headers(.admin)) { response in
                #expect(response.status == .badRequest, "\(path)")
                #expect(response.error["field"] == "colour")
            }
        }
    }

    @Test("absurd event times on /v1/batch are refused with the field named, and nothing is stored", arguments: Backend.allCases)
    func absurdEventTimes(backend: Backend) async throws {
        let calls: [(String, String)] = [
            (#"{"type":"track","userId":"u1","event":"E","timestamp":"+10000-01-01T00:00:00Z","messageId":"m1"}"#, "timestamp"),
            (#"{"type":"track","userId":"u1","event":"E","timestamp":"10000-01-01T00:00:00Z","messageId":"m2"}"#, "timestamp"),
            (#"{"type":"track","userId":"u1","event":"E","timestamp":"1969-12-31T23:59:59Z","messageId":"m3"}"#, "timestamp"),
            (#"{"type":"track","userId":"u1","event":"E","timestamp":"2026-06-01T00:00:00Z","sentAt":"0001-01-01T00:00:00Z","messageId":"m4"}"#, "sentAt"),
            (#"{"type":"track","userId":"u1","event":"E","timestamp":"9999-12-31T00:00:00Z","sentAt":"1970-01-02T00:00:00Z","messageId":"m5"}"#, "sentAt"),
            (#"{"type":"track","userId":"u\u0007x","event":"E","messageId":"m6"}"#, "userId"),
            (#"{"type":"group","userId":"u1","groupId":"g1","traits":{"name":"Evil\u001b[0m"},"messageId":"m7"}"#, "traits.name"),
        ]
        try await APIHarness.run(backend) { harness, client in
            let body = #"{"batch":[\#(calls.map(\.0).joined(separator: ","))]}"#
            try await client.execute(uri: "/v1/batch", method: .post, headers: Self.writerHeaders(harness), body: ByteBuffer(string: body)) { response in
                #expect(response.status == .ok)
                #expect(response.json["accepted"] as? Int == 0)
                let rejected = response.json["rejected"] as? [[String: Any]] ?? []
                #expect(rejected.map { $0["field"] as? String } == calls.map(\.1))
            }
            let events = try await harness.store.eventCounts(ofAccount: "acct_g1", from: Date(timeIntervalSince1970: 0), to: TestClock.now.adding(days: 1))
            #expect(events.isEmpty)
            #expect(try await harness.store.account(id: "acct_g1") == nil)
            // NUL cannot be stored anywhere: the whole request is refused before any call is read.
            let nul = #"{"batch":[{"type":"track","userId":"u1","event":"E"},{"type":"track","userId":"u\u0000x","event":"E"}]}"#
            try await client.execute(uri: "/v1/batch", method: .post, headers: Self.writerHeaders(harness), body: ByteBuffer(string: nul)) { response in
                #expect(response.status == .badRequest)
                #expect(response.error["field"] == "batch[1].userId")
            }
            // Huge employee counts are dropped, not trapped on.
            let group = #"{"type":"group","userId":"u1","groupId":"g2","traits":{"name":"Big","employees":1e300},"messageId":"m8"}"#
            try await client.execute(uri: "/v1/group", method: .post, headers: Self.writerHeaders(harness), body: ByteBuffer(string: group)) { response in
                #expect(response.json["accepted"] as? Int == 1)
            }
            #expect(try await harness.store.account(id: "acct_g2")?.account.employeeCount == nil)
        }
    }

    @Test("413s name the limit of the route they come from, and every JSON answer says nosniff")
    func sizeLimits() async throws {
        try await APIHarness.run { harness, client in
            let big = ByteBuffer(repeating: UInt8(ascii: " "), count: (4 << 20) + 1)
            try await client.execute(uri: "/v1/batch", method: .post, headers: Self.writerHeaders(harness), body: big) { response in
                #expect(response.status == .contentTooLarge)
                #expect((response.json["error"] as? [String: Any])?["message"] as? String == "the request body is larger than the 4 MiB limit")
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
            }
            let large = ByteBuffer(repeating: UInt8(ascii: " "), count: (1 << 20) + 1)
            try await client.execute(uri: "/api/v1/accounts", method: .post, headers: harness.headers(.member, json: true), body: large) { response in
                #expect(response.status == .contentTooLarge)
                #expect(response.error["message"] == "the request body is larger than the 1 MiB limit")
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
            }
            for path in ["/healthz", "/api/v1/me", "/api/v1/accounts"] {
                try await client.execute(uri: path, method: .get, headers: harness.headers(.viewer)) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(path)")
                }
            }
        }
    }

    @Test("a YAML alias bomb is refused within milliseconds and nothing is stored")
    func billionLaughs() async throws {
        var bomb = "name: lol\na0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for level in 1...9 {
            bomb += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ",") + "]\n"
        }
        let document = bomb
        try await APIHarness.run { harness, client in
            var headers = harness.headers(.admin)
            headers[.contentType] = "application/yaml"
            let started = ContinuousClock.now
            try await client.execute(uri: "/api/v1/health/definitions", method: .post, headers: headers, body: ByteBuffer(string: document)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.error["message"]?.contains("alias") == true || response.error["message"]?.contains("anchor") == true)
            }
            #expect(ContinuousClock.now - started < .seconds(1))
            #expect(try await harness.store.definitions(.health).isEmpty)
        }
    }

    @Test("fuzzed bodies on the write routes never get a 5xx, and the server answers after them")
    func fuzzedBodies() async throws {
        let seeds: [(String, String)] = [
            ("/v1/batch", #"{"batch":[{"type":"track","userId":"u1","event":"Report Created","timestamp":"2026-06-01T10:00:00Z","messageId":"m1","properties":{"n":3}},{"type":"group","userId":"u1","groupId":"g1","traits":{"name":"Acme","employees":40}}],"sentAt":"2026-06-01T10:00:01Z"}"#),
            ("/api/v1/accounts", #"{"id":"acct_f","name":"Fuzz","employee_count":12,"tags":["a","b"],"traits":{"plan":"pro"}}"#),
            ("/api/v1/config/product", #"{"engagement_event":"Report Created","core_features":["Report Created"]}"#),
        ]
        let alphabet = Array(#"{}[],:"\ 019eE+-.tfnu/%"#.utf8) + [0x00, 0x1F, 0x7F, 0xC3, 0xFF]
        try await APIHarness.run { harness, client in
            var rng = SeededGenerator(seed: 42)
            for round in 0..<300 {
                let (path, seed) = seeds[round % seeds.count]
                var bytes = Array(seed.utf8)
                for _ in 0..<rng.int(in: 1...3) {
                    let index = rng.int(in: 0...(bytes.count - 1))
                    if rng.int(in: 0...1) == 0 { bytes[index] = alphabet[rng.int(in: 0...(alphabet.count - 1))] } else { bytes.remove(at: index) }
                }
                let headers = path == "/v1/batch" ? Self.writerHeaders(harness) : harness.headers(.admin, json: true)
                let method: HTTPRequest.Method = path.hasPrefix("/api/v1/config") ? .put : .post
                try await client.execute(uri: path, method: method, headers: headers, body: ByteBuffer(bytes: bytes)) { response in
                    #expect(response.status.code < 500, "\(path) \(String(decoding: bytes, as: UTF8.self)) → \(response.status)")
                }
            }
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test("sign-in never follows a next that a browser reads as another site")
    func signInNext() async throws {
        try await APIHarness.run { _, client in
            for next in ["/%09/evil.example", "//evil.example", "/%5Cevil.example", "/%0D%0ALocation:%20x"] {
                try await client.execute(uri: "/login?next=\(next)", method: .get) { response in
                    #expect(response.status == .ok)
                    let page = String(buffer: response.body)
                    #expect(page.contains(#"name="next" value="/""#), "\(next)")
                }
            }
        }
    }
}
