import Foundation
import TenureCore
import TenureEngine
import TenureStore

// Where the dashboard reads health scores and churn predictions.
//
// Every health or risk element of a page is an optional section fed by one
// function of ``HealthRiskSource``. Until scores are computed or a churn model
// trained, each function returns `nil` (or nothing), and the pages show an
// empty state telling the user which command fills them.

extension HealthColour {
    /// Words for the band, for people who cannot see the colour.
    public var label: String {
        switch self {
        case .green: "Healthy"
        case .yellow: "Watch"
        case .red: "At risk"
        }
    }
}

/// An account's health score for its page: score, band, trend and the signals behind it.
public struct AccountHealthSection: Sendable, Hashable {
    /// 0–100.
    public var score: Double
    public var colour: HealthColour
    /// Score by period (oldest first), e.g. weekly for the last six months.
    public var trend: [Point]
    /// Each signal's value, weight and contribution to the score, largest contribution first.
    public var signals: [Signal]
    /// Which definition scored it and how its latest backtest did, in words.
    public var validation: String

    /// One point of the trend.
    public struct Point: Sendable, Hashable {
        public var label: String
        public var score: Double
        public init(label: String, score: Double) { self.label = label; self.score = score }
    }

    /// One signal's part in the score.
    public struct Signal: Sendable, Hashable {
        public var name: String
        /// The signal's value in words, e.g. "−34% logins vs previous 30 days".
        public var value: String
        public var weight: Double
        /// Points of the score this signal contributes.
        public var contribution: Double
        public init(name: String, value: String, weight: Double, contribution: Double) {
            self.name = name; self.value = value; self.weight = weight; self.contribution = contribution
        }
    }

    /// Makes a section.
    public init(score: Double, colour: HealthColour, trend: [Point], signals: [Signal], validation: String) {
        self.score = score; self.colour = colour; self.trend = trend; self.signals = signals; self.validation = validation
    }
}

/// An account's churn risk for its page: probability, MRR at risk and the factors behind it.
public struct AccountRiskSection: Sendable, Hashable {
    /// Probability of churn in the model's horizon, 0–1.
    public var probability: Double
    /// Probability × MRR, minor units of `currency`.
    public var mrrAtRisk: Int64
    public var currency: Currency
    /// The model's horizon in words, e.g. "next 90 days".
    public var horizon: String
    /// Factors pushing the risk up or down, strongest first.
    public var factors: [Factor]
    /// Which model predicted it and how its backtest did, in words.
    public var model: String

    /// One factor of the prediction.
    public struct Factor: Sendable, Hashable {
        public var name: String
        /// Effect on the risk in words, e.g. "+12 points".
        public var effect: String
        public var detail: String
        public init(name: String, effect: String, detail: String) { self.name = name; self.effect = effect; self.detail = detail }
    }

    /// Makes a section.
    public init(probability: Double, mrrAtRisk: Int64, currency: Currency, horizon: String, factors: [Factor], model: String) {
        self.probability = probability; self.mrrAtRisk = mrrAtRisk; self.currency = currency; self.horizon = horizon; self.factors = factors
        self.model = model
    }
}

/// How many accounts (and how much MRR) fall in each health band.
public struct HealthDistribution: Sendable, Hashable {
    public var accounts: [HealthColour: Int]
    public var mrr: [HealthColour: Int64]
    /// Makes a distribution.
    public init(accounts: [HealthColour: Int], mrr: [HealthColour: Int64]) { self.accounts = accounts; self.mrr = mrr }
}

/// One account on the at-risk list.
public struct AtRiskAccount: Sendable, Hashable {
    public var accountID: String
    public var name: String
    public var ownerID: String?
    public var mrr: Int64
    public var probability: Double
    /// Probability × MRR, minor units of the reporting currency.
    public var mrrAtRisk: Int64
    /// The strongest factors raising the risk, in words: why to call.
    public var topFactor: String
    /// Days to the next renewal (`nil` when not renewing).
    public var daysToRenewal: Int?
    /// Makes a row.
    public init(accountID: String, name: String, ownerID: String?, mrr: Int64, probability: Double, mrrAtRisk: Int64, topFactor: String,
                daysToRenewal: Int? = nil) {
        self.accountID = accountID; self.name = name; self.ownerID = ownerID; self.mrr = mrr
        self.probability = probability; self.mrrAtRisk = mrrAtRisk; self.topFactor = topFactor; self.daysToRenewal = daysToRenewal
    }
}

/// Where the dashboard reads health scores and churn predictions. Each
/// function feeds one optional section; `nil` means "not computed yet" and
/// the page shows how to compute it.
public struct HealthRiskSource: Sendable {
    let store: any Store
    /// Keeps the model's note and the reporting currency between requests.
    let reads: ReadCache

    init(store: any Store, reads: ReadCache) {
        self.store = store
        self.reads = reads
    }

