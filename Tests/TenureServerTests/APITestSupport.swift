import Foundation
import Hummingbird
import HummingbirdTesting
import TenureCore
import TenureServer
import TenureStore
import TenureTestSupport

/// A running router over a store holding the fixtures, with one key per role.
struct APIHarness {
    var store: any Store
    var tokens: [Role: String] = [:]
    /// The Stripe webhook endpoint's signing secret the router is built with.
    static let stripeWebhookSecret = "whsec_api_tests"

    /// Runs `body` against the router (no sockets) over a fresh store of `backend`.
    /// `seed` fills the store first (by default with the fixtures).
    static func run(
        _ backend: Backend = .sqlite,
        seed: @Sendable (any Store) async throws -> Void = { try await $0.write(Fixtures.batch(), asOf: TestClock.now) },
        _ body: @escaping @Sendable (APIHarness, any TestClientProtocol) async throws -> Void
    ) async throws {
        try await TestDatabases.withStore(backend) { store in
            var harness = APIHarness(store: store)
            try await seed(store)
            for role in Role.allCases {
                let issued = APIKeys.issue(name: "\(role.rawValue) key", role: role, at: TestClock.now)
                try await store.insertAPIKey(issued.record)
                harness.tokens[role] = issued.token
            }
            let configuration = ServerConfiguration(stripeWebhookSecret: Self.stripeWebhookSecret, clock: TestClock.clock)
            let app = Application(router: buildRouter(store: store, configuration: configuration))
            let ready = harness
            try await app.test(.router) { client in try await body(ready, client) }
        }
    }

    func headers(_ role: Role?, json: Bool = false) -> HTTPFields {
        var fields: HTTPFields = [:]
        if let role { fields[.authorization] = "Bearer \(tokens[role]!)" }
        if json { fields[.contentType] = "application/json" }
        return fields
    }
}

extension TestResponse {
    /// The body parsed as a JSON object.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
    }

    /// The `error` object of Tenure's error envelope.
    var error: [String: String] { json["error"] as? [String: String] ?? [:] }
}

extension ByteBuffer {
    init(json: String) { self.init(string: json) }
}
