/// One versioned step of the database schema. Migrations run in version
/// order, each inside its own transaction, and are recorded in
/// `schema_migrations` so each runs once per database.
public struct Migration: Sendable {
    /// Strictly increasing version number.
    public var version: Int
    /// What the step does, e.g. `"create core tables"`.
    public var name: String
    /// The step's statements for a dialect.
    public var statements: @Sendable (SQLDialect) -> [String]

    public init(version: Int, name: String, statements: @escaping @Sendable (SQLDialect) -> [String]) {
        self.version = version
        self.name = name
        self.statements = statements
    }

    /// Every migration Tenure knows, oldest first.
    public static let all: [Migration] = [.v1CoreTables, .v2Health, .v3DashboardTables, .v4Churn, .v5Jobs, .v6Notifications, .v7Playbooks,
                                          .v8RiskOrder, .v9AccountFactsVersion,
                                          .v10ContactsBySegmentUser, .v11UsageEventsByPerson]
}
