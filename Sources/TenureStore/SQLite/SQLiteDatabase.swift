import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLiteNIO
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SQLite backend: one file, one writer connection and a few reader
/// connections in WAL mode so reads never wait for a long write.
public final class SQLiteDatabase: SQLDatabase {
    public let dialect = SQLDialect.sqlite
    private let writer: SQLiteConnection
    private let writeLock = AsyncLock()
    private let readers: [(connection: SQLiteConnection, lock: AsyncLock)]
    private let nextReader = ManagedCounter()

    /// Opens (creating if needed) the database file at `path`, or an in-memory database when `path` is `nil`,
    /// runs `body` with it and closes it, whether `body` returns or throws.
    static func with<T>(path: String?, _ body: (any SQLDatabase) async throws -> T) async throws -> T {
        let database = try await open(path: path)
        do {
            let result = try await body(database)
            try await database.close()
            return result
        } catch {
            try? await database.close()
            throw error
        }
    }

    private static func open(path: String?, readers readerCount: Int = 2) async throws -> SQLiteDatabase {
        if let path { try createPrivately(path) }
        let storage: SQLiteConnection.Storage = path.map { .file(path: $0) } ?? .memory
        let writer = try await openConnection(storage)
        try await run(writer, "PRAGMA journal_mode = WAL")
        try await run(writer, "PRAGMA busy_timeout = 0")
        var readers: [(SQLiteConnection, AsyncLock)] = []
        if path != nil {
            for _ in 0..<readerCount { readers.append((try await openConnection(storage), AsyncLock())) }
        }
        return SQLiteDatabase(writer: writer, readers: readers)
    }

    private init(writer: SQLiteConnection, readers: [(SQLiteConnection, AsyncLock)]) {
        self.writer = writer
        self.readers = readers.map { (connection: $0.0, lock: $0.1) }
    }

    private static func openConnection(_ storage: SQLiteConnection.Storage) async throws -> SQLiteConnection {
        let connection = try await SQLiteConnection.open(storage: storage, logger: Logger(label: "tenure.sqlite"))
        for pragma: SQLQuery in ["PRAGMA busy_timeout = 10000", "PRAGMA foreign_keys = ON", "PRAGMA synchronous = NORMAL"] {
            try await run(connection, pragma)
        }
        return connection
    }

    public func read(_ query: SQLQuery) async throws -> [SQLRow] {
        guard !readers.isEmpty else {
            return try await writeLock.withLock { try await Self.run(self.writer, query) }
        }
        let reader = readers[nextReader.next() % readers.count]
        return try await reader.lock.withLock { try await Self.run(reader.connection, query) }
    }

    @discardableResult
    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) async throws -> T) async throws -> T {
        try await writeLock.withLock {
            let connection = Connection(raw: self.writer)
            try await Self.begin(self.writer)
            do {
                let result = try await body(connection)
                try await connection.run("COMMIT")
                return result
            } catch {
                _ = try? await connection.run("ROLLBACK")
                throw error
            }
        }
    }

    /// Starts a write transaction, waiting while another process holds the file's write lock.
    ///
    /// The writer has no busy timeout of its own: this SQLite build's busy handler sleeps whole seconds
    /// between tries, so a waiting writer lost every race to a busy one and failed after its timeout.
    /// Short randomised pauses (1 to 50 ms) let it in as soon as the lock is free, for up to 30 s.
    private static func begin(_ writer: SQLiteConnection) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        var pause = 1
        while true {
            do {
                try await writer.query("BEGIN IMMEDIATE", [])
                return
            } catch let error as SQLiteError where [.busy, .busyTimeout, .locked].contains(error.reason) && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(Int.random(in: 1...pause)))
                pause = min(pause * 2, 50)
            } catch let error as SQLiteError {
                throw storeError(error)
            }
        }
    }

    private func close() async throws {
        try await writeLock.withLock { try await self.writer.close() }
        for reader in readers { try await reader.lock.withLock { try await reader.connection.close() } }
    }

    private struct Connection: SQLConnection {
        let raw: SQLiteConnection
        @discardableResult
        func run(_ query: SQLQuery) async throws -> [SQLRow] {
            try await SQLiteDatabase.run(raw, query)
        }
    }

    @discardableResult
    static func run(_ connection: SQLiteConnection, _ query: SQLQuery) async throws -> [SQLRow] {
        let collector = RowCollector()
        do {
            try await connection.query(query.sql(for: .sqlite), query.binds.map(\.sqliteData)) { row in
                collector.append(row)
            }
        } catch let error as SQLiteError {
            throw SQLiteDatabase.storeError(error)
        }
        return collector.rows
    }

    static func storeError(_ error: SQLiteError) -> any Error {
        switch error.reason {
        case .constraintUniqueFailed, .constraintPrimaryKeyFailed, .constraint:
            return StoreError(.conflict, error.message)
        case .constraintForeignKeyFailed:
            return StoreError(.missingReference, error.message)
        case .constraintNotNullFailed, .constraintCheckFailed:
            return StoreError(.invalidValue, error.message)
        case .busy, .busyTimeout, .locked, .cantOpen, .readOnly, .full, .ioError:
            return StoreError(.unavailable, "sqlite: \(error.message)")
        default:
            return StoreError(.statementFailed, "sqlite: \(error.message)")
        }
    }
}

/// Creates the SQLite file at `path` (and its directory) readable by its owner only, unless it exists;
/// SQLite gives the -wal and -shm files it adds the same permissions.
private func createPrivately(_ path: String) throws {
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
    if descriptor >= 0 {
        close(descriptor)
    } else if errno != EEXIST {
        throw StoreError(.configuration, "cannot create the SQLite file \(path): \(String(cString: strerror(errno)))")
    }
}

/// Rows gathered by sqlite-nio's per-row callback (always on one thread, in order), sharing one set of column names.
private final class RowCollector: @unchecked Sendable {
    var rows: [SQLRow] = []
    private var columns: SQLColumns?

    func append(_ row: SQLiteRow) {
        let columns = columns ?? SQLColumns(row.columns.map(\.name))
        self.columns = columns
        rows.append(SQLRow(row.columns.map { SQLValue($0.data) }, columns: columns))
    }
}

/// A thread-safe increasing counter for round-robin choices.
final class ManagedCounter: Sendable {
    private let value = Atomic<Int>(0)

    func next() -> Int {
        value.wrappingAdd(1, ordering: .relaxed).newValue & Int.max
    }
}

extension SQLValue {
    init(_ data: SQLiteData) {
        switch data {
        case .integer(let value): self = .integer(Int64(value))
        case .float(let value): self = .real(value)
        case .text(let value): self = .text(value)
        case .blob(let buffer): self = .text(String(buffer: buffer))
        case .null: self = .null
        }
    }

    var sqliteData: SQLiteData {
        switch self {
        case .null: .null
        case .integer(let value): .integer(Int(value))
        case .real(let value): .float(value)
        case .text(let value): .text(value)
        }
    }
}
