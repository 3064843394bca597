import Foundation
import Logging
import NIOCore
import PostgresNIO

/// PostgreSQL backend: a `PostgresClient` connection pool. The client's
/// `run()` loop is started in a background task when the database opens and
/// cancelled when it closes.
public final class PostgresDatabase: SQLDatabase {
    public let dialect = SQLDialect.postgres
    private let client: PostgresClient
    private let runner: Task<Void, Never>
    private let logger = Logger(label: "tenure.postgres")

    /// Connects to the server named by `configuration` and checks that it answers.
    public static func open(_ configuration: PostgresClient.Configuration) async throws -> PostgresDatabase {
        let client = PostgresClient(configuration: configuration, backgroundLogger: Logger(label: "tenure.postgres.pool"))
        let database = PostgresDatabase(client: client)
        do {
            _ = try await database.read("SELECT 1", [])
        } catch {
            try? await database.close()
            throw error
        }
        return database
    }

    private init(client: PostgresClient) {
        self.client = client
        self.runner = Task { await client.run() }
    }

    public func read(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        do {
            return try await Self.collect(client.query(Self.query(sql, binds), logger: logger))
        } catch {
            throw Self.storeError(error)
        }
    }

    @discardableResult
    public func write<T: Sendable>(_ body: @Sendable (any SQLConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withTransaction(logger: logger) { connection in
                try await body(Connection(raw: connection, logger: logger))
            }
        } catch let error as PostgresTransactionError {
            throw Self.storeError(error.closureError ?? error.beginError ?? error.commitError ?? error)
        } catch {
            throw Self.storeError(error)
        }
    }

    public func close() async throws {
        runner.cancel()
        await runner.value
    }

    private struct Connection: SQLConnection {
        let raw: PostgresConnection
        let logger: Logger
        @discardableResult
        func run(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
            do {
                return try await PostgresDatabase.collect(raw.query(PostgresDatabase.query(sql, binds), logger: logger))
            } catch {
                throw PostgresDatabase.storeError(error)
            }
        }
    }

    static func query(_ sql: String, _ binds: [SQLValue]) -> PostgresQuery {
        var bindings = PostgresBindings(capacity: binds.count)
        for value in binds {
            switch value {
            case .null: bindings.appendNull()
            case .integer(let number): bindings.append(number)
            case .real(let number): bindings.append(number)
            case .text(let text): bindings.append(text)
            }
        }
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }

    static func collect(_ rows: PostgresRowSequence) async throws -> [SQLRow] {
        var result: [SQLRow] = []
        for try await row in rows {
            var values: [SQLValue] = []
            values.reserveCapacity(row.count)
            for cell in row {
                values.append(try SQLValue(cell))
            }
            result.append(SQLRow(values))
        }
        return result
    }

    /// Maps server errors to ``StoreError`` codes where callers can act on them.
    static func storeError(_ error: any Error) -> any Error {
        if error is StoreError || error is CancellationError { return error }
        guard let psql = error as? PSQLError else { return error }
        if let sqlState = psql.serverInfo?[.sqlState] {
            let message = psql.serverInfo?[.message] ?? "postgres error \(sqlState)"
            let detail = psql.serverInfo?[.detail].map { " (\($0))" } ?? ""
            switch sqlState {
            case "23505": return StoreError(.conflict, message + detail)
            case "23503": return StoreError(.missingReference, message + detail)
            default: return StoreError(.unavailable, "postgres \(sqlState): \(message)\(detail)")
            }
        }
        return StoreError(.unavailable, "postgres: \(psql.code)")
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
