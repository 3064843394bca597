import Foundation
import TenureCore

/// Touchpoints: logged with the task their next step makes, in one transaction, and listed newest first.
extension SQLStore {
    public func logTouchpoint(_ touchpoint: Touchpoint, nextTask: SuccessTask?, actor: String, at now: Date) async throws {
        try touchpoint.validate()
        try await database.write { [dialect] connection in
            try await connection.insert([touchpoint], into: Tables.touchpoints, dialect: dialect)
            try await Self.insertTasks(nextTask.map { [$0] } ?? [], actor: actor, at: now, on: connection, dialect: dialect)
            // Health signals read touchpoints.
            try await Self.bumpFactsVersion(on: connection, forAccounts: [touchpoint.accountID])
        }
    }

    public func touchpoint(id: String) async throws -> Touchpoint? {
        try await select(Tables.touchpoints, "WHERE id = \(bind: id)").first
    }

    public func touchpoints(_ query: TouchpointQuery) async throws -> Page<Touchpoint> {
        var conditions: [SQLQuery] = []
        if let account = query.accountID { conditions.append("account_id = \(bind: account)") }
        if let csm = query.csmID { conditions.append("csm_id = \(bind: csm)") }
        if let kind = query.kind { conditions.append("kind = \(bind: kind)") }
        if let since = query.since { conditions.append("occurred_at >= \(bind: since)") }
        return try await page(select: "SELECT \(Tables.touchpoints.columnList())", from: "FROM touchpoints \(conditions.whereClause)",
                              orderBy: "occurred_at DESC, id DESC", limit: query.limit, offset: query.offset, Tables.touchpoints.decode)
    }

    public func contacts(ofAccount accountID: String) async throws -> [Contact] {
        try await select(Tables.contacts, "WHERE account_id = \(bind: accountID) ORDER BY name, id")
    }
}
