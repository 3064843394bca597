import Foundation
import Hummingbird
import TenureCore
import TenureEngine
import TenureStore

/// `/api/v1/health…`: current scores with the definition's validated AUC
/// beside them, one account's breakdown and history, alerts, recomputing,
/// backtests and calibration, and the versioned definitions.
struct HealthScoresController {
    let store: any Store
    let clock: WallClock
    let scheduler: HealthScheduler

    func register(on group: RouterGroup<TenureRequestContext>) {
        group.requiring(.viewer).get(use: list)
        group.requiring(.viewer).get("accounts/:id", use: account)
        group.requiring(.viewer).get("alerts", use: alerts)
        group.requiring(.admin).post("recompute", use: recompute)
        group.requiring(.viewer).get("backtest", use: latestBacktest)
        group.requiring(.admin).post("backtest", use: backtest)
        group.requiring(.admin).post("calibrate", use: calibrate)
        let scheduler = self.scheduler
        DefinitionsController(
            store: store, clock: clock, kind: .health,
            check: { source, format in try DefinitionDocument.decode(HealthDefinition.self, from: source, format: format).name },
            activated: { _ = try await scheduler.recompute() }
        ).register(on: group.group("definitions"))
    }

    private var engine: HealthEngine { HealthEngine(store: store) }

    /// The active definition's version and name, and its latest backtest's AUC.
    private func validation() async throws -> HealthValidation {
        let active = try await engine.activeHealthDefinition(at: clock.now())
        let backtest = try await store.latestBacktest(definitionVersion: active.version)
        return HealthValidation(definitionVersion: active.version, definitionName: active.definition.name,
                                validatedAuc: backtest?.report.auc, validatedAt: backtest?.runAt,
                                horizonDays: backtest?.report.horizonDays)
    }

    /// `GET /api/v1/health?colour=red&segment=&owner=&sort=score|-score|mrr|-mrr&limit=&offset=`
    @Sendable func list(_ request: Request, context: TenureRequestContext) async throws -> HealthListResource {
        let query = try QueryReader(request, allowed: ["colour", "segment", "owner", "sort", "limit", "offset"])
        let sorts: [String: (AccountQuery.Sort, Bool)] = [
            "score": (.health, false), "-score": (.health, true), "mrr": (.mrr, false), "-mrr": (.mrr, true),
        ]
        let sortName = try query.string("sort") ?? "score"
        guard let sort = sorts[sortName] else {
            throw APIError.badRequest("must be one of \(sorts.keys.sorted().joined(separator: ", "))", field: "sort")
        }
        let page = try await store.accounts(AccountQuery(
            segment: try query.string("segment"), ownerID: try query.string("owner"), healthColour: try query.enumeration("colour"),
            sort: sort.0, descending: sort.1, limit: try query.int("limit", default: 50, in: 1...AccountQuery.maximumLimit),
            offset: try query.int("offset", default: 0, in: 0...10_000_000)))
        let distribution = try await store.healthDistribution()
        return HealthListResource(
            validation: try await validation(),
            distribution: Dictionary(uniqueKeysWithValues: HealthColour.allCases.map { ($0.rawValue, distribution[$0]?.accounts ?? 0) }),
            page: PageResource(page) { AccountResource($0) })
    }

    /// `GET /api/v1/health/accounts/{id}`: the latest score with every signal's part, history and segment history.
    @Sendable func account(_ request: Request, context: TenureRequestContext) async throws -> JSONResource<AccountHealthResource> {
        let query = try QueryReader(request, allowed: ["days"])
        let days = try query.int("days", default: 180, in: 1...3_650)
        let id = try context.parameters.decoded("id")
        guard let summary = try await store.account(id: id) else { throw APIError.notFound("account '\(id)'") }
        guard let record = try await store.healthRecord(accountID: id) else {
            throw APIError(.notFound, "account '\(id)' has no health score yet: scores cover accounts with a live subscription and are computed by `tenure health recompute` or the server's schedule")
        }
        return JSONResource(AccountHealthResource(
            accountID: id, name: summary.account.name, segment: summary.account.segment, engagementModel: summary.engagementModel,
            day: record.day, computedAt: record.computedAt, definitionVersion: record.definitionVersion, health: record.health,
            validation: try await validation(),
            history: try await store.healthHistory(accountID: id, since: clock.now().adding(days: -Double(days))),
            segmentHistory: try await store.segmentHistory(accountID: id)))
    }

