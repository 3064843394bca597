import ArgumentParser
import Foundation
import Logging
import Metrics
import Prometheus
import TenureCore
import TenureServer

extension Tenure {
    /// `tenure worker`: runs the recurring jobs without serving HTTP.
    struct Worker: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run Tenure's recurring jobs (health scores and churn predictions, renewal notices, the daily digest, playbooks) and deliver notifications, without serving web requests.",
            discussion: """
                Each due run of a job is claimed by exactly one process among every `tenure serve` and `tenure worker` \
                on the same database, and kept alive by heartbeats; if that process dies, another takes the run over \
                when its lease lapses (60 s). Run web nodes with `tenure serve --no-jobs` and one or more workers, or \
                let every server run jobs too. `tenure jobs` shows the schedule and the runs.

                Every worker (and every server that runs jobs) also delivers notifications to the endpoints of \
                `tenure notify`: deliveries are claimed under a lease too, so each is attempted by one node at a time. \
                The notification and task settings (secret_key, smtp_url, mail_from, public_url, outbound_allow, digest_hour, \
                digest_timezone, business_calendar, task_escalation) are read like the server's; see deploy/tenure.yaml.

                With --metrics-port (or worker_metrics_port), the worker also answers GET /healthz, /readyz and \
                /prometheus on that port, at the `host` setting's address: job runs and durations, and notification \
                deliveries, counted where they happen. metrics_token guards /prometheus as on the server.

                Example:
                  tenure worker --database postgres://tenure@db/tenure --health-interval 600 --metrics-port 9464
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var jobs: JobOptions
        @OptionGroup var log: LogOptions

        @Option(help: "Serve /healthz, /readyz and /prometheus on this port; 0 picks a free one (TENURE_WORKER_METRICS_PORT; default: none).")
        var metricsPort: Int?

        func validate() throws {
            if let metricsPort, !(0...65_535).contains(metricsPort) { throw ValidationError("--metrics-port must be between 0 and 65535") }
        }

        func run() async throws {
            try await database.withStore { store in
                let file = try database.configuration()
                try log.bootstrap(file)
                var configuration = ServerConfiguration(healthInterval: try jobs.healthInterval(file), clock: .command)
                configuration.jobLease = TimeInterval(jobs.jobLease)
                configuration.notify = try file.notify(defaultPublicURL: Self.serverURL(file))
                configuration.playbooks = try file.playbooks()
                if let port = try metricsPort ?? file.port(.workerMetricsPort) {
                    let registry = PrometheusCollectorRegistry()
                    MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
                    configuration.metrics = registry
                    configuration.metricsToken = file.value(.metricsToken)?.text
                    configuration.host = file.host
                    configuration.port = port
                }
                let host = configuration.host
                try await runWorker(store: store, configuration: configuration, logger: Logger(label: "tenure")) { port in
                    print("Worker metrics at http://\(host):\(port)/prometheus")
                    fflush(nil)
                }
            }
        }

        /// Where the servers sharing this configuration listen, for links when `public_url` is not set.
        static func serverURL(_ file: ConfigurationFile) -> String {
            let host = file.host
            return "http://\(host == "0.0.0.0" ? "localhost" : host):\(file.value(.port)?.text ?? "8080")"
        }
    }

    /// `tenure jobs`: the recurring jobs' schedule and recent runs.
    struct Jobs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the recurring jobs: when each is next due, who holds it, and the latest runs.",
            discussion: "A run with attempts above 1 was taken over from a node that died or lost its lease.")

        @Option(help: "Show runs of this job only.")
        var job: String?

        @Option(help: "How many runs to show (1 to 1000).")
        var limit = 20

        @Option(help: "Output format: table, json or csv.")
        var format: OutputFormat = .table

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard (1...1_000).contains(limit) else { throw ValidationError("--limit must be between 1 and 1000") }
        }

        func run() async throws {
            let (schedules, runs) = try await database.withStore { store in
                (try await store.jobSchedules(), try await store.jobRuns(job: job, limit: limit))
            }
            if format == .table {
                let jobs = schedules.map { [$0.name, "\(Int($0.interval)) s", JSONCoding.format($0.nextRunAt), $0.leaseOwner ?? ""] }
                print(TextTable(columns: ["job", "every", "next_run_at", "held_by"], rows: jobs).render(.table))
                print("")
            }
            let rows = runs.map { run in
                [run.job, JSONCoding.format(run.dueAt), run.status.rawValue, String(run.attempts), run.node, JSONCoding.format(run.startedAt),
                 run.finishedAt.map(JSONCoding.format) ?? "", run.detail]
            }
            print(TextTable(columns: ["job", "due_at", "status", "attempts", "node", "started_at", "finished_at", "detail"], rows: rows).render(format))
        }
    }
}
