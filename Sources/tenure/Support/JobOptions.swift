import ArgumentParser

/// `--health-interval` and `--job-lease`, shared by `serve` and `worker`.
struct JobOptions: ParsableArguments {
    @Option(help: "Seconds a node holds a job run between heartbeats; when it lapses (the node died) another node takes the run over (3 to 3600; default 60).")
    var jobLease = 60

    @Option(help: "Seconds between checks of the health job, which recomputes stale scores and predictions; 0 turns it off (TENURE_HEALTH_INTERVAL; default 900).")
    var healthInterval: Int?

    func validate() throws {
        guard (3...3_600).contains(jobLease) else { throw ValidationError("--job-lease must be between 3 and 3600 seconds") }
        if let healthInterval, !(0...86_400).contains(healthInterval) {
            throw ValidationError("--health-interval must be between 0 and 86400 seconds")
        }
    }

    /// The interval from the flag, else the environment or the configuration file, else 15 minutes.
    func healthInterval(_ file: ConfigurationFile) throws -> Duration {
        let seconds = try healthInterval
            ?? file.value(.healthInterval, expected: "a number of seconds from 0 to 86400") { Int($0).flatMap { (0...86_400).contains($0) ? $0 : nil } }
            ?? 900
        return .seconds(seconds)
    }
}
