import Foundation
import Testing
import TenureStore
import TenureTestSupport
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// How every command opens, migrates and closes the database, and how it fails when it cannot.
@Suite("tenure and its database")
struct DatabaseCommandTests {

    /// Status, `Retry-After` and JSON body of a GET.
    static func get(_ url: String, token: String? = nil) async throws -> (status: Int, retryAfter: String?, json: [String: Any]) {
        var request = URLRequest(url: URL(string: url)!)
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as? HTTPURLResponse
        let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return (http?.statusCode ?? 0, http?.value(forHTTPHeaderField: "Retry-After"), json)
    }

    @Test("three `tenure serve` processes started at once on an empty database all come up ready", arguments: Backend.allCases)
    func serversStartTogether(backend: Backend) async throws {
        try await TestDatabases.withDatabaseURL(backend) { url in
            let servers = try (0..<3).map { _ in try CommandRunner(["serve", "--port", "0", "--database", url]) }
            defer { servers.forEach { $0.stop() } }
            for server in servers {
                let base = try await server.waitForOutput(#"at (http://127\.0\.0\.1:\d+)"#, timeout: 60)
                #expect(try await Self.get("\(base)/readyz").status == 200)
            }
            for server in servers { _ = try await server.interrupt() }
        }
    }

    @Test("three `tenure migrate` runs at once on an empty database all succeed and apply each migration once",
          arguments: Backend.allCases)
    func migrationsRunTogether(backend: Backend) async throws {
        try await TestDatabases.withDatabaseURL(backend) { url in
            let runs = try (0..<3).map { _ in try CommandRunner(["migrate", "--database", url]) }
            var results: [CommandRunner.Result] = []
            for run in runs { results.append(try await run.finish(timeout: 60)) }
            for result in results { #expect(result.status == 0, "\(result.stderr)") }
            // Each migration takes the lock on its own, so the runs may share the work: together they apply each version once.
            let applied = results.flatMap { result -> [String] in
                guard let range = result.stdout.range(of: "Applied migrations ") else { return [] }
                return result.stdout[range.upperBound...].prefix { $0 != "." }.components(separatedBy: ", ")
            }
            #expect(applied.sorted { Int($0) ?? 0 < Int($1) ?? 0 } == Migration.all.map { String($0.version) }, "\(results.map(\.stdout))")
            #expect(!results.contains { ($0.stdout + $0.stderr).contains("hasn't been called yet") })
        }
    }

    @Test("`tenure users create` says Created and exits 0 in every one of twelve concurrent runs")
    func usersCreate() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let runs = try (0..<12).map { index in
            try CommandRunner(
                ["-c", "printf '%s\\n' correct-horse-battery | \"$TENURE\" users create --email u\(index)@example.com --name U --password-stdin \"$@\"",
                 "sh", "--database", "sqlite:\(directory.path)/users\(index).sqlite"],
                environment: ["TENURE": CommandRunner.binary.path], executable: URL(fileURLWithPath: "/bin/sh"))
        }
        for (index, run) in runs.enumerated() {
            let result = try await run.finish(timeout: 120)
            #expect(result.status == 0 && result.stdout.contains("Created member user u\(index)@example.com"),
                    "status \(result.status): \(result.stderr)")
        }
    }

    @Test("a database that does not exist fails every command within seconds, with PostgreSQL's message")
    func missingDatabase() async throws {
        var components = URLComponents(string: try TestDatabases.postgresAdminURL())!
        components.path = "/tenure_missing"
        for command in [["migrate"], ["keys", "list"], ["serve", "--port", "0"]] {
            let clock = ContinuousClock()
            let started = clock.now
            let result = try await CommandRunner.run(command + ["--database", components.string!])
            #expect(result.status == 1)
            #expect(result.stderr.contains(#"database "tenure_missing" does not exist"#), "\(command): \(result.stderr)")
            #expect(started.duration(to: clock.now) < .seconds(10))
        }
    }

    @Test("database URLs with a port that is not a number or an unknown parameter are refused, naming it", arguments: [
        ("postgres://ana@db.example:abc/tenure", "the port 'abc' is not a number"),
        ("postgres://ana@db.example/tenure?pool=5", "unknown parameter 'pool'"),
    ])
    func badURLs(url: String, message: String) async throws {
        let result = try await CommandRunner.run(["keys", "list", "--database", url])
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test("during a PostgreSQL outage the API answers 503 with Retry-After within seconds and /readyz says 503", .timeLimit(.minutes(1)))
    func outage() async throws {
        try await TestDatabases.withDatabaseURL(.postgres) { url in
            let name = String(URLComponents(string: url)!.path.dropFirst())
            let database = ["--database", url + "&connect_timeout=1"]
            let created = try await CommandRunner.run(["keys", "create", "--role", "viewer"] + database)
            try #require(created.status == 0, "\(created.stderr)")
            let token = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let server = try CommandRunner(["serve", "--port", "0"] + database)
            defer { server.stop() }
            let base = try await server.waitForOutput(#"at (http://127\.0\.0\.1:\d+)"#)
            #expect(try await Self.get("\(base)/api/v1/accounts", token: token).status == 200)
            try await DatabaseURL(try TestDatabases.postgresAdminURL()).withDatabase { admin in
                _ = try await admin.read("ALTER DATABASE \(unsafeRaw: name) ALLOW_CONNECTIONS false")
                _ = try await admin.read("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = \(bind: name)")
                let clock = ContinuousClock()
                let started = clock.now
                let accounts = try await Self.get("\(base)/api/v1/accounts", token: token)
                #expect(accounts.status == 503 && accounts.retryAfter != nil)
                #expect((accounts.json["error"] as? [String: Any])?["code"] as? String == "unavailable")
                #expect(try await Self.get("\(base)/readyz").status == 503)
                #expect(started.duration(to: clock.now) < .seconds(6))
                _ = try await admin.read("ALTER DATABASE \(unsafeRaw: name) ALLOW_CONNECTIONS true")
            }
            _ = try await server.interrupt()
        }
    }

    @Test("--stripe-webhook-secret warns that the secret shows in ps; the environment variable does not")
    func webhookSecretFlagWarns() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = ["--database", "sqlite:\(directory.path)/w.sqlite"]
        let flagged = try CommandRunner(["serve", "--port", "0", "--stripe-webhook-secret", "whsec_test"] + database)
        _ = try await flagged.waitForOutput("at (http://[^ ]+)")
        #expect(try await flagged.interrupt().stderr.contains("Warning: --stripe-webhook-secret shows the secret"))
        let quiet = try CommandRunner(["serve", "--port", "0"] + database, environment: ["TENURE_STRIPE_WEBHOOK_SECRET": "whsec_test"])
        _ = try await quiet.waitForOutput("at (http://[^ ]+)")
        #expect(try await !quiet.interrupt().stderr.contains("Warning"))
    }
}
