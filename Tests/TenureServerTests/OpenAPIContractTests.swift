import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import TenureServer
import TenureTestSupport

/// The OpenAPI document against the router itself: the same routes both ways,
/// served without a key, and documented paths refusing other methods with 405.
@Suite("OpenAPI contract")
struct OpenAPIContractTests {
    /// The routes the contract covers: the API, the tracking API, the webhook and the probes (not the dashboard's pages).
    static func isContracted(_ path: String) -> Bool {
        ["/api/", "/v1/", "/webhooks/"].contains(where: path.hasPrefix) || ["/healthz", "/readyz"].contains(path)
    }

    @Test("every route the router serves is in the document, and every documented route is served")
    func routesMatchDocument() async throws {
        try await TestDatabases.withStore(.sqlite) { store in
            let served = Set(buildRouter(store: store).routes.filter { Self.isContracted($0.path.description) }.map(\.description))
            let documented = Set(DocumentedRoutes.all.flatMap { route in
                route.methods.map { "\($0) /\(route.segments.joined(separator: "/"))" }
            })
            #expect(served.subtracting(documented).sorted() == [], "served but not in the document")
            #expect(documented.subtracting(served).sorted() == [], "in the document but not served")
            #expect(served.count >= 50)
        }
    }

    @Test("GET /api/v1/openapi.json needs no key and answers the OpenAPI 3.1 document")
    func documentIsPublic() async throws {
        try await APIHarness.run { _, client in
            try await client.execute(uri: "/api/v1/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect(response.json["openapi"] as? String == "3.1.0")
                #expect((response.json["paths"] as? [String: Any])?["/api/v1/accounts"] != nil)
            }
            try await client.execute(uri: "/api/v1/openapi.json?format=yaml", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.error["field"] == "format")
            }
        }
    }

    @Test("a documented path asked with another method is a 405 with Allow; an unknown path stays a 404")
    func methodNotAllowed() async throws {
        try await APIHarness.run { harness, client in
            try await client.execute(uri: "/api/v1/accounts/acct_1", method: .delete, headers: harness.headers(.admin)) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, PUT")
                #expect(response.error["code"] == "method_not_allowed")
            }
            try await client.execute(uri: "/healthz", method: .post) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET")
            }
            try await client.execute(uri: "/api/v1/nothing-here", method: .get, headers: harness.headers(.admin)) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test("what schemathesis found stays fixed: U+0000 in a query parameter is a 400, an owner_id over 200 characters a 422",
          arguments: Backend.allCases)
    func schemathesisFindings(backend: Backend) async throws {
        try await APIHarness.run(backend) { harness, client in
            try await client.execute(uri: "/api/v1/health?segment=a%00b", method: .get, headers: harness.headers(.viewer)) { response in
                #expect(response.status == .badRequest)
                #expect(response.error["field"] == "segment")
            }
            let owner = String(repeating: "x", count: 201)
            try await client.execute(uri: "/api/v1/accounts", method: .post, headers: harness.headers(.member, json: true),
                                     body: ByteBuffer(json: #"{"name":"Long owner","owner_id":"\#(owner)"}"#)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.error["field"] == "owner_id")
            }
        }
    }
}
