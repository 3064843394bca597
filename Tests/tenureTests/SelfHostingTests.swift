import Foundation
import Testing
@testable import TenureStore
import TenureTestSupport

/// Running Tenure on one's own machine: `tenure backup` and restoring from it,
/// `tenure.yaml` with the precedence flags > environment > file > default,
/// and help texts that wrap at the terminal's width.
@Suite("Self-hosting")
struct SelfHostingTests {
    @Test("a backup of a generated database opens with the same accounts, MRR and row counts")
    func backupRestores() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let original = "\(directory.path)/original.sqlite", copy = "\(directory.path)/copy.sqlite"
        let generated = try await CommandRunner.run(["generate", "--accounts", "40", "--seed", "5", "--database", "sqlite:\(original)"])
        #expect(generated.status == 0, "\(generated.stderr)")
        let backup = try await CommandRunner.run(["backup", copy, "--database", "sqlite:\(original)"])
        #expect(backup.status == 0 && backup.stdout.contains("Backed up \(original) to \(copy)"), "\(backup.stderr)")
        let permissions = try FileManager.default.attributesOfItem(atPath: copy)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        let again = try await CommandRunner.run(["backup", copy, "--database", "sqlite:\(original)"])
        #expect(again.status == 1 && again.stderr.contains("exists already"))