    /// The account page's health section: the latest score, its weekly-or-daily trend over the last
    /// half year, and each weighted signal's raw value and points, largest contribution first.
    public func accountHealth(accountID: String) async throws -> AccountHealthSection? {
        guard let record = try await store.healthRecord(accountID: accountID) else { return nil }
        let history = try await store.healthHistory(accountID: accountID, since: record.day.adding(days: -182))
        let signals = record.health.signals.filter { $0.weight > 0 }.sorted { $0.contribution > $1.contribution }.map { part in
            AccountHealthSection.Signal(
                name: part.signal.summary, value: part.raw.map { Format.decimal($0) } ?? "no data",
                weight: part.effectiveWeight, contribution: part.contribution)
        }
        let backtest = try await store.latestBacktest(definitionVersion: record.definitionVersion)
        let validation = "Definition v\(record.definitionVersion) · " + (backtest.map {
            "validated ROC AUC \(HealthEngine.format($0.report.auc)) for \($0.report.horizonDays)-day churn"
        } ?? "not yet validated (tenure health validate)")
        return AccountHealthSection(
            score: record.health.score, colour: record.health.colour,
            trend: history.map { .init(label: Format.day($0.day), score: $0.score) }, signals: signals, validation: validation)
    }

    /// The account page's risk section: probability, MRR at risk, and the factors raising and lowering it.
    public func accountRisk(accountID: String) async throws -> AccountRiskSection? {
        guard let prediction = try await store.churnPrediction(accountID: accountID), let model = try await modelNote() else { return nil }
        let timing = prediction.medianDaysToChurn.map { ", median time to churn \(Int($0)) days" } ?? ""
        return AccountRiskSection(
            probability: prediction.probability, mrrAtRisk: prediction.expectedLoss, currency: try await reportingCurrency(),
            horizon: "next \(prediction.horizonDays) days\(timing)",
            factors: prediction.factors.map { factor in
                .init(name: factor.logOdds > 0 ? "Raises risk" : "Lowers risk", effect: String(format: "%+.2f log-odds", factor.logOdds),
                      detail: factor.description)
            }, model: model)
    }

    /// The newest churn model and its backtest, in words; `nil` before any model is trained.
    public func modelNote() async throws -> String? {
        let store = self.store
        return try await reads.value("model.note") { try await Self.modelNote(store) }
    }

    private static func modelNote(_ store: any Store) async throws -> String? {
        guard let stored = try await store.latestChurnModel() else { return nil }
        return "Model v\(stored.version) · backtest on held-out months: ROC AUC \(String(format: "%.2f", stored.report.rocAUC)), "
            + "top-decile lift \(String(format: "%.1f", stored.report.topDecileLift))× for \(stored.report.horizonDays)-day churn"
    }

    private func reportingCurrency() async throws -> Currency {
        let store = self.store
        return try await reads.value("reporting.currency") {
            (try await store.decodedSetting(SettingKey.metricsPolicy, as: MetricsPolicy.self) ?? .standard).reportingCurrency
        }
    }

    /// The overview's health distribution: accounts and MRR per colour; `nil` before any scoring.
    public func healthDistribution() async throws -> HealthDistribution? {
        let bands = try await store.healthDistribution()
        guard !bands.isEmpty else { return nil }
        return HealthDistribution(accounts: bands.mapValues(\.accounts), mrr: bands.mapValues(\.mrr))
    }

    /// Accounts by MRR at risk, largest first: the overview's top 10 and the At-risk page; `nil` before any model.
    public func accountsAtRisk(limit: Int, offset: Int) async throws -> Page<AtRiskAccount>? {
        guard try await store.latestChurnModelVersion() != nil else { return nil }
        let page = try await store.churnRisks(RiskQuery(limit: limit, offset: offset))
        return Page(items: page.items.map { entry in
            AtRiskAccount(accountID: entry.accountID, name: entry.name, ownerID: entry.ownerID, mrr: entry.prediction.mrr,
                          probability: entry.prediction.probability, mrrAtRisk: entry.prediction.expectedLoss,
                          topFactor: entry.prediction.factors.filter { $0.logOdds > 0 }.prefix(2).map(\.description).joined(separator: "; ")
                              .nonEmpty ?? "no factor stands out",
                          daysToRenewal: entry.prediction.daysToRenewal)
        }, total: page.total, limit: page.limit, offset: page.offset)
    }

    /// The health band of each of `accountIDs` that has one (the accounts table's health column).
    public func healthColours(of accountIDs: [String]) async throws -> [String: HealthColour] {
        try await store.currentHealth(ofAccounts: accountIDs).mapValues(\.colour)
    }

    /// The churn probability of each of `accountIDs` that has one (the accounts table's risk column).
    public func riskProbabilities(of accountIDs: [String]) async throws -> [String: Double] {
        try await store.churnProbabilities(ofAccounts: accountIDs)
    }

    /// What to run to fill the health sections.
    public static let healthHint: HTML = "Health scores have not been computed yet: run <code>tenure health recompute</code>."
    /// What to run to fill the risk sections.
    public static let riskHint: HTML = "Churn predictions appear after <code>tenure predict train</code>."
}

extension String {
    /// The string, or `nil` when it is empty.
    var nonEmpty: String? { isEmpty ? nil : self }
}
