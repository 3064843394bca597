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
        decode: { row in
            _ = (try row.string(), try row.int(), try row.date(), try row.double(), try row.int64(), try row.int64())
            return try row.json()
        })
}

/// Churn models, predictions and the early usage activation thresholds read.
extension SQLStore {
    public func saveChurnModel(_ stored: StoredChurnModel) async throws -> StoredChurnModel {
        try await database.write { connection in
            var reader = RowReader(try await connection.run("SELECT COALESCE(MAX(version), 0) FROM churn_models", [])[0])
            var saved = stored
            saved.version = try reader.int() + 1
            try await connection.run(
                "INSERT INTO churn_models (version, trained_at, horizon_days, auc, model, report) VALUES ($1, $2, $3, $4, $5, $6)",
                [SQLValue(saved.version), SQLValue(saved.trainedAt), SQLValue(saved.model.horizonDays), .real(saved.report.rocAUC),
                 .json(saved.model), .json(saved.report)])
            return saved
        }
    }

    public func latestChurnModel() async throws -> StoredChurnModel? {
        let rows = try await database.read("SELECT version, trained_at, model, report FROM churn_models ORDER BY version DESC LIMIT 1", [])
        return try rows.first.map { row in
            var reader = RowReader(row)
            return StoredChurnModel(version: try reader.int(), trainedAt: try reader.date(), model: try reader.json(), report: try reader.json())
        }
    }

    public func replaceChurnPredictions(_ predictions: [ChurnPrediction]) async throws {
        try await database.write { [dialect] connection in
            try await connection.run("DELETE FROM churn_predictions", [])
            try await connection.upsert(predictions, into: Tables.churnPredictions, dialect: dialect)
        }
    }

    public func churnPrediction(accountID: String) async throws -> ChurnPrediction? {
        try await select(Tables.churnPredictions, "WHERE account_id = $1", [SQLValue(accountID)]).first
    }

    public func churnRisks(_ query: RiskQuery) async throws -> Page<RiskEntry> {
        var conditions: [String] = []
        var binds: [SQLValue] = []
        if let owner = query.ownerID {
            binds.append(SQLValue(owner))
            conditions.append("a.owner_id = $\(binds.count)")
        }
        if let segment = query.segment {
            binds.append(SQLValue(segment))
            conditions.append("a.segment = $\(binds.count)")
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let from = "FROM churn_predictions p JOIN accounts a ON a.id = p.account_id \(filter)"
        var count = RowReader(try await database.read("SELECT COUNT(*) \(from)", binds)[0])
        let total = try count.int()
        let rows = try await database.read(
            """
            SELECT a.id, a.name, a.owner_id, a.segment, a.health_score, a.health_colour, p.details \(from)
            ORDER BY p.expected_loss DESC, p.probability DESC, a.id LIMIT $\(binds.count + 1) OFFSET $\(binds.count + 2)
            """, binds + [SQLValue(query.limit), SQLValue(query.offset)])
        let items = try rows.map { row in
            var reader = RowReader(row)
            let id = try reader.string(), name = try reader.string(), owner = try reader.optionalString(), segment = try reader.optionalString()
            let score = try reader.optionalDouble()
            let colour: HealthColour? = try reader.optionalEnumeration()
            return RiskEntry(accountID: id, name: name, ownerID: owner, segment: segment,
                             health: score.flatMap { score in colour.map { CurrentHealth(score: score, colour: $0) } },
                             prediction: try reader.json())
        }
        return Page(items: items, total: total, limit: query.limit, offset: query.offset)
    }

    public func churnProbabilities(ofAccounts accountIDs: [String]) async throws -> [String: Double] {
        var probabilities: [String: Double] = [:]
        for chunk in accountIDs.chunked(into: 500) {
            let rows = try await database.read(
                "SELECT account_id, probability FROM churn_predictions WHERE account_id IN (\(placeholders(chunk.count)))",
                chunk.map { SQLValue($0) })
            for row in rows {
                var reader = RowReader(row)
                probabilities[try reader.string()] = try reader.double()
            }
        }
        return probabilities
    }

    public func earlyUsage(days: Int) async throws -> [String: EarlyUsage] {
        let rows = try await database.read(
            """
            SELECT r.account_id, MIN(f.first_day), r.event, SUM(r.count) FROM usage_rollups r JOIN (
                SELECT account_id, MIN(day) AS first_day FROM usage_rollups GROUP BY account_id
            ) f ON f.account_id = r.account_id
            WHERE r.day < f.first_day + $1 GROUP BY r.account_id, r.event
            """, [.integer(Int64(days) * 86_400_000)])
        var usage: [String: EarlyUsage] = [:]
        for row in rows {
            var reader = RowReader(row)
            let id = try reader.string(), first = try reader.date(), event = try reader.string()
            usage[id, default: EarlyUsage(firstDay: first, counts: [:])].counts[event] = try reader.int64()
        }
        return usage
    }
}
