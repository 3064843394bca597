import PostgresNIO

extension PostgresDatabase {
    /// Maps a PostgresNIO error to a ``StoreError`` by SQLSTATE class: connection trouble (08), exhausted
    /// resources (53) and a stopping server (57P) are `unavailable`; serialization failures and deadlocks (40)
    /// are `contention`; constraint violations (23) are `conflict`, `missingReference` or `invalidValue`;
    /// refused logins (28, 3D) are `configuration`;
    /// anything else is `statementFailed`, a bug to log. Errors that are not PostgreSQL's pass through.
    static func storeError(_ error: any Error) -> any Error {
        guard let psql = error as? PSQLError else { return error }
        guard let state = psql.serverInfo?[.sqlState] else {
            let permanent: Set<PSQLError.Code> = [.sslUnsupported, .unsupportedAuthMechanism, .authMechanismRequiresPassword, .saslError]
            return StoreError(permanent.contains(psql.code) ? .configuration : .unavailable, "postgres: \(reason(psql))")
        }
        let code: StoreError.Code = switch state {
        case "23505": .conflict
        case "23503": .missingReference
        case _ where state.hasPrefix("23"): .invalidValue
        case _ where state.hasPrefix("40"): .contention
        case _ where ["08", "53", "57P"].contains(where: state.hasPrefix): .unavailable
        case _ where state.hasPrefix("28") || state.hasPrefix("3D"): .configuration
        default: .statementFailed
        }
        let caller: Set<StoreError.Code> = [.conflict, .missingReference, .invalidValue]
        return StoreError(code, caller.contains(code) ? reason(psql) : "postgres \(state): \(reason(psql))")
    }

    /// PostgreSQL's own message (with its detail), or what failed on the way to the server.
    static func reason(_ error: any Error) -> String {
        guard let psql = error as? PSQLError else { return "\(error)" }
        if let message = psql.serverInfo?[.message] {
            return message + (psql.serverInfo?[.detail].map { " (\($0))" } ?? "")
        }
        if psql.code == .sslUnsupported { return "the server does not support TLS, which sslmode=require asks for" }
        return psql.underlying.map { "\($0)" } ?? "\(psql.code)"
    }
}
