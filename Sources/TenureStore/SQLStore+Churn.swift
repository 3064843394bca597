import Foundation
import TenureCore

extension Tables {
    /// An account's latest prediction: the columns the at-risk list sorts and joins on, the whole prediction as JSON.
    static let churnPredictions = Table<ChurnPrediction>(
        name: "churn_predictions",
        columns: ["account_id", "model_version", "computed_at", "probability", "mrr", "expected_loss", "details"],
        key: ["account_id"],
        encode: { prediction in
            [SQLValue(prediction.accountID), SQLValue(prediction.modelVersion), SQLValue(prediction.computedAt), .real(prediction.probability),
             .integer(prediction.mrr), .integer(prediction.expectedLoss), .json(prediction)]
        },
        decode: { row in try row.json("details") })
}

/// Churn models, predictions and the early usage activation thresholds read.
extension SQLStore {
    public func saveChurnModel(_ stored: StoredChurnModel) async throws -> StoredChurnModel {
        try await database.write { connection in
            let latest: Int = try await connection.run("SELECT COALESCE(MAX(version), 0) AS version FROM churn_models")[0]["version"]
            var saved = stored
            saved.version = latest + 1
            try await connection.run(
                """
                INSERT INTO churn_models (version, trained_at, horizon_days, auc, model, report)
                VALUES (\(bind: saved.version), \(bind: saved.trainedAt), \(bind: saved.model.horizonDays), \(bind: saved.report.rocAUC),
                    \(bind: .json(saved.model)), \(bind: .json(saved.report)))
                """)
            try await Self.bumpDerivedVersion(on: connection)
            return saved
        }
    }

    public func latestChurnModel() async throws -> StoredChurnModel? {
        let rows = try await database.read("SELECT version, trained_at, model, report FROM churn_models ORDER BY version DESC LIMIT 1")
        return try rows.first.map { row in
            StoredChurnModel(version: try row["version"], trainedAt: try row["trained_at"], model: try row.json("model"),
                             report: try row.json("report"))
        }
    }

    public func latestChurnModelVersion() async throws -> Int? {
        try await database.read("SELECT MAX(version) AS version FROM churn_models").first?["version"]
    }

    public func replaceChurnPredictions(_ predictions: [ChurnPrediction], events: [DomainEvent], at now: Date,
                                        accounts range: AccountRange) async throws {
        try await database.write { [dialect] connection in
            try await connection.run("DELETE FROM churn_predictions \(range.conditions(on: "account_id").whereClause)")
            try await connection.upsert(predictions, into: Tables.churnPredictions, dialect: dialect)
            _ = try await Self.appendEvents(events, at: now, on: connection)
            try await Self.bumpDerivedVersion(on: connection)
        }
    }

    public func churnPrediction(accountID: String) async throws -> ChurnPrediction? {
        try await select(Tables.churnPredictions, "WHERE account_id = \(bind: accountID)").first
    }

    public func churnRisks(_ query: RiskQuery) async throws -> Page<RiskEntry> {
        var conditions: [SQLQuery] = []
        if let owner = query.ownerID { conditions.append("a.owner_id = \(bind: owner)") }
        if let segment = query.segment { conditions.append("a.segment = \(bind: segment)") }
        return try await page(
            select: "SELECT a.id, a.name, a.owner_id, a.segment, a.health_score, a.health_colour, p.details",
            from: "FROM churn_predictions p JOIN accounts a ON a.id = p.account_id \(conditions.whereClause)",
            orderBy: "p.expected_loss DESC, p.probability DESC, p.account_id", limit: query.limit, offset: query.offset) { row in
            let score: Double? = try row["health_score"], colour: HealthColour? = try row["health_colour"]
            return RiskEntry(accountID: try row["id"], name: try row["name"], ownerID: try row["owner_id"], segment: try row["segment"],
                             health: score.flatMap { score in colour.map { CurrentHealth(score: score, colour: $0) } },
                             prediction: try row.json("details"))
        }
    }

    public func churnProbabilities(ofAccounts accountIDs: [String]) async throws -> [String: Double] {
        var probabilities: [String: Double] = [:]
        for chunk in accountIDs.chunked(into: 500) {
            for row in try await database.read("SELECT account_id, probability FROM churn_predictions WHERE account_id IN (\(bindEach: chunk))") {
                probabilities[try row["account_id"]] = try row["probability"]
            }
        }
        return probabilities
    }

    public func earlyUsage(days: Int) async throws -> [String: EarlyUsage] {
        let rows = try await database.read(
            """
            SELECT r.account_id, MIN(f.first_day) AS first_day, r.event, SUM(r.count) AS count FROM usage_rollups r JOIN (
                SELECT account_id, MIN(day) AS first_day FROM usage_rollups GROUP BY account_id
            ) f ON f.account_id = r.account_id
            WHERE r.day < f.first_day + \(bind: Int64(days) * 86_400_000) GROUP BY r.account_id, r.event
            """)
        var usage: [String: EarlyUsage] = [:]
        for row in rows {
            let id: String = try row["account_id"], first: Date = try row["first_day"], event: String = try row["event"]
            usage[id, default: EarlyUsage(firstDay: first, counts: [:])].counts[event] = try row["count"]
        }
        return usage
    }
}
