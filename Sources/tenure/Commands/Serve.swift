import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus
import TenureServer
import TenureStore

extension Tenure {
    /// `tenure serve`: runs the HTTP server (API, health checks).
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the Tenure server: the dashboard, the JSON API under /api/v1, /healthz, /readyz and /prometheus.",
            discussion: """
                API routes need an API key (`tenure keys create`), sent as `Authorization: Bearer tnr_…`. \
                Stop with Ctrl-C; in-flight requests finish first.

                Every setting is read from its flag, else its environment variable, else the configuration \
                file (--config, TENURE_CONFIG or ./tenure.yaml; keys and defaults in deploy/tenure.yaml), else its \
                default. The metrics token (TENURE_METRICS_TOKEN or metrics_token) has no flag: when set, \
                GET /prometheus needs it as a bearer token. Log lines go to standard error, each line of a \
                request with its hb.request.id.

                Example:
                  tenure serve --database sqlite:tenure.sqlite --port 8080
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var server: ServerOptions

        func run() async throws {
            try await database.withStore { store in
                try await server.run(store: store, file: database.configuration()) { url in
                    print("Tenure is serving \(database.url()) at \(url)")
                }
            }
        }
    }
}

/// The server's settings, shared by `serve` and `demo`: each from its flag, else its environment
/// variable, else the configuration file, else its default.
struct ServerOptions: ParsableArguments {
    @Option(help: "Address to listen on; 0.0.0.0 to accept connections from other machines (TENURE_HOST; default 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on; 0 picks a free one (TENURE_PORT; default 8080).")
    var port: Int?

    @Option(help: ArgumentHelp(
        "Signing secret of the Stripe webhook endpoint (whsec_…), to accept POST /webhooks/stripe.",
        discussion: """
            Prefer the TENURE_STRIPE_WEBHOOK_SECRET environment variable or the configuration file: a flag's value is \
            visible to every user of the machine (ps); without any the endpoint answers 503.
            """))
    var stripeWebhookSecret: String?

    @Flag(help: "Serve web requests only and leave the recurring jobs to `tenure worker` or other nodes (TENURE_JOBS=false; default: run them).")
    var noJobs = false

    @OptionGroup var jobs: JobOptions
    @OptionGroup var log: LogOptions

    func validate() throws {
        if let port, !(0...65_535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
    }

    /// Serves `store` with the settings resolved against `file` until interrupted; `announce` gets the base URL once listening.
    func run(store: any Store, file: ConfigurationFile, announce: @escaping @Sendable (String) -> Void) async throws {
        let host = host ?? file.host
        let port = try port ?? file.port(.port) ?? 8080
        try log.bootstrap(file)
        let metrics = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics))
        if stripeWebhookSecret != nil {
            FileHandle.standardError.write(Data(
                "Warning: --stripe-webhook-secret shows the secret to every user of this machine (ps); set TENURE_STRIPE_WEBHOOK_SECRET instead.\n".utf8))
        }
        var configuration = ServerConfiguration(
            host: host, port: port,
            stripeWebhookSecret: stripeWebhookSecret ?? file.value(.stripeWebhookSecret)?.text,
            healthInterval: try jobs.healthInterval(file),
            runsJobs: try !noJobs && (file.value(.jobs, expected: "true or false") { Bool($0) } ?? true),
            clock: .command, metrics: metrics, metricsToken: file.value(.metricsToken)?.text)
        configuration.jobLease = TimeInterval(jobs.jobLease)
        configuration.notify = try file.notify(defaultPublicURL: "http://\(host == "0.0.0.0" ? "localhost" : host):\(port)")
        configuration.playbooks = try file.playbooks()
        let app = buildApplication(store: store, configuration: configuration, logger: Logger(label: "tenure")) { port in
            announce("http://\(host == "0.0.0.0" ? "localhost" : host):\(port)")
            fflush(nil)
        }
        try await app.runService()
    }
}
