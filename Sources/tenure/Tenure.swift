import ArgumentParser

/// The `tenure` command: a customer success platform in one binary.
@main
struct Tenure: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenure",
        abstract: "Tenure: self-hosted customer success — revenue metrics, health, churn risk and the work that follows.",
        discussion: """
            Start with `tenure demo`: it builds a realistic demo customer base in a local SQLite file, \
            starts the server and prints its URL and an admin API key.

            Every command that touches data takes --database (or the TENURE_DATABASE_URL environment \
            variable): sqlite:///absolute/path.sqlite, sqlite:relative.sqlite or \
            postgres://user:password@host:5432/database.
            """,
        subcommands: [Demo.self, Generate.self, Serve.self, Migrate.self, Backup.self, Keys.self, Users.self, Report.self, Health.self, Segments.self,
                      Definitions.self, Predict.self, Risk.self, Fit.self, Sync.self, Reprocess.self, Import.self, Worker.self, Jobs.self, Notify.self,
                      Playbooks.self, Tasks.self, Touchpoints.self, CSMs.self])
}
