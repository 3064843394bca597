import Foundation
import Testing

/// `tenure notify`, run as a user would: endpoints created, listed and shown as JSON, a test ping queued and
/// listed, settings checked at start, and help that teaches by example.
@Suite("tenure notify")
struct NotifyCommandTests {
    /// A fixed `TENURE_SECRET_KEY` (32 bytes, base64) and a receiver on loopback allowed.
    static let environment = [
        "TENURE_SECRET_KEY": Data((0..<32).map { UInt8($0) }).base64EncodedString(),
        "TENURE_OUTBOUND_ALLOW": "127.0.0.1",
    ]

    @Test("endpoints create prints the secret once; endpoints lists it (table, json, csv) without it; test queues a ping")
    func createListTest() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = ["--database", "sqlite:\(directory.path)/n.sqlite"]
        let created = try await CommandRunner.run(
            ["notify", "endpoints", "create", "--kind", "webhook", "--target", "http://127.0.0.1:9/hook",
             "--events", "account.health.changed,payment.failed", "--segment", "enterprise", "--description", "CRM sync"] + database,
            environment: Self.environment)
        #expect(created.status == 0, "\(created.stderr)")
        let secret = try #require(created.stdout.firstMatch(of: /Signing secret: (whsec_\S+)/)).1
        #expect(created.stderr.contains("Store the signing secret now"))

        let listed = try await CommandRunner.run(["notify", "endpoints", "--format", "json"] + database, environment: Self.environment)
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(!listed.stdout.contains(String(secret)))
        let endpoints = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: String]] ?? []
        #expect(endpoints.count == 1)
        let endpoint = try #require(endpoints.first)
        #expect(endpoint["kind"] == "webhook" && endpoint["target"] == "http://127.0.0.1:9/hook" && endpoint["status"] == "enabled")
        #expect(endpoint["event_types"] == "account.health.changed,payment.failed" && endpoint["segments"] == "enterprise")
        let id = try #require(endpoint["id"])
        let csv = try await CommandRunner.run(["notify", "endpoints", "--format", "csv"] + database)
        #expect(csv.stdout.hasPrefix("id,kind,target,event_types,segments,owners,status,description"))
        let table = try await CommandRunner.run(["notify", "endpoints", "list"] + database)
        #expect(table.stdout.contains(id) && table.stdout.contains("CRM sync"))

        let json = try await CommandRunner.run(["notify", "endpoints", "create", "--kind", "email", "--target", "cs@example.com",
                                                "--events", "*", "--format", "json"] + database, environment: Self.environment)
        #expect(json.status == 0, "\(json.stderr)")
        let email = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(email["kind"] as? String == "email" && email["event_types"] as? [String] == ["*"] && email["secret"] == nil)

        let ping = try await CommandRunner.run(["notify", "test", id] + database, environment: Self.environment)
        #expect(ping.status == 0 && ping.stdout.contains("Queued ping delivery"), "\(ping.stderr)")
        let deliveries = try await CommandRunner.run(["notify", "deliveries", "--endpoint", id, "--format", "csv"] + database)
        #expect(deliveries.stdout.hasPrefix("id,event_type,event_id,endpoint_id,status"))
        #expect(deliveries.stdout.contains(",ping,") && deliveries.stdout.contains(",pending,"))
        let events = try await CommandRunner.run(["notify", "events", "--type", "ping", "--format", "json"] + database)
        #expect((try JSONSerialization.jsonObject(with: Data(events.stdout.utf8)) as? [[String: String]])?.first?["type"] == "ping")
        let replay = try await CommandRunner.run(["notify", "replay", "--status", "failed"] + database)
        #expect(replay.status != 0 && replay.stderr.contains("--since and --until are required"))
        let disabled = try await CommandRunner.run(["notify", "endpoints", "disable", id] + database, environment: Self.environment)
        #expect(disabled.status == 0 && disabled.stdout.contains("Disabled endpoint \(id)"), "\(disabled.stderr)")
    }

    @Test("webhooks need TENURE_SECRET_KEY; a bad notification setting fails at start, naming it")
    func settings() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let create = ["notify", "endpoints", "create", "--kind", "webhook", "--target", "http://127.0.0.1:9/hook", "--events", "*",
                      "--database", "sqlite:\(directory.path)/s.sqlite"]
        let keyless = try await CommandRunner.run(create, environment: ["TENURE_OUTBOUND_ALLOW": "127.0.0.1", "TENURE_SECRET_KEY": ""])
        #expect(keyless.status != 0 && keyless.stderr.contains("TENURE_SECRET_KEY"), "\(keyless.stderr)")
        let private_ = try await CommandRunner.run(create, environment: ["TENURE_SECRET_KEY": Self.environment["TENURE_SECRET_KEY"]!, "TENURE_OUTBOUND_ALLOW": ""])
        #expect(private_.status != 0 && private_.stderr.contains("loopback"), "\(private_.stderr)")
        for (key, value) in [("TENURE_DIGEST_HOUR", "25"), ("TENURE_DIGEST_TIMEZONE", "Mars/Olympus"), ("TENURE_SECRET_KEY", "short"),
                             ("TENURE_PUBLIC_URL", "tenure.example.com"), ("TENURE_MAIL_FROM", "not an address")] {
            let refused = try await CommandRunner.run(["notify", "endpoints", "create", "--kind", "email", "--target", "a@example.com", "--events", "*",
                                                       "--database", "sqlite:\(directory.path)/s.sqlite"], environment: [key: value])
            #expect(refused.status != 0 && refused.stderr.contains(key), "\(key): \(refused.stderr)")
        }
    }

    @Test("--help teaches by example")
    func help() async throws {
        for command in [["notify"], ["notify", "endpoints"], ["notify", "endpoints", "create"], ["notify", "replay"], ["notify", "test"]] {
            let result = try await CommandRunner.run(command + ["--help"], environment: ["COLUMNS": "80"])
            #expect(result.status == 0)
            #expect(result.stdout.contains("Example") && result.stdout.contains("tenure notify"), "\(command)")
            let lines = result.stdout.split(separator: "\n").filter { !$0.hasPrefix("USAGE:") && !$0.hasPrefix("  tenure") }
            #expect(lines.allSatisfy { $0.count <= 80 }, "\(result.stdout)")
        }
        let help = try await CommandRunner.run(["notify", "--help"])
        #expect(help.stdout.contains("endpoints create --kind webhook") && help.stdout.contains("replay --endpoint"))
    }
}
