import Foundation
import Testing
import TenureTestSupport

/// The OpenAPI document against a live `tenure serve` over generated demo data:
/// it validates, a client generated from it lists accounts, and schemathesis
/// (every check, bounded examples) finds no 5xx and no answer outside the contract.
@Suite("OpenAPI contract end to end")
struct OpenAPIEndToEndTests {
    /// Runs `body` with the URL and an admin key of a server over `backend` holding 40 demo accounts.
    static func withServer(_ backend: Backend, _ body: (String, String) async throws -> Void) async throws {
        try await TestDatabases.withDatabaseURL(backend) { url in
            let database = ["--database", url]
            let generated = try await CommandRunner.run(["generate", "--accounts", "40"] + database)
            try #require(generated.status == 0, "\(generated.stderr)")
            let admin = try await CommandRunner.run(["keys", "create", "--role", "admin"] + database).stdout
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let server = try CommandRunner(["serve", "--port", "0", "--stripe-webhook-secret", "whsec_contract"] + database)
            defer { server.stop() }
            try await body(try await server.waitForOutput(#"at (http://127\.0\.0\.1:\d+)"#), admin)
            _ = try await server.interrupt()
        }
    }

    static func contract(_ base: String, _ admin: String, _ actions: [String]) async throws -> [String: Any] {
        let output = try await Python.run("openapi_contract.py", [base, admin] + actions)
        return try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    }

    @Test("the served document passes openapi-spec-validator, and a client openapi-python-client generates from it lists accounts")
    func validatesAndGeneratesAClient() async throws {
        try await Self.withServer(.sqlite) { base, admin in
            let report = try await Self.contract(base, admin, ["validate", "client"])
            let validation = try #require(report["validate"] as? [String: Any])
            #expect(validation["valid"] as? Bool == true)
            #expect((validation["operations"] as? Int ?? 0) >= 50)
            let client = try #require(report["client"] as? [String: Any])
            #expect(client["total"] as? Int == 40)
            let mrr = try #require(client["mrr"] as? [Int])
            #expect(mrr.count == 5 && mrr == mrr.sorted(by: >), "sorted by MRR, largest first")
        }
    }

    @Test("schemathesis with every check finds no 5xx and no response outside the document", arguments: Backend.allCases)
    func schemathesisFindsNothing(backend: Backend) async throws {
        try await Self.withServer(backend) { base, admin in
            let report = try await Self.contract(base, admin, ["schemathesis"])
            #expect((report["schemathesis"] as? [String: Any])?["passed"] as? Bool == true)
        }
    }
}
