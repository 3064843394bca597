import Foundation
import TenureCore

/// A trained churn model as stored: its version, when it was trained, and
/// the time-split backtest of the procedure that produced it.
public struct StoredChurnModel: Sendable, Hashable, Codable {
    public var version: Int
    public var trainedAt: Date
    public var model: ChurnModel
    public var report: ChurnBacktestReport

    public init(version: Int = 0, trainedAt: Date, model: ChurnModel, report: ChurnBacktestReport) {
        self.version = version
        self.trainedAt = trainedAt
        self.model = model
        self.report = report
    }
}

/// One account's latest churn prediction: how likely it is to churn within
/// the horizon, the MRR that puts at risk, when, and why.
public struct ChurnPrediction: Sendable, Hashable, Codable {
    public var accountID: String
    public var modelVersion: Int
    public var computedAt: Date
    /// Probability of churn within `horizonDays`.
    public var probability: Double
    public var horizonDays: Int
    /// MRR now and expected loss (probability × MRR), minor units of the reporting currency.
    public var mrr: Int64
    public var expectedLoss: Int64
    /// The Cox model's probability the account is still a customer after the horizon, and its median days to churn.
    public var survival: Double?
    public var medianDaysToChurn: Double?
    public var daysToRenewal: Int?
    /// The strongest factors raising the risk, then those lowering it.
    public var factors: [ChurnModel.Factor]

    public init(accountID: String, modelVersion: Int, computedAt: Date, probability: Double, horizonDays: Int, mrr: Int64,
                expectedLoss: Int64, survival: Double?, medianDaysToChurn: Double?, daysToRenewal: Int?, factors: [ChurnModel.Factor]) {
        self.accountID = accountID
        self.modelVersion = modelVersion
        self.computedAt = computedAt
        self.probability = probability
        self.horizonDays = horizonDays
        self.mrr = mrr
        self.expectedLoss = expectedLoss
        self.survival = survival
        self.medianDaysToChurn = medianDaysToChurn
        self.daysToRenewal = daysToRenewal
        self.factors = factors
    }
}

/// A line of the at-risk list: the prediction with who the account is and who owns it.
public struct RiskEntry: Sendable, Hashable, Codable {
    public var accountID: String
    public var name: String
    public var ownerID: String?
    public var segment: String?
    public var health: CurrentHealth?
    public var prediction: ChurnPrediction

    public init(accountID: String, name: String, ownerID: String?, segment: String?, health: CurrentHealth?, prediction: ChurnPrediction) {
        self.accountID = accountID
        self.name = name
        self.ownerID = ownerID
        self.segment = segment
        self.health = health
        self.prediction = prediction
    }
}

/// Which predictions to list: filters and a page window (always by expected loss, largest first).
public struct RiskQuery: Sendable, Hashable {
    public var ownerID: String?
    public var segment: String?
    public var limit: Int
    public var offset: Int

    public init(ownerID: String? = nil, segment: String? = nil, limit: Int = 25, offset: Int = 0) {
        self.ownerID = ownerID
        self.segment = segment
        self.limit = limit
        self.offset = offset
    }
}

/// An account's event counts in its first days, and when those began.
public struct EarlyUsage: Sendable, Hashable {
    public var firstDay: Date
    public var counts: [String: Int64]

    public init(firstDay: Date, counts: [String: Int64]) {
        self.firstDay = firstDay
        self.counts = counts
    }
}
