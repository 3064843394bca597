import Foundation
import Testing
import TenureTestSupport

/// `tenure report …` on a small generated database.
@Suite("tenure report")
struct ReportCommandTests {
    static func withDemo(_ body: ([String]) async throws -> Void) async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = ["--database", "sqlite:\(directory.path)/r.sqlite"]
        let generated = try await CommandRunner.run(["generate", "--accounts", "80", "--seed", "4"] + database)
        #expect(generated.status == 0)
        try await body(database)
    }

    @Test("metrics as JSON reconcile; as CSV they carry a header; as a table they say so")
    func metrics() async throws {
        try await Self.withDemo { database in
            let json = try await CommandRunner.run(["report", "metrics", "--format", "json"] + database)
            #expect(json.status == 0, "\(json.stderr)")
            let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
            let periods = report?["periods"] as? [[String: Any]] ?? []
            #expect(periods.count == 12)
            #expect(periods.allSatisfy { $0["reconciles"] as? Bool == true })
            let csv = try await CommandRunner.run(["report", "metrics", "--format", "csv", "--by", "segment"] + database)
            #expect(csv.stdout.hasPrefix("segment,period,mrr_start,new,expansion,reactivation,contraction,churn,mrr_end,reconciles,"))
            let table = try await CommandRunner.run(["report", "metrics", "--from", MetricsDates.monthsAgo(2)] + database)
            #expect(table.stdout.components(separatedBy: "\n").filter { $0.contains(" yes ") }.count == 3)
        }
    }

    @Test("explain, cohorts, cs and books print their rows; bad periods are refused")
    func otherReports() async throws {
        try await Self.withDemo { database in
            let month = MetricsDates.monthsAgo(1)
            let explain = try await CommandRunner.run(["report", "explain", "--metric", "mrr", "--period", month] + database)
            #expect(explain.status == 0)
            #expect(explain.stdout.contains("mrr in \(month):"))
            #expect(explain.stdout.contains("acct_"))
            let cohorts = try await CommandRunner.run(["report", "cohorts", "--kind", "revenue"] + database)
            #expect(cohorts.stdout.contains("100.0%"))
            let cs = try await CommandRunner.run(["report", "cs"] + database)
            #expect(cs.stdout.contains("nps_95ci"))
            let books = try await CommandRunner.run(["report", "books", "--format", "csv"] + database)
            #expect(books.stdout.hasPrefix("csm,name,accounts,paying,mrr,arr,nrr_12m,grr_12m"))
            let bad = try await CommandRunner.run(["report", "explain", "--metric", "mrr", "--period", "2026-13"] + database)
            #expect(bad.status == 1)
            #expect(bad.stderr.contains("--period must be a month like 2026-05"))
            let reversed = try await CommandRunner.run(["report", "metrics", "--from", "2026-06", "--to", "2026-01"] + database)
            #expect(reversed.status == 1)
            #expect(reversed.stderr.contains("--from must come before to"))
            let unknown = try await CommandRunner.run(["report", "explain", "--metric", "profit", "--period", month] + database)
            #expect(unknown.status != 0)
            #expect(unknown.stderr.contains("--metric"))
        }
    }
}

enum MetricsDates {
    /// The month `months` before this one, as `YYYY-MM` (UTC).
    static func monthsAgo(_ months: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = calendar.date(byAdding: .month, value: -months, to: TestClock.now)!
        let parts = calendar.dateComponents([.year, .month], from: date)
        return String(format: "%04d-%02d", parts.year!, parts.month!)
    }
}
