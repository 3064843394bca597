import Foundation
import Testing
import TenureCore
import TenureTestSupport
@testable import TenureStore

/// ``SQLQuery`` binds every interpolated value, numbers placeholders per dialect, and rows read by column name.
@Suite("SQL queries")
struct SQLQueryTests {
    static let hostile = ["'; DROP TABLE accounts; --", "$1", "?", "it's $2 'quoted' ?1", "\\", "%_"]

    @Test("values are bound in order and numbered $n for PostgreSQL, ?n for SQLite")
    func bindsInOrder() {
        let query: SQLQuery = "SELECT id FROM accounts WHERE segment = \(bind: "smb") AND mrr > \(bind: 100) AND created_at < \(bind: Date(timeIntervalSince1970: 1))"
        #expect(query.binds == [.text("smb"), .integer(100), .integer(1000)])
        #expect(query.sql(for: .postgres) == "SELECT id FROM accounts WHERE segment = $1 AND mrr > $2 AND created_at < $3")
        #expect(query.sql(for: .sqlite) == "SELECT id FROM accounts WHERE segment = ?1 AND mrr > ?2 AND created_at < ?3")
    }

    @Test("fragments keep their binds and are numbered where they land")
    func fragments() {
        let conditions: [SQLQuery] = ["segment = \(bind: "smb")", "owner_id IS NULL", "lifecycle_stage = \(bind: LifecycleStage.valueRealization)"]
        var query: SQLQuery = "SELECT \(unsafeRaw: "id, name") FROM accounts \(conditions.whereClause)"
        query.append(" LIMIT \(bind: 50)")
        #expect(query.sql(for: .postgres) == "SELECT id, name FROM accounts WHERE segment = $1 AND owner_id IS NULL AND lifecycle_stage = $2 LIMIT $3")
        #expect(query.binds == [.text("smb"), .text("value_realization"), .integer(50)])
        #expect(([] as [SQLQuery]).whereClause.sql(for: .sqlite) == "")
        let values: SQLQuery = "VALUES \(bindRows: [[SQLValue.text("a"), .integer(1)], [.text("b"), .null]])"
        #expect(values.sql(for: .postgres) == "VALUES ($1, $2), ($3, $4)")
        #expect(values.binds == [.text("a"), .integer(1), .text("b"), .null])
    }

    @Test("a value that looks like SQL or a placeholder is never SQL text", arguments: Self.hostile)
    func hostileText(value: String) {
        let query: SQLQuery = "SELECT '$1 ?' AS literal FROM settings WHERE value = \(bind: value)"
        #expect(query.binds == [.text(value)])
        #expect(query.sql(for: .postgres) == "SELECT '$1 ?' AS literal FROM settings WHERE value = $1")
        #expect(query.sql(for: .sqlite) == "SELECT '$1 ?' AS literal FROM settings WHERE value = ?1")
    }

    @Test("values that look like SQL are stored and matched as data, and $ inside quotes stays text", arguments: Backend.allCases)
    func hostileValuesRoundTrip(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            let database = (store as! SQLStore).database
            try await database.write { connection in
                for (index, value) in Self.hostile.enumerated() {
                    try await connection.run("INSERT INTO settings (key, value) VALUES (\(bind: "k\(index)"), \(bind: value))")
                }
            }
            for (index, value) in Self.hostile.enumerated() {
                let rows = try await database.read(
                    "SELECT key, value, '$1 ?' AS literal FROM settings WHERE value = \(bind: value) AND key = \(bind: "k\(index)")")
                #expect(rows.count == 1)
                #expect(try rows.first?["value"] == value)
                #expect(try rows.first?["literal"] == "$1 ?")
            }
            #expect(try await store.accounts(AccountQuery(search: "'; DROP TABLE accounts; --")).total == 0)
            #expect(try await database.read("SELECT COUNT(*) AS total FROM accounts")[0]["total"] == 0)
        }
    }

    @Test("an IN list binds each value; an empty one is IN (NULL) and matches nothing", arguments: Backend.allCases)
    func inLists(backend: Backend) async throws {
        #expect(SQLQuery("key IN (\(bindEach: [String]()))").sql(for: .postgres) == "key IN (NULL)")
        #expect(SQLQuery("key IN (\(bindEach: ["a"]))").sql(for: .sqlite) == "key IN (?1)")
        #expect(SQLQuery("key IN (\(bindEach: ["a", "b", "c"]))").sql(for: .postgres) == "key IN ($1, $2, $3)")
        try await TestDatabases.withStore(backend) { store in
            for key in ["a", "b", "c", "d"] { try await store.setSetting(key, to: key.uppercased()) }
            let database = (store as! SQLStore).database
            for keys in [[], ["b"], ["a", "c", "d", "$1"]] {
                let rows = try await database.read("SELECT key FROM settings WHERE key IN (\(bindEach: keys)) ORDER BY key")
                #expect(try rows.map { row -> String in try row["key"] } == keys.filter { $0 != "$1" }.sorted())
            }
        }
    }

    @Test("rows are read by column name; a missing column or a value of the wrong shape is named", arguments: Backend.allCases)
    func decodingByName(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await store.setSetting("k", to: "v")
            let database = (store as! SQLStore).database
            let row = try #require(try await database.read("SELECT value, key, 42 AS answer FROM settings").first)
            #expect(try row["key"] == "k")
            #expect(try row["value"] == "v")
            #expect(try row["answer"] == 42)
            #expect(try row["answer"] == Optional(Int64(42)))
            let missing = #expect(throws: StoreError.self) { let _: Int64 = try row["mrr"] }
            #expect(missing?.code == .corrupt)
            #expect(missing?.message.contains("mrr") == true)
            #expect(missing?.message.contains("value, key, answer") == true)
            let wrongShape = #expect(throws: StoreError.self) { let _: Int64 = try row["value"] }
            #expect(wrongShape?.message.contains("column value") == true)
        }
    }
}
