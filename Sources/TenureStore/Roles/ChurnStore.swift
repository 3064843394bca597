import Foundation
import TenureCore

/// Trained churn models and each account's latest prediction.
public protocol ChurnStore: Sendable {
    /// Stores a trained model as the next version.
    func saveChurnModel(_ stored: StoredChurnModel) async throws -> StoredChurnModel
    /// The newest trained model.
    func latestChurnModel() async throws -> StoredChurnModel?
    /// The newest trained model's version, read without the model (a cache's key).
    func latestChurnModelVersion() async throws -> Int?
    /// Replaces the stored predictions of the accounts of `range` with `predictions` (all of accounts of `range`)
    /// and writes `events` to the outbox, in one transaction.
    func replaceChurnPredictions(_ predictions: [ChurnPrediction], events: [DomainEvent], at now: Date,
                                 accounts range: AccountRange) async throws
    func churnPrediction(accountID: String) async throws -> ChurnPrediction?
    /// The at-risk list: predictions by expected MRR loss, largest first, with each account's name, owner and health.
    func churnRisks(_ query: RiskQuery) async throws -> Page<RiskEntry>
    /// The churn probability of each of `accountIDs` that has a prediction.
    func churnProbabilities(ofAccounts accountIDs: [String]) async throws -> [String: Double]
    /// Each account's count of every event in its first `days` days of tracked usage.
    func earlyUsage(days: Int) async throws -> [String: EarlyUsage]
}

extension ChurnStore {
    /// Replaces every stored prediction with `predictions` and writes `events` to the outbox, in one transaction.
    public func replaceChurnPredictions(_ predictions: [ChurnPrediction], events: [DomainEvent], at now: Date) async throws {
        try await replaceChurnPredictions(predictions, events: events, at: now, accounts: .all)
    }
}
