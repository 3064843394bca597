import Foundation
import Testing

/// `tenure health`, `tenure segments` and `tenure definitions` on a generated database, run as a user would.
@Suite("tenure health")
struct HealthCommandTests {
    static func withDemo(_ body: (URL, [String]) async throws -> Void) async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = ["--database", "sqlite:\(directory.path)/h.sqlite"]
        let generated = try await CommandRunner.run(["generate", "--accounts", "400", "--seed", "9", "--health-history-days", "28"] + database)
        #expect(generated.status == 0, "\(generated.stderr)")
        #expect(generated.stdout.contains("Health: "))
        try await body(directory, database)
    }

    static func json(_ text: String) -> Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8)) }

    @Test("generate scores accounts; show lists the weakest first and explains one account's points")
    func show() async throws {
        try await Self.withDemo { _, database in
            let list = try await CommandRunner.run(["health", "show", "--top", "10", "--format", "json"] + database)
            #expect(list.status == 0, "\(list.stderr)")
            let rows = Self.json(list.stdout) as? [[String: String]] ?? []
            let scores = rows.compactMap { Double($0["score"] ?? "") }
            #expect(scores.count == 10 && scores == scores.sorted())
            let red = try await CommandRunner.run(["health", "show", "--colour", "red", "--format", "csv"] + database)
            #expect(red.stdout.split(separator: "\n").dropFirst().allSatisfy { $0.hasSuffix(",red") })
            let account = try #require(rows.first?["account"])
            let explained = try await CommandRunner.run(["health", "show", "--account", account, "--format", "csv"] + database)
            #expect(explained.status == 0)
            let lines = explained.stdout.split(separator: "\n").dropFirst()
            let points = lines.compactMap { Double($0.split(separator: ",")[5]) }.reduce(0, +)
            #expect(abs(points - scores[0]) < 1e-6, "the points add up to the score")
            let missing = try await CommandRunner.run(["health", "show", "--account", "nope"] + database)
            #expect(missing.status != 0 && missing.stderr.contains("there is no account 'nope'"))
        }
    }

    @Test("a definition is templated, edited, refused with the file and field named, validated, added and activated")
    func definitionLifecycle() async throws {
        try await Self.withDemo { directory, database in
            let template = try await CommandRunner.run(["definitions", "template", "--kind", "health"])
            #expect(template.status == 0)
            let good = directory.appendingPathComponent("health.yaml")
            let edited = template.stdout.replacingOccurrences(of: "name: Standard health", with: "name: Ours")
            try edited.write(to: good, atomically: true, encoding: .utf8)
            let bad = directory.appendingPathComponent("bad.yaml")
            try edited.replacingOccurrences(of: "weight: 20", with: "weight: 25").write(to: bad, atomically: true, encoding: .utf8)
            let refused = try await CommandRunner.run(["definitions", "add", "--kind", "health", bad.path] + database)
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("bad.yaml: signals: weights must sum to 100, not 105"))
            let validate = try await CommandRunner.run(["health", "validate", "--file", good.path, "--months", "6"] + database)
            #expect(validate.status == 0, "\(validate.stderr)")
            #expect(validate.stdout.contains("Backtest of “Ours”") && validate.stdout.contains("Score AUC: 0."))
            let listed = try await CommandRunner.run(["definitions", "list", "--kind", "health", "--format", "json"] + database)
            #expect((Self.json(listed.stdout) as? [Any])?.count == 1, "the refused and the validated files were not stored")
            let added = try await CommandRunner.run(["definitions", "add", "--kind", "health", good.path, "--activate", "--note", "ours"] + database)
            #expect(added.status == 0 && added.stdout.contains("v2 “Ours” and made it active"))
            let shown = try await CommandRunner.run(["definitions", "show", "--kind", "health"] + database)
            #expect(shown.stdout == edited + "\n")
            let again = try await CommandRunner.run(["definitions", "activate", "--kind", "health", "1"] + database)
            #expect(again.status == 0)
            let versions = Self.json(try await CommandRunner.run(["definitions", "list", "--kind", "health", "--format", "json"] + database).stdout) as? [[String: Any]]
            #expect(versions?.map { $0["active"] as? Bool } == [true, false])
        }
    }

    @Test("validate reports bands and signals; calibrate proposes; segments show coverage; alerts list drops")
    func reports() async throws {
        try await Self.withDemo { _, database in
            let validate = try await CommandRunner.run(["health", "validate", "--months", "6", "--format", "json"] + database)
            #expect(validate.status == 0)
            let report = Self.json(validate.stdout) as? [String: Any]
            #expect((report?["cutoffs"] as? [Any])?.count == 6)
            #expect((report?["bands"] as? [[String: Any]])?.map { $0["colour"] as? String } == ["red", "yellow", "green"])
            let calibrate = try await CommandRunner.run(["health", "calibrate", "--months", "6", "--dry-run"] + database)
            #expect(calibrate.status == 0, "\(calibrate.stderr)")
            #expect(calibrate.stdout.contains("Held-out AUC") && calibrate.stdout.contains("Dry run: nothing stored."))
            let coverage = try await CommandRunner.run(["segments", "coverage", "--format", "csv"] + database)
            #expect(coverage.stdout.hasPrefix("csm,name,enterprise,mid_market,smb,self_serve,accounts,load,status"))
            let segments = try await CommandRunner.run(["segments", "show"] + database)
            #expect(segments.stdout.contains("high_touch") && segments.stdout.contains("ARR ≥ 100000"))
            let alerts = try await CommandRunner.run(["health", "alerts", "--since", "2020-01-01", "--format", "json"] + database)
            #expect(alerts.status == 0 && Self.json(alerts.stdout) is [Any])
            let badSince = try await CommandRunner.run(["health", "alerts", "--since", "yesterday"] + database)
            #expect(badSince.status != 0 && badSince.stderr.contains("--since"))
            let help = try await CommandRunner.run(["health", "--help"])
            #expect(help.stdout.contains("tenure health validate --file health.yaml"))
        }
    }
}
