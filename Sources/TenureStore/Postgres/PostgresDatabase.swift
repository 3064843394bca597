import Foundation
import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// PostgreSQL backend: a `PostgresClient` connection pool whose `run()` loop runs for
/// exactly as long as the database is in use, and is stopped when it no longer is.
public final class PostgresDatabase: SQLDatabase {
    public let dialect = SQLDialect.postgres
    private let client: PostgresClient
    private let connectTimeout: Int
    private let logger = Logger(label: "tenure.postgres")

    private init(client: PostgresClient, connectTimeout: Int) {
        self.client = client
        self.connectTimeout = connectTimeout
    }

    /// Runs the pool for `location`, checks the server accepts its credentials, and runs `body` with the database.
    ///
    /// A refused login, a missing database or role, or a server without the TLS that `sslmode=require` asks for
    /// fails at once with PostgreSQL's own message instead of the pool retrying it.
    static func with<T>(_ location: PostgresLocation, _ body: (any SQLDatabase) async throws -> T) async throws -> T {
        let client = PostgresClient(configuration: location.clientConfiguration, backgroundLogger: Logger(label: "tenure.postgres.pool"))
        let database = PostgresDatabase(client: client, connectTimeout: location.connectTimeout)
        let (running, started) = AsyncStream.makeStream(of: Void.self)
        let (closing, closed) = AsyncStream.makeStream(of: Void.self)
        let runner = Task {
            started.finish()
            await client.run()
            closed.finish()
        }
        for await _ in running {}
        do {
            try await checkConnection(to: location)
            let result = try await body(database)
            await stop(runner, closing: closing)
            return result
        } catch {
            await stop(runner, closing: closing)
            throw error
        }
    }

    /// Cancels the pool's run loop and waits for it to close its connections, but at most five seconds:
    /// under load PostgresNIO's pool has been seen to keep retrying a connection after cancellation, and a
    /// command or test must not hang on it.
    private static func stop(_ runner: Task<Void, Never>, closing: AsyncStream<Void>) async {
        runner.cancel()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { for await _ in closing {} }
            group.addTask { try? await Task.sleep(for: .seconds(5)) }
            await group.next()
            group.cancelAll()
        }
    }

    /// Connects once, outside the pool, so that a permanent error surfaces at once.
    private static func checkConnection(to location: PostgresLocation) async throws {
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(
                configuration: location.connectionConfiguration(), id: 0, logger: Logger(label: "tenure.postgres"))
        } catch {
            let code = (storeError(error) as? StoreError)?.code == .unavailable ? StoreError.Code.unavailable : .configuration
            throw StoreError(code, "could not connect to PostgreSQL at \(location.summary): \(PostgresDatabase.reason(error))")
        }
        try? await connection.close()
    }

    public func read(_ query: SQLQuery) async throws -> [SQLRow] {
        try await withConnection { [logger] connection in
            try await Self.collect(connection.query(PostgresQuery(query), logger: logger))
        }
    }

    @discardableResult
    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLConnection) async throws -> T) async throws -> T {
        try await withConnection { [logger] connection in
            do {
                return try await connection.withTransaction(logger: logger) { raw in
                    try await body(Connection(raw: raw, logger: logger))
                }
            } catch let error as PostgresTransactionError {
                throw error.closureError ?? error.beginError ?? error.commitError ?? error
            }
        }
    }

    /// Runs `body` on a pooled connection, waiting at most `connectTimeout` seconds for one.
    ///
    /// The work runs in a task of its own, so that the caller hears "unavailable" at the timeout, or returns
    /// at once when cancelled, even while the pool (retrying a server that refuses connections) or a query on
    /// a connection the server terminated is slow to notice: a task group would wait for it, and a request
    /// or a shutdown would hang.
    private func withConnection<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let leased = LeaseFlag()
        let (client, timeout) = (client, connectTimeout)
        let work = Task {
            try await client.withConnection { connection in
                // The pool may hand over a connection the server has just closed; a query on it can wait forever.
                guard !connection.isClosed else { throw StoreError(.unavailable, "postgres: the server closed the connection") }
                leased.set()
                return try await body(connection)
            }
        }
        let outcome = FirstOutcome<T>()
        do {
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    outcome.attach(continuation)
                    let timer = Task {
                        let started = ContinuousClock.now
                        try await Task.sleep(for: .seconds(timeout))
                        // A timer that wakes much later than asked was starved along with the rest of the process (CPU
                        // load): the lease may be waiting to run too, so it gets a moment before the wait counts as failed.
                        if ContinuousClock.now - started > .seconds(timeout + 1) { try await Task.sleep(for: .seconds(1)) }
                        guard !leased.isSet else { return }
                        work.cancel()
                        outcome.resume(.failure(StoreError(.unavailable, "postgres: no connection to the database within \(timeout) s")))
                    }
                    Task {
                        let result = await work.result
                        timer.cancel()
                        outcome.resume(result)
                    }
                }
            } onCancel: {
                work.cancel()
                outcome.resume(.failure(CancellationError()))
            }
        } catch let error as StoreError {
            throw error
        } catch where !leased.isSet && !(error is CancellationError) {
            throw StoreError(.unavailable, "postgres: \(Self.reason(error))")
        } catch {
            throw Self.storeError(error)
        }
    }

    private struct Connection: SQLConnection {
        let raw: PostgresConnection
        let logger: Logger
        @discardableResult
        func run(_ query: SQLQuery) async throws -> [SQLRow] {
            do {
                return try await PostgresDatabase.collect(raw.query(PostgresQuery(query), logger: logger))
            } catch {
                throw PostgresDatabase.storeError(error)
            }
        }
    }

    static func collect(_ rows: PostgresRowSequence) async throws -> [SQLRow] {
        var result: [SQLRow] = []
        var columns: SQLColumns?
        for try await row in rows {
            var values: [SQLValue] = []
            values.reserveCapacity(row.count)
            for cell in row {
                values.append(try SQLValue(cell))
            }
            let names = columns ?? SQLColumns(row.map(\.columnName))
            columns = names
            result.append(SQLRow(values, columns: names))
        }
        return result
    }
}

