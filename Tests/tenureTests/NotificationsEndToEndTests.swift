import Foundation
import Testing
import TenureStore
import TenureTestSupport
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Webhooks from real `tenure serve` processes to a real receiver (Tests/e2e/webhook_receiver.py): a delivery
/// survives the server being killed between its event's commit and its delivery, and two servers on one
/// PostgreSQL database deliver each event once.
@Suite("Notifications end to end")
struct NotificationsEndToEndTests {
    /// Settings every server here runs with; the system clock (not the tests' fixed instant), so that the
    /// `webhook-timestamp` passes standardwebhooks' five-minute tolerance.
    static let environment = [
        "TENURE_SECRET_KEY": Data((0..<32).map { UInt8($0) }).base64EncodedString(),
        "TENURE_OUTBOUND_ALLOW": "127.0.0.1",
        "TENURE_NOW": "",
    ]

    /// One request as the receiver recorded it.
    struct Received: Decodable {
        var path: String
        var headers: [String: String]
        var answer: String
    }

    /// The receiver on `port` (0: a free one), recording to `file`.
    static func receiver(port: Int = 0, file: URL) async throws -> (runner: CommandRunner, port: Int) {
        let runner = try CommandRunner([PythonInterpreter.path, Python.e2e.appendingPathComponent("webhook_receiver.py").path, String(port), "--out", file.path],
                                       executable: URL(fileURLWithPath: "/usr/bin/env"))
        let listening = try await runner.waitForOutput(#"listening on (\d+)"#, timeout: 20)
        return (runner, try #require(Int(listening)))
    }

    static func received(_ file: URL) throws -> [Received] {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Received.self, from: Data($0.utf8)) }
    }

    /// Waits until `condition` holds of what the receiver recorded, for at most `seconds`.
    static func waitForReceived(_ file: URL, seconds: Double, until condition: ([Received]) -> Bool) async throws -> [Received] {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let received = try Self.received(file)
            if condition(received) { return received }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try Self.received(file)
    }

