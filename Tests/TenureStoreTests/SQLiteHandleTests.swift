import Foundation
import Testing
@testable import TenureStore

@Suite("SQLite connection with kept statements")
struct SQLiteHandleTests {
    @Test("a kept statement runs again with new binds, after eviction, and sees a column added since it was compiled")
    func keptStatements() throws {
        let handle = try SQLiteHandle(path: nil)
        defer { handle.close() }
        _ = try handle.run("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)", [])
        var none: [SQLRow] = []
        try handle.run("INSERT INTO t (id, name) VALUES (?1, ?2)", forEachOf: [[.integer(1), .text("one")], [.integer(2), .null]], into: &none)
        #expect(none.isEmpty)
        #expect(try handle.run("SELECT name FROM t WHERE id = ?1", [.integer(1)]).map(\.values) == [[.text("one")]])
        #expect(try handle.run("SELECT name FROM t WHERE id = ?1", [.integer(2)]).map(\.values) == [[.null]])
        // More distinct statements than are kept: the first is compiled again when it comes back.
        for offset in 0..<(SQLiteHandle.cachedStatements + 5) {
            #expect(try handle.run("SELECT \(offset) + ?1", [.integer(1)]).map(\.values) == [[.integer(Int64(offset + 1))]])
        }
        #expect(try handle.run("SELECT name FROM t WHERE id = ?1", [.integer(1)]).map(\.values) == [[.text("one")]])
        let everything = "SELECT * FROM t ORDER BY id"
        #expect(try handle.run(everything, []).first?.values.count == 2)
        _ = try handle.run("ALTER TABLE t ADD COLUMN score REAL", [])
        let rows = try handle.run(everything, [])
        #expect(rows.map(\.values) == [[.integer(1), .text("one"), .null], [.integer(2), .null, .null]])
        #expect(rows.first?.columns.names == ["id", "name", "score"])
    }

    @Test("a failed step leaves the statement usable, and SQLite's codes become store errors")
    func failures() throws {
        let handle = try SQLiteHandle(path: nil)
        defer { handle.close() }
        _ = try handle.run("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)", [])
        let insert = "INSERT INTO t (id, name) VALUES (?1, ?2)"
        _ = try handle.run(insert, [.integer(1), .text("one")])
        let duplicate = #expect(throws: SQLiteFailure.self) { try handle.run(insert, [.integer(1), .text("again")]) }
        #expect((SQLiteDatabase.storeError(try #require(duplicate)) as? StoreError)?.code == .conflict)
        let missing = #expect(throws: SQLiteFailure.self) { try handle.run(insert, [.integer(2), .null]) }
        #expect((SQLiteDatabase.storeError(try #require(missing)) as? StoreError)?.code == .invalidValue)
        _ = try handle.run(insert, [.integer(2), .text("two")])
        #expect(try handle.run("SELECT COUNT(*) AS n FROM t", []).map(\.values) == [[.integer(2)]])
    }
}