/// The first of several racing outcomes, handed to a continuation exactly once, whichever comes first.
private final class FirstOutcome<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, any Error>?
        var first: Result<T, any Error>?
        var delivered = false
    }
    private let state = Mutex(State())

    func attach(_ continuation: CheckedContinuation<T, any Error>) {
        state.withLock { $0.continuation = continuation }
        deliver()
    }

    func resume(_ result: Result<T, any Error>) {
        state.withLock { if $0.first == nil { $0.first = result } }
        deliver()
    }

    private func deliver() {
        let ready = state.withLock { state -> (CheckedContinuation<T, any Error>, Result<T, any Error>)? in
            guard !state.delivered, let continuation = state.continuation, let first = state.first else { return nil }
            state.delivered = true
            return (continuation, first)
        }
        if let (continuation, result) = ready { continuation.resume(with: result) }
    }
}

/// Whether a pooled connection has been handed over yet; set once, from any thread.
private final class LeaseFlag: Sendable {
    private let value = Atomic<Bool>(false)
    var isSet: Bool { value.load(ordering: .acquiring) }
    func set() { value.store(true, ordering: .releasing) }
}

extension PostgresQuery {
    /// `query` with `$n` placeholders and its values bound.
    init(_ query: SQLQuery) {
        var bindings = PostgresBindings(capacity: query.binds.count)
        for value in query.binds {
            switch value {
            case .null: bindings.appendNull()
            case .integer(let number): bindings.append(number)
            case .real(let number): bindings.append(number)
            case .text(let text): bindings.append(text)
            }
        }
        self.init(unsafeSQL: query.sql(for: .postgres), binds: bindings)
    }
}

extension SQLValue {
    init(_ cell: PostgresCell) throws {
        guard cell.bytes != nil else {
            self = .null
            return
        }
        switch cell.dataType {
        case .int2, .int4, .int8: self = .integer(try cell.decode(Int64.self))
        case .float4, .float8: self = .real(try cell.decode(Double.self))
        case .numeric:
            // SUM and AVG of integers come back as numeric: whole values stay exact integers.
            let value = try cell.decode(Decimal.self)
            let number = NSDecimalNumber(decimal: value)
            self = Decimal(number.int64Value) == value ? .integer(number.int64Value) : .real(number.doubleValue)
        case .bool: self = .integer(try cell.decode(Bool.self) ? 1 : 0)
        default: self = .text(try cell.decode(String.self))
        }
    }
}
