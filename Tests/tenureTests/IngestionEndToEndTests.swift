import Foundation
import Testing
import TenureCore
import TenureEngine
@testable import TenureStore
import TenureTestSupport

/// Real clients nobody here wrote — the `stripe` and `analytics-python`
/// packages — against a running `tenure serve`, and `tenure sync stripe`
/// against a local server speaking Stripe's list API.
@Suite("Ingestion end to end")
struct IngestionEndToEndTests {
    static func key(_ role: String, _ database: [String]) async throws -> String {
        try await CommandRunner.run(["keys", "create", "--role", role] + database).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("events signed by the stripe package are taken once; tampered, expired, unsigned ones are refused")
    func stripeWebhooks() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = ["--database", "sqlite:\(directory.path)/w.sqlite"]
        let admin = try await Self.key("admin", database)
        var files: [String] = []
        for (index, event) in StripeEventFixtures.stream().enumerated() {
            let path = directory.appendingPathComponent("event\(index).json").path
            try event.write(to: URL(fileURLWithPath: path))
            files.append(path)
        }
        // The stripe package signs with the real time, so this server keeps the system clock (signatures older than 300 s are refused).
        let server = try CommandRunner(["serve", "--port", "0", "--stripe-webhook-secret", "whsec_e2e"] + database, environment: ["TENURE_NOW": ""])
        let base = try await server.waitForOutput(#"at (http://127\.0\.0\.1:\d+)"#)
        let output = try await Python.run("stripe_webhooks.py", ["\(base)/webhooks/stripe", "whsec_e2e"] + files)
        let results = try JSONSerialization.jsonObject(with: Data(output.utf8)) as! [String: Any]
        #expect((results["signed"] as? [Int])?.allSatisfy { $0 == 200 } == true)
        #expect(results["tampered"] as? Int == 400)
        #expect(results["expired"] as? Int == 400)
        #expect(results["unsigned"] as? Int == 400)
        #expect(results["wrong_secret"] as? Int == 400)
        #expect(results["replayed"] as? Int == 200)
        let acme = try await getJSON("\(base)/api/v1/accounts/cus_acme", token: admin)
        #expect((acme.json["mrr"] as? [String: Any])?["amount"] as? Int == 22_500)
        #expect(acme.json["name"] as? String == "Acme Corp")
        _ = try await server.interrupt()
    }

    @Test("analytics-python sends identify, group, track and page, plain and gzipped, and they land on the account")
    func segmentClient() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = "\(directory.path)/s.sqlite"
        let database = ["--database", "sqlite:\(path)"]
        let writer = try await Self.key("writer", database)
        let viewer = try await Self.key("viewer", database)
        let server = try CommandRunner(["serve", "--port", "0"] + database)
        let base = try await server.waitForOutput(#"at (http://127\.0\.0\.1:\d+)"#)
        let output = try await Python.run("segment_client.py", [base, writer])
        let report = try JSONSerialization.jsonObject(with: Data(output.utf8)) as! [String: Any]
        #expect((report["failures"] as? [Any])?.isEmpty == true, "\(output)")
        #expect(try await getJSON("\(base)/api/v1/accounts", token: writer).status == 403)
        _ = try await server.interrupt()

        try await withStore("sqlite:\(path)") { store in
            let account = try #require(try await store.accounts(AccountQuery(search: "Orbit")).items.first?.account)
            #expect(account.segmentGroupID == "grp_orbit")
            #expect(account.industry == "Software" && account.employeeCount == 120 && account.domain == "orbit.example.com")
            #expect(account.traits["plan"] == nil && account.traits.isEmpty)
            let sql = store as! SQLStore
            let contacts = try await sql.select(Tables.contacts, "WHERE account_id = \(bind: account.id) ORDER BY id")
            #expect(contacts.map(\.segmentUserID) == ["user_ada", "user_bob"])
            #expect(contacts.first?.name == "Ada Lovelace" && contacts.first?.email == "ada@orbit.example.com")
            #expect(contacts.last?.name == "Bob Stone")
            let rollups = try await sql.select(Tables.usageRollups, "WHERE account_id = \(bind: account.id)")
            let reports = rollups.filter { $0.event == "report_created" }
            #expect(reports.reduce(0) { $0 + $1.count } == 6)
            #expect(reports.contains { $0.count == 5 && $0.day < UTCCalendar.startOfDay(TestClock.now) })
            #expect(rollups.contains { $0.event == "dashboard_viewed" && $0.count == 1 })
            #expect(rollups.contains { $0.event == "page" && $0.count == 1 })
            let events = try await sql.select(Tables.usageEvents)
            #expect(events.contains { $0.anonymousID == "anon_1" && $0.accountID == nil })
            #expect(events.filter { $0.userID == "user_bob" && $0.type == .track }.allSatisfy { $0.accountID == account.id })
        }
        _ = viewer
    }

    @Test("sync reads every list through pagination and 429s, resumes after a failure, and matches the expected MRR")
    func stripeSync() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = ["--database", "sqlite:\(directory.path)/sync.sqlite"]
        let fixtures = Python.repository.appendingPathComponent("Tests/Fixtures/stripe/fixtures3.json").path
        let log = directory.appendingPathComponent("requests.log").path
        func fakeStripe(failAfter: Int) async throws -> (FakeServer, String) {
            let server = try FakeServer(script: Python.e2e.appendingPathComponent("fake_stripe.py").path,
                                        arguments: [fixtures, "--customers", "250", "--log", log, "--fail-after", String(failAfter)])
            return (server, "http://127.0.0.1:\(try await server.port())")
        }
        // Requests after the eighth fail: the first run stops inside the subscriptions list.
        let (failing, failingURL) = try await fakeStripe(failAfter: 8)
        defer { failing.stop() }
        let first = try await CommandRunner.run(["sync", "stripe", "--api-key", "rk_test_tenure", "--base-url", failingURL] + database)
        failing.stop()
        #expect(first.status == 1)
        #expect(first.stderr.contains("run the command again to resume"))
        let (healthy, healthyURL) = try await fakeStripe(failAfter: 0)
        defer { healthy.stop() }
        let requestsBefore = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").count
        let second = try await CommandRunner.run(["sync", "stripe", "--api-key", "rk_test_tenure", "--base-url", healthyURL] + database)
        #expect(second.status == 0, "\(second.stderr)")
        let resumed = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").dropFirst(requestsBefore)
            .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(resumed.first?["list"] as? String == "subscriptions")
        #expect((resumed.first?["starting_after"] as? String)?.hasPrefix("sub_") == true, "the second run starts where the first stopped")
        #expect(!resumed.contains { ["products", "prices", "customers"].contains($0["list"] as? String) })
        #expect(resumed.contains { $0["list"] as? String == "subscriptions" && $0["status"] as? String == "all" })
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("expected.json"))) as! [String: Any]
        try await withStore("sqlite:\(directory.path)/sync.sqlite") { store in
            // fake_stripe.py computed the expected MRR at the real time it served the fixtures: compare at that time.
            let now = Date()
            let snapshot = try await MetricsSnapshot.load(from: store, asOf: now)
            #expect(snapshot.ledger.mrr(before: now) == Int64(expected["mrr"] as! Int))
            #expect(try await store.accounts(AccountQuery()).total == 250)
        }
        let bad = try await CommandRunner.run(["sync", "stripe", "--api-key", "rk_wrong", "--base-url", healthyURL, "--restart"] + database)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("Invalid API Key provided"))
    }
}

/// A helper server process that prints `listening PORT` when ready.
final class FakeServer: @unchecked Sendable {
    private let runner: CommandRunner

    init(script: String, arguments: [String]) throws {
        runner = try CommandRunner([PythonInterpreter.path, script] + arguments, executable: URL(fileURLWithPath: "/usr/bin/env"))
    }

    func port() async throws -> Int { Int(try await runner.waitForOutput(#"listening (\d+)"#))! }
    func stop() { runner.stop() }
}
