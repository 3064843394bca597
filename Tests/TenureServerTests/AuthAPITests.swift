import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TenureCore
import TenureServer
import TenureStore
import TenureTestSupport

@Suite("API keys and roles")
struct AuthAPITests {
    @Test("API routes need a valid key", arguments: [
        nil, "Bearer", "Bearer nonsense", "Basic dXNlcjpwYXNz", "Bearer tnr_AAAAAAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB",
    ] as [String?])
    func missingOrBadKeys(header: String?) async throws {
        try await APIHarness.run { _, client in
            var headers: HTTPFields = [:]
            if let header { headers[.authorization] = header }
            try await client.execute(uri: "/api/v1/accounts", method: .get, headers: headers) { response in
                #expect(response.status == .unauthorized)
                #expect(response.error["code"] == "unauthorized")
                #expect(response.headers[.wwwAuthenticate] == "Bearer realm=\"tenure\"")
            }
        }
    }

    @Test("a real key id with a wrong secret is refused")
    func wrongSecret() async throws {
        try await APIHarness.run { harness, client in
            let token = harness.tokens[.admin]!
            let forged = String(token.dropLast()) + (token.last == "A" ? "B" : "A")
            try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(forged)"]) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test("roles gate writes and key management")
    func roles() async throws {
        try await APIHarness.run { harness, client in
            let body = ByteBuffer(json: #"{"name":"Role Test"}"#)
            try await client.execute(uri: "/api/v1/accounts", method: .post, headers: harness.headers(.viewer, json: true), body: body) { response in
                #expect(response.status == .forbidden)
                #expect(response.error["message"]?.contains("member") == true)
            }
            try await client.execute(uri: "/api/v1/keys", method: .get, headers: harness.headers(.member)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/me", method: .get, headers: harness.headers(.member)) { response in
                #expect(response.json["role"] as? String == "member")
            }
        }
    }

    @Test("admins create keys (token shown once), list them without secrets, and revoke them")
    func keyLifecycle() async throws {
        try await APIHarness.run { harness, client in
            let created = try await client.execute(uri: "/api/v1/keys", method: .post, headers: harness.headers(.admin, json: true),
                                                   body: ByteBuffer(json: #"{"name":"ci","role":"viewer"}"#)) { response in
                #expect(response.status == .created)
                return (response.json["id"] as? String ?? "", response.json["token"] as? String ?? "")
            }
            #expect(created.1.hasPrefix("tnr_\(created.0)_"))
            try await client.execute(uri: "/api/v1/accounts", method: .get, headers: [.authorization: "Bearer \(created.1)"]) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/v1/keys", method: .get, headers: harness.headers(.admin)) { response in
                let keys = response.json["data"] as? [[String: Any]] ?? []
                // The harness's key for each role, plus the one just created.
                #expect(keys.count == Role.allCases.count + 1)
                #expect(keys.allSatisfy { $0["token"] == nil && $0["secret_hash"] == nil })
            }
            try await client.execute(uri: "/api/v1/keys/\(created.0)", method: .delete, headers: harness.headers(.admin)) { response in
                #expect(response.status == .noContent)
            }
            try await client.execute(uri: "/api/v1/accounts", method: .get, headers: [.authorization: "Bearer \(created.1)"]) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/api/v1/keys/\(created.0)", method: .delete, headers: harness.headers(.admin)) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/keys", method: .post, headers: harness.headers(.admin, json: true),
                                     body: ByteBuffer(json: #"{"name":"x","role":"owner"}"#)) { response in
                #expect(response.status == .badRequest)
                #expect(response.error["field"] == "role")
            }
        }
    }

    @Test("stored keys are hashes, and comparison is exact")
    func hashing() {
        let issued = APIKeys.issue(name: "t", role: .viewer, at: TestClock.now)
        #expect(!issued.record.secretHash.contains(issued.token.split(separator: "_")[2]))
        #expect(issued.record.secretHash.count == 64)
        let parts = APIKeys.parse(issued.token)!
        #expect(APIKeys.verify(secret: parts.secret, against: issued.record.secretHash))
        #expect(!APIKeys.verify(secret: String(parts.secret.reversed()), against: issued.record.secretHash))
        #expect(APIKeys.constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!APIKeys.constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!APIKeys.constantTimeEquals([1, 2], [1, 2, 3]))
        #expect(APIKeys.parse("tnr_short_x") == nil)
    }
}