    /// A POST with the admin key; status and the JSON object answered.
    static func post(_ url: String, token: String) async throws -> (status: Int, json: [String: Any]) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = "POST"
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:])
    }

    /// A webhook endpoint for every event type posting to `port`, made with `tenure notify`; its id and secret.
    static func endpoint(port: Int, database: [String]) async throws -> (id: String, secret: String) {
        let created = try await CommandRunner.run(
            ["notify", "endpoints", "create", "--kind", "webhook", "--target", "http://127.0.0.1:\(port)/hook", "--events", "*",
             "--format", "json"] + database, environment: environment)
        try #require(created.status == 0, "\(created.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any] ?? [:]
        return (try #require(json["id"] as? String), try #require(json["secret"] as? String))
    }

    static func serve(_ database: [String]) async throws -> (runner: CommandRunner, base: String) {
        let server = try CommandRunner(["serve", "--port", "0"] + database, environment: environment)
        return (server, try await server.waitForOutput(#"at (http://127\.0\.0\.1:\d+)"#, timeout: 30))
    }

    /// The endpoint's deliveries as stored, and how many attempts each node made.
    static func deliveries(endpoint: String, url: String) async throws -> ([DeliveryRecord], [String: Int]) {
        try await withStore(url) { store in
            let deliveries = try await store.deliveries(DeliveryQuery(endpointID: endpoint, limit: 100)).items
            var nodes: [String: Int] = [:]
            for delivery in deliveries {
                for attempt in try await store.deliveryAttempts(deliveryID: delivery.id) {
                    nodes[attempt.node, default: 0] += 1
                }
            }
            return (deliveries, nodes)
        }
    }

    @Test("a server SIGKILLed after an event's commit and a failed first attempt: the restarted server delivers it, same webhook-id, signed",
          .timeLimit(.minutes(1)))
    func killedBetweenCommitAndDelivery() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = ["--database", "sqlite:\(directory.path)/n.sqlite"]
        let requests = directory.appendingPathComponent("requests.jsonl")
        #expect(try await CommandRunner.run(["migrate"] + database).status == 0)
        let admin = try await CommandRunner.run(["keys", "create", "--role", "admin"] + database).stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        // A port that refuses connections for now: the receiver's, stopped.
        let first = try await Self.receiver(file: requests)
        _ = try await first.runner.kill()
        let (endpoint, secret) = try await Self.endpoint(port: first.port, database: database)

        let before = try await Self.serve(database)
        defer { before.runner.stop() }
        let ping = try await Self.post("\(before.base)/api/v1/webhook-endpoints/\(endpoint)/test", token: admin)
        #expect(ping.status == 202, "\(ping.json)")
        let eventID = try #require(ping.json["event_id"] as? String)
        let deliveryID = try #require(ping.json["id"] as? String)
        // The first attempt meets a refused connection and is recorded, the next one scheduled 5 s on; then the kill.
        var delivery: [String: Any] = [:]
        for _ in 0..<100 {
            delivery = try await getJSON("\(before.base)/api/v1/deliveries/\(deliveryID)", token: admin).json
            if (delivery["attempt_count"] as? Int ?? 0) >= 1 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(delivery["attempt_count"] as? Int == 1 && delivery["status"] as? String == "pending", "\(delivery)")
        let killed = try await before.runner.kill()
        #expect(killed.status != 0)

        let receiver = try await Self.receiver(port: first.port, file: requests)
        defer { receiver.runner.stop() }
        let server = try await Self.serve(database)
        defer { server.runner.stop() }
        let received = try await Self.waitForReceived(requests, seconds: 15) { $0.contains { $0.headers["webhook-id"] == eventID } }
        try await Task.sleep(for: .milliseconds(700))
        #expect(try Self.received(requests).map { $0.headers["webhook-id"] } == [eventID], "delivered once, with the event's id: \(received)")

        let verified = try await Python.run("verify_webhooks.py", [requests.path, "--secret", secret])
        let line = try JSONSerialization.jsonObject(with: Data(verified.utf8)) as? [String: Any] ?? [:]
        #expect(line["verified_with"] as? [Int] == [0], "standardwebhooks verifies the signature: \(verified)")
        #expect((line["payload"] as? [String: Any])?["type"] as? String == "ping")

        var shown: [String: Any] = [:]
        for _ in 0..<50 {
            shown = try await getJSON("\(server.base)/api/v1/deliveries/\(deliveryID)", token: admin).json
            if shown["status"] as? String == "succeeded" { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(shown["status"] as? String == "succeeded" && shown["attempt_count"] as? Int == 2, "\(shown)")
        let attempts = shown["attempts"] as? [[String: Any]] ?? []
        #expect(attempts.map { $0["status_code"] as? Int } == [nil, 200], "\(attempts)")
        #expect(Set(attempts.compactMap { $0["node"] as? String }).count == 2, "each server made one attempt: \(attempts)")
        _ = try await server.runner.kill()
    }

    @Test("two servers on one PostgreSQL database deliver each of 50 events exactly once", .timeLimit(.minutes(1)))
    func twoServers() async throws {
        try await TestDatabases.withDatabaseURL(.postgres) { url in
            let directory = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let database = ["--database", url]
            let requests = directory.appendingPathComponent("requests.jsonl")
            #expect(try await CommandRunner.run(["migrate"] + database).status == 0)
            let admin = try await CommandRunner.run(["keys", "create", "--role", "admin"] + database).stdout
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let receiver = try await Self.receiver(file: requests)
            defer { receiver.runner.stop() }
            let (endpoint, _) = try await Self.endpoint(port: receiver.port, database: database)
            let one = try await Self.serve(database), two = try await Self.serve(database)
            defer { [one, two].forEach { $0.runner.stop() } }

            var events: [String] = []
            for index in 0..<50 {
                let base = index.isMultiple(of: 2) ? one.base : two.base
                let ping = try await Self.post("\(base)/api/v1/webhook-endpoints/\(endpoint)/test", token: admin)
                try #require(ping.status == 202, "\(ping.json)")
                events.append(try #require(ping.json["event_id"] as? String))
            }
            _ = try await Self.waitForReceived(requests, seconds: 20) { $0.count >= 50 }
            try await Task.sleep(for: .milliseconds(1_500))
            let received = try Self.received(requests)
            #expect(received.count == 50, "each event once: \(received.count) requests")
            #expect(Set(received.compactMap { $0.headers["webhook-id"] }) == Set(events))

            let (deliveries, nodes) = try await Self.deliveries(endpoint: endpoint, url: url)
            #expect(deliveries.count == 50)
            #expect(deliveries.allSatisfy { $0.status == .succeeded && $0.attempts == 1 }, "\(deliveries.map { ($0.status, $0.attempts) })")
            #expect(nodes.values.reduce(0, +) == 50 && nodes.count <= 2, "attempts by node: \(nodes)")
            for server in [one, two] {
                #expect(server.runner.isRunning)
                _ = try await server.runner.kill()
            }
        }
    }
}
