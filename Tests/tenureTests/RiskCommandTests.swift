import Foundation
import Testing

/// `tenure risk` and `tenure predict` on a generated database, run as a user would.
@Suite("tenure risk")
struct RiskCommandTests {
    @Test("generate trains a model; risk ranks by MRR at risk and explains an account; predict prints its backtest, thresholds and curves")
    func riskAndPredict() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = ["--database", "sqlite:\(directory.path)/r.sqlite"]
        let generated = try await CommandRunner.run(["generate", "--accounts", "300", "--seed", "3"] + database)
        #expect(generated.status == 0, "\(generated.stderr)")
        #expect(generated.stdout.contains("Churn model v1: backtest ROC AUC 0."))
        let list = try await CommandRunner.run(["risk", "--top", "8", "--format", "json"] + database)
        #expect(list.status == 0, "\(list.stderr)")
        let entries = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(entries.count == 8)
        let losses = entries.compactMap { ($0["prediction"] as? [String: Any])?["expected_loss"] as? Int }
        #expect(losses == losses.sorted(by: >))
        let account = try #require(entries.first?["account_id"] as? String)
        let explained = try await CommandRunner.run(["risk", "--account", account] + database)
        #expect(explained.stdout.contains("chance of churn within 90 days") && explained.stdout.contains("raises risk"))
        let table = try await CommandRunner.run(["risk", "--top", "3"] + database)
        #expect(table.stdout.contains("backtest ROC AUC") && table.stdout.contains("mrr_at_risk"))
        let backtest = try await CommandRunner.run(["predict", "backtest", "--format", "csv"] + database)
        #expect(backtest.stdout.hasPrefix("from,to,accounts,predicted,observed"))
        let activation = try await CommandRunner.run(["predict", "activation", "--apply"] + database)
        #expect(activation.status == 0 && activation.stdout.contains("stored as the first-value milestone"))
        let survival = try await CommandRunner.run(["predict", "survival", "--by", "segment", "--format", "csv"] + database)
        #expect(survival.stdout.hasPrefix("group,customers,30d,90d,180d,365d,730d,median_days"))
        let retrained = try await CommandRunner.run(["predict", "train", "--months", "12"] + database)
        #expect(retrained.status == 0 && retrained.stdout.contains("Churn model v2"))
        let bad = try await CommandRunner.run(["predict", "train", "--months", "3"] + database)
        #expect(bad.status != 0 && bad.stderr.contains("--months must be between 5 and 60"))
        let empty = try await CommandRunner.run(["risk", "--database", "sqlite:\(directory.path)/empty.sqlite"])
        #expect(empty.status != 0 && empty.stderr.contains("tenure predict train"))
    }
}
