import Foundation
import NIOPosix
import Synchronization
import VaporCSQLite
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SQLite backend: one file, one writer connection and a few reader
/// connections in WAL mode so reads never wait for a long write. Each
/// connection keeps its compiled statements (see ``SQLiteHandle``).
public final class SQLiteDatabase: SQLDatabase {
    public let dialect = SQLDialect.sqlite
    private let writer: SQLiteHandle
    private let writeLock = AsyncLock()
    private let readers: [(connection: SQLiteHandle, lock: AsyncLock)]
    private let nextReader = ManagedCounter()
    /// Copies the log back into the file between writes (none for an in-memory database).
    private let checkpointer: SQLiteCheckpointer?

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
        let writer = try await openConnection(path)
        try await run(writer, "PRAGMA journal_mode = WAL")
        // Checkpoints run after writes, on a connection of their own (SQLiteCheckpointer). The writer checkpoints
        // only when the log passes 40 MiB, should those fall behind.
        try await run(writer, "PRAGMA wal_autocheckpoint = 10000")
        try await run(writer, "PRAGMA busy_timeout = 0")
        var readers: [(SQLiteHandle, AsyncLock)] = []
        var checkpointer: SQLiteCheckpointer?
        if path != nil {
            for _ in 0..<readerCount { readers.append((try await openConnection(path), AsyncLock())) }
            checkpointer = SQLiteCheckpointer(connection: try await openConnection(path))
        }
        return SQLiteDatabase(writer: writer, readers: readers, checkpointer: checkpointer)
    }

    private init(writer: SQLiteHandle, readers: [(SQLiteHandle, AsyncLock)], checkpointer: SQLiteCheckpointer?) {
        self.writer = writer
        self.readers = readers.map { (connection: $0.0, lock: $0.1) }
        self.checkpointer = checkpointer
    }

    private static func openConnection(_ path: String?) async throws -> SQLiteHandle {
        let connection = try await onThreadPool { try SQLiteHandle(path: path) }
        // A page cache of up to 64 MiB per connection (SQLite's default is 2 MiB), and statement journals in memory
        // instead of temporary files: large writes (a demo's batch of accounts, a day's health scores) otherwise spill
        // pages into the WAL, read index pages back many times over and write every changed page to a journal file.
        let pragmas: [SQLQuery] = [
            "PRAGMA busy_timeout = 10000", "PRAGMA foreign_keys = ON", "PRAGMA synchronous = NORMAL", "PRAGMA cache_size = -65536",
            "PRAGMA temp_store = MEMORY",
        ]
        for pragma in pragmas {
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
                self.checkpointer?.committed()
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
    private static func begin(_ writer: SQLiteHandle) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        var pause = 1
        while true {
            do {
                _ = try await onThreadPool { try writer.run("BEGIN IMMEDIATE", []) }
                return
            } catch let failure as SQLiteFailure where [SQLITE_BUSY, SQLITE_LOCKED].contains(failure.primary) && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(Int.random(in: 1...pause)))
                pause = min(pause * 2, 50)
            } catch let failure as SQLiteFailure {
                throw storeError(failure)
            }
        }
    }

    private func close() async throws {
        try await checkpointer?.stop()
        try await writeLock.withLock { try await Self.onThreadPool { self.writer.close() } }
        for reader in readers { try await reader.lock.withLock { try await Self.onThreadPool { reader.connection.close() } } }
    }

    private struct Connection: SQLConnection {
        let raw: SQLiteHandle

        @discardableResult
        func run(_ query: SQLQuery) async throws -> [SQLRow] {
            try await SQLiteDatabase.run(raw, query)
        }

        /// One compiled single-row `INSERT` stepped once per row, as Python's `executemany` does: nothing to
        /// compile again, and no statement journal (a multi-row `INSERT` keeps one in case a later row fails).
        func insertRows(_ rows: [[SQLValue]], into table: String, columns: [String], then clause: String) async throws -> [SQLRow] {
            guard let first = rows.first else { return [] }
            let statement: SQLQuery = "\(unsafeRaw: SQLInsert.prefix(table, columns)) (\(bindEach: first)) \(unsafeRaw: clause)"
            let sql = statement.sql(for: .sqlite)
            return try await SQLiteDatabase.onThreadPool {
                var produced: [SQLRow] = []
                do {
                    try raw.run(sql, forEachOf: rows, into: &produced)
                } catch let failure as SQLiteFailure {
                    throw SQLiteDatabase.storeError(failure)
                }
                return produced
            }
        }
    }

    @discardableResult
    static func run(_ connection: SQLiteHandle, _ query: SQLQuery) async throws -> [SQLRow] {
        let sql = query.sql(for: .sqlite)
        let binds = query.binds
        return try await onThreadPool {
            do {
                return try connection.run(sql, binds)
            } catch let failure as SQLiteFailure {
                throw SQLiteDatabase.storeError(failure)
            }
        }
    }

    /// Runs blocking SQLite calls on NIO's thread pool for blocking work, off the concurrency pool's few threads.
    static func onThreadPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(work)
    }

    static func storeError(_ failure: SQLiteFailure) -> any Error {
        // Extended codes (SQLITE_CONSTRAINT_FOREIGNKEY, _NOTNULL, _CHECK): Swift cannot import their macros.
        switch failure.code {
        case SQLITE_CONSTRAINT | 3 << 8:
            return StoreError(.missingReference, failure.message)
        case SQLITE_CONSTRAINT | 5 << 8, SQLITE_CONSTRAINT | 1 << 8:
            return StoreError(.invalidValue, failure.message)
        default:
            break
        }
        switch failure.primary {
        case SQLITE_CONSTRAINT:
            return StoreError(.conflict, failure.message)
        case SQLITE_BUSY, SQLITE_LOCKED, SQLITE_CANTOPEN, SQLITE_READONLY, SQLITE_FULL, SQLITE_IOERR:
            return StoreError(.unavailable, "sqlite: \(failure.message)")
        default:
            return StoreError(.statementFailed, "sqlite: \(failure.message)")
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

/// A thread-safe increasing counter for round-robin choices.
final class ManagedCounter: Sendable {
    private let value = Atomic<Int>(0)

    func next() -> Int {
        value.wrappingAdd(1, ordering: .relaxed).newValue & Int.max
    }
}