        func contents(_ path: String) async throws -> (accounts: [String: Int64], counts: [String: Int]) {
            try await withStore("sqlite:\(path)", migrate: false) { store in
                let page = try await store.accounts(AccountQuery(limit: AccountQuery.maximumLimit))
                return (Dictionary(uniqueKeysWithValues: page.items.map { ($0.account.id, $0.mrr) }), try await store.factCounts())
            }
        }
        let before = try await contents(original), after = try await contents(copy)
        #expect(before.accounts.count == 40 && before.accounts.values.reduce(0, +) > 0)
        #expect(after.accounts == before.accounts)
        #expect(after.counts == before.counts)
    }

    @Test("for PostgreSQL, backup prints the pg_dump and pg_restore lines without the password")
    func backupPostgres() async throws {
        let result = try await CommandRunner.run(["backup", "tenure.dump", "--database", "postgres://ops:s3cret@db.internal:5433/tenure?sslmode=require"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("pg_dump --format=custom --no-owner --file='tenure.dump' --dbname='postgresql://ops@db.internal:5433/tenure?sslmode=require'"))
        #expect(result.stdout.contains("pg_restore --clean --if-exists --no-owner"))
        #expect(!result.stdout.contains("s3cret"))
    }

    @Test("the database comes from the flag, else the environment, else tenure.yaml")
    func configurationPrecedence() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = { (name: String) in "\(directory.path)/\(name).sqlite" }
        for name in ["file", "environment", "flag"] {
            #expect(try await CommandRunner.run(["migrate", "--database", "sqlite:\(path(name))"]).status == 0)
        }
        let config = directory.appendingPathComponent("tenure.yaml")
        try "# Tenure\ndatabase: sqlite:\(path("file"))\nport: 0\nlog_format: json\n".write(to: config, atomically: true, encoding: .utf8)
        func backedUp(_ arguments: [String], environment: [String: String] = [:]) async throws -> String {
            let target = directory.appendingPathComponent(UUID().uuidString).path
            let result = try await CommandRunner.run(["backup", target, "--config", config.path] + arguments, environment: environment)
            return result.stdout + result.stderr
        }
        #expect(try await backedUp([]).contains("Backed up \(path("file"))"))
        let environment = ["TENURE_DATABASE_URL": "sqlite:\(path("environment"))"]
        #expect(try await backedUp([], environment: environment).contains("Backed up \(path("environment"))"))
        #expect(try await backedUp(["--database", "sqlite:\(path("flag"))"], environment: environment).contains("Backed up \(path("flag"))"))

        // TENURE_CONFIG finds the file too; the server takes its port and log format from it.
        let server = try CommandRunner(["serve"], environment: ["TENURE_CONFIG": config.path])
        let base = try await server.waitForOutput(#"serving sqlite:.*file\.sqlite at (http://127\.0\.0\.1:\d+)"#)
        #expect(try await getJSON("\(base)/healthz").status == 200)
        let stopped = try await server.interrupt()
        #expect(stopped.stderr.split(separator: "\n").contains { $0.hasPrefix("{") && $0.contains("\"hb.request.id\"") })
    }

    @Test("tenure.yaml refuses unknown keys, anchors and aliases, and bad values, naming the key")
    func configurationRefusals() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("tenure.yaml")
        let cases: [(String, String)] = [
            ("hots: 0.0.0.0\n", "unknown key 'hots'"),
            ("host: &h 127.0.0.1\n", "host: YAML anchors"),
            ("host: 127.0.0.1\nport: *p\n", "port: YAML aliases"),
            ("port: [1, 2]\n", "port must be a single value"),
            ("port: 1\nport: 2\n", "duplicated key(s): 'port'"),
            ("port: eighty\n", "port in \(config.path): 'eighty' is not a port between 0 and 65535"),
            ("log_format: xml\n", "'xml' is not text or json"),
        ]
        for (text, message) in cases {
            try text.write(to: config, atomically: true, encoding: .utf8)
            let result = try await CommandRunner.run(["serve", "--config", config.path, "--database", "sqlite::memory:"])
            #expect(result.status != 0 && result.stderr.contains(message), "\(text): \(result.stderr)")
        }
        try "port: 0\n".write(to: config, atomically: true, encoding: .utf8)
        let environment = try await CommandRunner.run(["serve", "--config", config.path, "--database", "sqlite::memory:"],
                                                      environment: ["TENURE_PORT": "http"])
        #expect(environment.status != 0 && environment.stderr.contains("TENURE_PORT: 'http' is not a port"))
    }

    @Test("deploy/tenure.yaml documents every setting there is, and uncommented it is accepted")
    func documentedConfiguration() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let documented = try String(contentsOf: Python.repository.appendingPathComponent("deploy/tenure.yaml"), encoding: .utf8)
        let settings = documented.split(separator: "\n").compactMap { line in
            line.wholeMatch(of: /# ([a-z_]+):( .*)?/).map { (key: String($0.1), line: String(line.dropFirst(2))) }
        }
        let config = directory.appendingPathComponent("tenure.yaml")
        try (settings.map(\.line).joined(separator: "\n") + "\n").write(to: config, atomically: true, encoding: .utf8)
        let accepted = try await CommandRunner.run(["migrate", "--config", config.path], environment: ["TENURE_DATABASE_URL": "sqlite::memory:"])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        try (settings.map(\.line).joined(separator: "\n") + "\nundocumented: 1\n").write(to: config, atomically: true, encoding: .utf8)
        let refused = try await CommandRunner.run(["migrate", "--config", config.path])
        let known = try #require(refused.stderr.firstMatch(of: /known: ([a-z_, ]+)\)/)).1.split(separator: ", ").map(String.init)
        #expect(Set(known) == Set(settings.map(\.key)))
    }

    @Test("help texts are whole paragraphs that wrap at 80 columns, never mid-sentence", arguments: [
        [], ["serve"], ["backup"], ["demo"], ["generate"], ["health"], ["health", "validate"], ["predict", "train"],
        ["report"], ["sync", "stripe"], ["keys"], ["users", "create"], ["import", "accounts"], ["fit"], ["segments"], ["worker"],
    ])
    func helpWraps(_ command: [String]) async throws {
        let result = try await CommandRunner.run(command + ["--help"], environment: ["COLUMNS": "80"])
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("USAGE:") }
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(result.stdout)")
        // A hard-wrapped paragraph wider than the terminal leaves a short line followed by the rest of its sentence.
        for (line, next) in zip(lines, lines.dropFirst()) where !line.isEmpty && line.count < 50 && !line.hasPrefix(" ") {
            #expect(next.first.map { !$0.isLowercase } ?? true, "'\(line)' breaks mid-sentence in \(command): \(result.stdout)")
        }
    }
}