    /// `GET /api/v1/health/alerts?since=2026-05-01&limit=100` (default: the last 30 days).
    @Sendable func alerts(_ request: Request, context: TenureRequestContext) async throws -> JSONResource<[String: [StoredHealthAlert]]> {
        let query = try QueryReader(request, allowed: ["since", "limit"])
        let since = try query.date("since") ?? clock.now().adding(days: -30)
        return JSONResource(["data": try await store.healthAlerts(since: since, limit: try query.int("limit", default: 100, in: 1...1_000))])
    }

    /// `POST /api/v1/health/recompute`: applies segmentation and rescores every live account now.
    @Sendable func recompute(_ request: Request, context: TenureRequestContext) async throws -> JSONResource<HealthRecomputeSummary> {
        _ = try QueryReader(request, allowed: [])
        return JSONResource(try await scheduler.recompute())
    }

    /// `GET /api/v1/health/backtest?version=N`: the latest stored backtest of a version (default: the active one).
    @Sendable func latestBacktest(_ request: Request, context: TenureRequestContext) async throws -> JSONResource<StoredBacktest> {
        let query = try QueryReader(request, allowed: ["version"])
        let version = try query.int("version", default: try await engine.activeHealthDefinition(at: clock.now()).version, in: 1...Int(Int32.max))
        guard let backtest = try await store.latestBacktest(definitionVersion: version) else {
            throw APIError(.notFound, "version \(version) has not been backtested yet: POST /api/v1/health/backtest or run `tenure health validate`")
        }
        return JSONResource(backtest)
    }

    /// `POST /api/v1/health/backtest?version=N&months=12&horizon_days=90`: runs and stores a backtest.
    @Sendable func backtest(_ request: Request, context: TenureRequestContext) async throws -> JSONResource<StoredBacktest> {
        let query = try QueryReader(request, allowed: ["version", "months", "horizon_days"])
        let engine = self.engine
        let version = try query.int("version", default: try await engine.activeHealthDefinition(at: clock.now()).version, in: 1...Int(Int32.max))
        guard let stored = try await store.definition(.health, version: version) else {
            throw APIError.notFound("health definition version \(version)")
        }
        let now = clock.now()
        let report = try await engine.backtest(
            try stored.healthDefinition(), version: version, months: try query.int("months", default: 12, in: 1...60),
            horizonDays: try query.int("horizon_days", default: 90, in: 7...365), now: now)
        return JSONResource(StoredBacktest(definitionVersion: version, runAt: now, report: report))
    }

    /// `POST /api/v1/health/calibrate?months=12&horizon_days=90&c=1`: proposes weights and stores them as a new, inactive version.
    @Sendable func calibrate(_ request: Request, context: TenureRequestContext) async throws -> JSONResource<CalibrationResource> {
        let query = try QueryReader(request, allowed: ["months", "horizon_days", "c"])
        let result = try await engine.calibrate(
            months: try query.int("months", default: 12, in: 3...60), horizonDays: try query.int("horizon_days", default: 90, in: 7...365),
            inverseRegularization: try query.double("c", default: 1, in: 1e-6...1e6), save: true, now: clock.now())
        return JSONResource(CalibrationResource(calibration: result.calibration, proposedVersion: result.version))
    }
}

/// The active definition and how well its latest backtest did.
struct HealthValidation: Encodable, Sendable {
    var definitionVersion: Int
    var definitionName: String
    /// ROC AUC of the latest backtest; `null` until the definition has been backtested.
    var validatedAuc: Double?
    var validatedAt: Date?
    var horizonDays: Int?
}

/// A page of accounts by health, with the distribution and the validation beside them.
struct HealthListResource: ResponseEncodable {
    var validation: HealthValidation
    var distribution: [String: Int]
    var page: PageResource<AccountResource>

    private enum Keys: String, CodingKey { case validation, distribution }

    func encode(to encoder: any Encoder) throws {
        try page.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(validation, forKey: .validation)
        try container.encode(distribution, forKey: .distribution)
    }
}

/// One account's health: the latest breakdown, history and segment history.
struct AccountHealthResource: Encodable, Sendable {
    var accountID: String
    var name: String
    var segment: String?
    var engagementModel: EngagementModel?
    var day: Date
    var computedAt: Date
    var definitionVersion: Int
    var health: HealthScore
    var validation: HealthValidation
    var history: [HealthPoint]
    var segmentHistory: [SegmentChange]
}

/// A calibration and the version its proposal was stored as.
struct CalibrationResource: Encodable, Sendable {
    var calibration: HealthCalibration
    var proposedVersion: Int?
}
