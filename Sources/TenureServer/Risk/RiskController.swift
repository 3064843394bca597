import Foundation
import Hummingbird
import TenureCore
import TenureEngine
import TenureStore

/// `/api/v1/risk…`: the at-risk list ranked by expected MRR loss, one
/// account's prediction with its factors, the model and its backtest,
/// training, activation thresholds and survival curves.
struct RiskController {
    let store: any Store
    let clock: WallClock
    let reads: ReadCache

    func register(on group: RouterGroup<TenureRequestContext>) {
        group.requiring(.viewer).get(use: list)
        group.requiring(.viewer).get("accounts/:id", use: account)
        group.requiring(.viewer).get("model", use: model)
        group.requiring(.admin).post("train", use: train)
        group.requiring(.viewer).get("activation", use: activation)
        group.requiring(.viewer).get("survival", use: survival)
    }

    private func latestModel() async throws -> StoredChurnModel {
        guard let stored = try await store.latestChurnModel() else { throw Self.noModel() }
        return stored
    }

    private static func noModel() -> APIError {
        APIError(.notFound, "no churn model has been trained yet: POST /api/v1/risk/train or run `tenure predict train`")
    }

    /// `GET /api/v1/risk?owner=&segment=&limit=25&offset=0`
    @Sendable func list(_ request: Request, context: TenureRequestContext) async throws -> Response {
        let query = try QueryReader(request, allowed: ["owner", "segment", "limit", "offset"])
        let risks = RiskQuery(
            ownerID: try query.string("owner"), segment: try query.string("segment"),
            limit: try query.int("limit", default: 25, in: 1...AccountQuery.maximumLimit),
            offset: try query.int("offset", default: 0, in: 0...10_000_000))
        // Kept until a new model or new predictions are stored: decoding the model costs more than the page's rows.
        return try await reads.json("risk \(risks)") {
            RiskListResource(model: ModelSummary(try await latestModel()), page: PageResource(try await store.churnRisks(risks)) { $0 })
        }
    }

    /// `GET /api/v1/risk/accounts/{id}`: the prediction with every factor shown, and the model's backtest.
    @Sendable func account(_ request: Request, context: TenureRequestContext) async throws -> JSONResource<AccountRiskResource> {
        _ = try QueryReader(request, allowed: [])
        let id = try context.parameters.decoded("id")
        let stored = try await latestModel()
        guard try await store.account(id: id) != nil else { throw APIError.notFound("account '\(id)'") }
        guard let prediction = try await store.churnPrediction(accountID: id) else {
            throw APIError(.notFound, "account '\(id)' has no churn prediction: predictions cover accounts paying now")
        }
        return JSONResource(AccountRiskResource(model: ModelSummary(stored), prediction: prediction))
    }

    /// `GET /api/v1/risk/model`: the newest model — features, coefficients, calibration — and its backtest.
    @Sendable func model(_ request: Request, context: TenureRequestContext) async throws -> JSONResource<StoredChurnModel> {
        _ = try QueryReader(request, allowed: [])
        return JSONResource(try await latestModel())
    }

    /// `POST /api/v1/risk/train?months=18&horizon_days=90&c=1`: backtest, fit, store and predict.
    @Sendable func train(_ request: Request, context: TenureRequestContext) async throws -> JSONResource<ModelSummary> {
        let query = try QueryReader(request, allowed: ["months", "horizon_days", "c"])
        let horizon = try query.int("horizon_days", default: 90, in: 7...365)
        let stored = try await ChurnEngine(store: store).train(
            months: try query.int("months", default: 18, in: 5...60), horizonDays: horizon,
            trainer: ChurnTrainer(inverseRegularization: try query.double("c", default: 1, in: 1e-6...1e6), horizonDays: horizon), now: clock.now())
        return JSONResource(ModelSummary(stored))
    }

    /// `GET /api/v1/risk/activation?days=30&horizon_days=180`: early-usage thresholds, best first.
    @Sendable func activation(_ request: Request, context: TenureRequestContext) async throws -> JSONResource<ActivationResource> {
        let query = try QueryReader(request, allowed: ["days", "horizon_days"])
        let days = try query.int("days", default: 30, in: 1...365), horizon = try query.int("horizon_days", default: 180, in: 1...730)
        let found = try await ChurnEngine(store: store).activationThresholds(days: days, horizonDays: horizon, now: clock.now())
        return JSONResource(ActivationResource(days: days, horizonDays: horizon, accounts: found.accounts, data: found.thresholds))
    }

    /// `GET /api/v1/risk/survival?by=segment`: Kaplan–Meier curves of customer lifetimes with 95 % bands.
    @Sendable func survival(_ request: Request, context: TenureRequestContext) async throws -> JSONResource<[String: [SurvivalCurveResource]]> {
        let query = try QueryReader(request, allowed: ["by"])
        let curves = try await ChurnEngine(store: store).survivalCurves(by: try query.enumeration("by", as: Breakdown.self), now: clock.now())
        return JSONResource(["data": curves.map {
            SurvivalCurveResource(group: $0.group, medianDays: $0.estimate.medianSurvivalTime, rows: $0.estimate.rows)
        }])
    }
}

/// What a prediction is worth: the model's version, horizon and held-out backtest figures.
struct ModelSummary: Encodable, Sendable {
    var version: Int
    var trainedAt: Date
    var horizonDays: Int
    var rocAuc: Double
    var prAuc: Double
    var brierScore: Double
    var topDecileLift: Double
    var concordance: Double?
    var testCutoffs: [Date]

    init(_ stored: StoredChurnModel) {
        version = stored.version
        trainedAt = stored.trainedAt
        horizonDays = stored.report.horizonDays
        rocAuc = stored.report.rocAUC
        prAuc = stored.report.prAUC
        brierScore = stored.report.brierScore
        topDecileLift = stored.report.topDecileLift
        concordance = stored.report.concordance
        testCutoffs = stored.report.testCutoffs
    }
}

/// A page of the at-risk list with the model beside it.
struct RiskListResource: ResponseEncodable {
    var model: ModelSummary
    var page: PageResource<RiskEntry>

    private enum Keys: String, CodingKey { case model }

    func encode(to encoder: any Encoder) throws {
        try page.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(model, forKey: .model)
    }
}

/// One account's prediction with the model it came from.
struct AccountRiskResource: Encodable, Sendable {
    var model: ModelSummary
    var prediction: ChurnPrediction
}

/// Activation thresholds with the window they were found over.
struct ActivationResource: Encodable, Sendable {
    var days: Int
    var horizonDays: Int
    var accounts: Int
    var data: [ActivationThreshold]
}

/// One Kaplan–Meier curve.
struct SurvivalCurveResource: Encodable, Sendable {
    var group: String
    var medianDays: Double?
    var rows: [KaplanMeierEstimate.Row]
}
