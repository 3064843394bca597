import Foundation
import Testing
import TenureTestSupport
import TenureStore

/// The `tenure` binary, run as a user runs it.
@Suite("tenure command line")
struct CommandLineTests {
    @Test("--help teaches the commands and the database option")
    func help() async throws {
        let root = try await CommandRunner.run(["--help"])
        #expect(root.status == 0)
        for command in ["demo", "generate", "serve", "migrate", "keys"] { #expect(root.stdout.contains(command)) }
        #expect(root.stdout.contains("TENURE_DATABASE_URL"))
        let generate = try await CommandRunner.run(["generate", "--help"])
        #expect(generate.stdout.contains("--accounts"))
        #expect(generate.stdout.contains("Examples:"))
    }

    @Test("bad flags are refused with a message naming the flag", arguments: [
        (["generate", "--accounts", "0"], "--accounts must be between 1 and 1,000,000"),
        (["generate", "--accounts", "many"], "--accounts"),
        (["generate", "--as-of", "soon"], "--as-of must be a date"),
        (["generate", "--force", "--resume"], "pass one of them"),
        (["serve", "--port", "70000"], "--port must be between 0 and 65535"),
        (["keys", "create", "--role", "owner"], "--role"),
        (["migrate", "--database", "mysql://x/y"], "expected sqlite:///path/to/tenure.sqlite or postgres://"),
        (["keys", "list", "--format", "xml"], "--format"),
    ])
    func badFlags(arguments: [String], message: String) async throws {
        let result = try await CommandRunner.run(arguments)
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test("generate fills a database, reports counts, will not mix into existing data, and resumes only its own load")
    func generate() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = "sqlite:\(directory.path)/demo.sqlite"
        let first = try await CommandRunner.run(["generate", "--accounts", "40", "--seed", "3", "--as-of", "2026-11-30", "--database", database])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Generated 40 accounts (seed 3"))
        #expect(first.stdout.range(of: #"accounts\s+40\n"#, options: .regularExpression) != nil)
        #expect(first.stderr.contains("accounts 40/40 100%"))
        let second = try await CommandRunner.run(["generate", "--accounts", "40", "--database", database])
        #expect(second.status == 1)
        #expect(second.stderr.contains("already holds 40 accounts"))
        let resumed = try await CommandRunner.run(
            ["generate", "--accounts", "40", "--seed", "3", "--as-of", "2026-11-30", "--resume", "--health-history-days", "0", "--database", database])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.range(of: #"accounts\s+40\n"#, options: .regularExpression) != nil)
        let another = try await CommandRunner.run(
            ["generate", "--accounts", "40", "--seed", "4", "--as-of", "2026-11-30", "--resume", "--database", database])
        #expect(another.status == 1)
        #expect(another.stderr.contains("--seed: the database holds a load with --seed 3, not 4"), "\(another.stderr)")
    }

    @Test("generate writes to PostgreSQL as well")
    func generateIntoPostgres() async throws {
        try await TestDatabases.withDatabaseURL(.postgres) { url in
            let result = try await CommandRunner.run(["generate", "--accounts", "25", "--database", url])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("Generated 25 accounts"))
        }
    }

    @Test("migrate applies the schema once")
    func migrate() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = "sqlite:\(directory.path)/m.sqlite"
        let versions = Migration.all.map { String($0.version) }.joined(separator: ", ")
        #expect(try await CommandRunner.run(["migrate", "--database", database]).stdout.contains("Applied migrations \(versions)."))
        #expect(try await CommandRunner.run(["migrate"], environment: ["TENURE_DATABASE_URL": database]).stdout
            .contains("The schema is up to date."))
    }

    @Test("keys are created (token printed once), listed as table, JSON and CSV, and revoked")
    func keys() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = ["--database", "sqlite:\(directory.path)/k.sqlite"]
        let created = try await CommandRunner.run(["keys", "create", "--role", "member", "--name", "ops laptop"] + database)
        #expect(created.status == 0)
        let token = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.range(of: #"^tnr_[A-Za-z0-9]{12}_[A-Za-z0-9]{32}$"#, options: .regularExpression) != nil)
        let id = token.split(separator: "_")[1]
        let json = try await CommandRunner.run(["keys", "list", "--format", "json"] + database)
        let keys = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: String]]
        #expect(keys?.first?["id"] == String(id))
        #expect(keys?.first?["role"] == "member")
        #expect(keys?.first?["name"] == "ops laptop")
        #expect(!json.stdout.contains(token))
        let csv = try await CommandRunner.run(["keys", "list", "--format", "csv"] + database)
        #expect(csv.stdout.hasPrefix("id,name,role,created_at,last_used_at,revoked_at\n\(id),ops laptop,member,"))
        let table = try await CommandRunner.run(["keys", "list"] + database)
        #expect(table.stdout.contains("ops laptop"))
        #expect(try await CommandRunner.run(["keys", "revoke", String(id)] + database).stdout.contains("Revoked key"))
        let again = try await CommandRunner.run(["keys", "revoke", String(id)] + database)
        #expect(again.status == 1)
        #expect(again.stderr.contains("no active key"))
    }

    @Test("serve answers health checks and authenticated API calls, and stops on Ctrl-C")
    func serve() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = ["--database", "sqlite:\(directory.path)/s.sqlite"]
        let token = try await CommandRunner.run(["keys", "create", "--role", "viewer"] + database).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let server = try CommandRunner(["serve", "--port", "0"] + database)
        let base = try await server.waitForOutput(#"at (http://127\.0\.0\.1:\d+)"#)
        #expect(try await getJSON("\(base)/healthz").status == 200)
        #expect(try await getJSON("\(base)/api/v1/accounts").status == 401)
        let accounts = try await getJSON("\(base)/api/v1/accounts", token: token)
        #expect(accounts.status == 200)
        #expect(accounts.json["total"] as? Int == 0)
        let stopped = try await server.interrupt()
        #expect(stopped.status == 0, "\(stopped.stderr)")
    }

    @Test("demo generates once, then serves with a fresh admin key, revoking the previous run's")
    func demo() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = ["--database", "sqlite:\(directory.path)/d.sqlite"]
        var previousToken: String?
        for run in 1...2 {
            let demo = try CommandRunner(["demo", "--accounts", "30", "--port", "0"] + database)
            let base = try await demo.waitForOutput(#"Tenure is running at (http://\S+)"#)
            let token = try await demo.waitForOutput(#"Admin API key: (tnr_\S+)"#)
            let accounts = try await getJSON("\(base)/api/v1/accounts?sort=-mrr", token: token)
            #expect(accounts.status == 200)
            #expect(accounts.json["total"] as? Int == 30)
            let keys = try await getJSON("\(base)/api/v1/keys", token: token)
            #expect((keys.json["data"] as? [Any])?.count == run)
            if let previousToken { #expect(try await getJSON("\(base)/api/v1/me", token: previousToken).status == 401) }
            previousToken = token
            let stopped = try await demo.interrupt()
            #expect(stopped.status == 0)
            #expect(stopped.stdout.contains(run == 1 ? "Generating 30 demo accounts" : "Using the existing demo data"))
        }
    }
}
