import ArgumentParser
import Foundation
import TenureCore
import TenureStore

extension Tenure {
    /// `tenure risk`: the daily at-risk list.
    struct Risk: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Who to call first: accounts ranked by expected MRR loss (churn probability × MRR), with why.",
            discussion: """
                Predictions come from the newest model (`tenure predict train`) and are refreshed by the server \
                with the health scores. Each line names the strongest factors raising the risk, the days to the \
                next renewal and the owner.

                Examples:
                  tenure risk --top 25
                  tenure risk --csm csm_enterprise_3
                  tenure risk --account acct_0000527
                """)

        @Option(help: "Show one account's prediction with every factor.")
        var account: String?

        @OptionGroup var list: AccountListOptions
        @OptionGroup var database: DatabaseOptions

        var format: OutputFormat { list.format }

        func run() async throws {
            try await database.withStore(show)
        }

        private func show(_ store: any Store) async throws {
            guard let model = try await store.latestChurnModel() else {
                throw CommandFailure("no churn model yet: run `tenure predict train` first")
            }
            let currency = (try await store.decodedSetting(SettingKey.metricsPolicy, as: MetricsPolicy.self) ?? .standard).reportingCurrency
            if format == .table {
                print("Model v\(model.version): backtest ROC AUC \(String(format: "%.3f", model.report.rocAUC)), top-decile lift "
                      + "\(String(format: "%.1f", model.report.topDecileLift))× for churn within \(model.report.horizonDays) days.\n")
            }
            if let account {
                guard try await store.account(id: account) != nil else { throw CommandFailure("there is no account '\(account)'") }
                guard let prediction = try await store.churnPrediction(accountID: account) else {
                    throw CommandFailure("no prediction for '\(account)': predictions cover accounts paying now")
                }
                if format == .json { return print(try ReportFormat.json(prediction)) }
                print("\(account): \(String(format: "%.0f%%", prediction.probability * 100)) chance of churn within \(prediction.horizonDays) days; "
                      + "\(ReportFormat.money(prediction.expectedLoss, currency, .table)) of \(ReportFormat.money(prediction.mrr, currency, .table)) MRR at risk"
                      + (prediction.medianDaysToChurn.map { "; median time to churn \(Int($0)) days" } ?? "") + ".\n")
                let rows = prediction.factors.map { [$0.logOdds > 0 ? "raises risk" : "lowers risk", String(format: "%+.2f", $0.logOdds), $0.description] }
                return print(TextTable(columns: ["effect", "log_odds", "factor"], rows: rows).render(format))
            }
            let page = try await store.churnRisks(RiskQuery(ownerID: list.csm, segment: list.segment, limit: list.top))
            if format == .json { return print(try ReportFormat.json(page.items)) }
            let rows = page.items.map { entry in
                [entry.accountID, entry.name, entry.ownerID ?? "", ReportFormat.money(entry.prediction.mrr, currency, format),
                 format == .table ? String(format: "%.0f%%", entry.prediction.probability * 100) : String(entry.prediction.probability),
                 ReportFormat.money(entry.prediction.expectedLoss, currency, format),
                 entry.prediction.daysToRenewal.map(String.init) ?? "",
                 entry.prediction.factors.filter { $0.logOdds > 0 }.map(\.description).joined(separator: "; ")]
            }
            print(TextTable(columns: ["account", "name", "owner", "mrr", "churn_90d", "mrr_at_risk", "renews_in_days", "why"], rows: rows)
                .render(format))
        }
    }
}
