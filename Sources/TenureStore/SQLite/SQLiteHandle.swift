import Foundation
import Synchronization
import VaporCSQLite

/// One SQLite connection driven through SQLite's C API, keeping its compiled
/// statements by SQL text: a statement run again (the same single-row insert,
/// the same fixed-size lookup, `BEGIN`/`COMMIT`) is bound and stepped without
/// being parsed and planned again.
///
/// Not thread-safe: ``SQLiteDatabase`` uses each handle behind its own lock and
/// makes every call on NIO's thread pool for blocking work.
final class SQLiteHandle: @unchecked Sendable {
    private var connection: OpaquePointer?
    /// Compiled statements by SQL text, and the texts from least to most recently used.
    private var statements: [String: Statement] = [:]
    private var recency: [String] = []

    /// Most statements kept compiled; the least recently used one is finalized to make room.
    static let cachedStatements = 64

    /// Opens (creating if needed) the database file at `path`, or a private in-memory database when `path` is `nil`.
    init(path: String?) throws {
        Self.initializeOnce()
        let flags = SQLITE_OPEN_CREATE | SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        let code = sqlite_nio_sqlite3_open_v2(path ?? ":memory:", &connection, flags, nil)
        guard code == SQLITE_OK else {
            let failure = SQLiteFailure(code: code, message: "cannot open the SQLite database at \(path ?? ":memory:")")
            sqlite_nio_sqlite3_close_v2(connection)
            connection = nil
            throw failure
        }
    }

    deinit { close() }

    /// Runs one statement with `binds` for its placeholders (`?1`, `?2`, …) and returns the rows it produces.
    func run(_ sql: String, _ binds: [SQLValue]) throws -> [SQLRow] {
        var rows: [SQLRow] = []
        try run(sql, forEachOf: CollectionOfOne(binds), into: &rows)
        return rows
    }

    /// Runs one statement once for each set of binds, like Python's `executemany`, and returns every row produced.
    func run<Rows: Sequence>(_ sql: String, forEachOf bindRows: Rows, into rows: inout [SQLRow]) throws where Rows.Element == [SQLValue] {
        let statement = try prepared(sql)
        let handle = statement.handle
        defer {
            sqlite_nio_sqlite3_reset(handle)
            sqlite_nio_sqlite3_clear_bindings(handle)
        }
        for binds in bindRows {
            try bind(binds, to: handle)
            while true {
                let code = sqlite_nio_sqlite3_step(handle)
                if code == SQLITE_DONE { break }
                guard code == SQLITE_ROW else { throw failure(code) }
                rows.append(row(of: statement))
            }
            sqlite_nio_sqlite3_reset(handle)
        }
    }

    /// Finalizes every statement and closes the connection; nothing may be run afterwards.
    func close() {
        for statement in statements.values { sqlite_nio_sqlite3_finalize(statement.handle) }
        statements = [:]
        recency = []
        if let connection { sqlite_nio_sqlite3_close_v2(connection) }
        connection = nil
    }

    /// A compiled statement and the column names of its results, read once.
    private final class Statement {
        let handle: OpaquePointer
        var columns: SQLColumns?

        init(_ handle: OpaquePointer) { self.handle = handle }
    }

    private func prepared(_ sql: String) throws -> Statement {
        if let statement = statements[sql] {
            if recency.last != sql, let position = recency.lastIndex(of: sql) {
                recency.remove(at: position)
                recency.append(sql)
            }
            return statement
        }
        guard let connection else { throw SQLiteFailure(code: SQLITE_MISUSE, message: "the connection is closed") }
        var handle: OpaquePointer?
        let code = sqlite_nio_sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &handle, nil)
        guard code == SQLITE_OK else { throw failure(code) }
        guard let handle else { throw SQLiteFailure(code: SQLITE_MISUSE, message: "the statement is empty") }
        let statement = Statement(handle)
        if recency.count >= Self.cachedStatements {
            let evicted = recency.removeFirst()
            if let old = statements.removeValue(forKey: evicted) { sqlite_nio_sqlite3_finalize(old.handle) }
        }
        statements[sql] = statement
        recency.append(sql)
        return statement
    }

    private func bind(_ binds: [SQLValue], to handle: OpaquePointer) throws {
        for (offset, value) in binds.enumerated() {
            let position = Int32(offset + 1)
            let code: Int32 = switch value {
            case .null: sqlite_nio_sqlite3_bind_null(handle, position)
            case .integer(let number): sqlite_nio_sqlite3_bind_int64(handle, position, number)
            case .real(let number): sqlite_nio_sqlite3_bind_double(handle, position, number)
            case .text(let text):
                sqlite_nio_sqlite3_bind_text64(handle, position, text, UInt64(text.utf8.count), transient, UInt8(SQLITE_UTF8))
            }
            guard code == SQLITE_OK else { throw failure(code) }
        }
    }

    private func row(of statement: Statement) -> SQLRow {
        let handle = statement.handle
        let count = Int(sqlite_nio_sqlite3_column_count(handle))
        let columns: SQLColumns
        if let known = statement.columns, known.names.count == count {
            columns = known
        } else {
            columns = SQLColumns((0..<count).map { sqlite_nio_sqlite3_column_name(handle, Int32($0)).map { String(cString: $0) } ?? "" })
            statement.columns = columns
        }
        var values: [SQLValue] = []
        values.reserveCapacity(count)
        for column in 0..<Int32(count) {
            switch sqlite_nio_sqlite3_column_type(handle, column) {
            case SQLITE_INTEGER: values.append(.integer(sqlite_nio_sqlite3_column_int64(handle, column)))
            case SQLITE_FLOAT: values.append(.real(sqlite_nio_sqlite3_column_double(handle, column)))
            case SQLITE_NULL: values.append(.null)
            default:
                // Text, and blobs read as UTF-8 text (Tenure stores none).
                let bytes = sqlite_nio_sqlite3_column_blob(handle, column)
                let length = Int(sqlite_nio_sqlite3_column_bytes(handle, column))
                values.append(.text(bytes.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: length), as: UTF8.self) } ?? ""))
            }
        }
        return SQLRow(values, columns: columns)
    }

    private func failure(_ code: Int32) -> SQLiteFailure {
        SQLiteFailure(code: code, message: connection.flatMap { sqlite_nio_sqlite3_errmsg($0).map { String(cString: $0) } } ?? "error \(code)")
    }

    private static let initialized = Mutex(false)

    /// `sqlite3_initialize` once per process, before the first connection (it races with itself otherwise).
    private static func initializeOnce() {
        initialized.withLock { done in
            if !done { sqlite_nio_sqlite3_initialize() }
            done = true
        }
    }
}

/// SQLite's `SQLITE_TRANSIENT`: SQLite copies a bound text before the call returns.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A failed SQLite call: its extended result code and SQLite's message.
struct SQLiteFailure: Error, CustomStringConvertible {
    var code: Int32
    var message: String

    /// The primary result code (`SQLITE_BUSY`, `SQLITE_CONSTRAINT`, …) without the extended detail.
    var primary: Int32 { code & 0xFF }

    var description: String { "sqlite error \(code): \(message)" }
}
