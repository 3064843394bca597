import ArgumentParser
import Foundation
import Hummingbird
import Logging
import TenureServer
import TenureStore

extension Tenure {
    /// `tenure serve`: runs the HTTP server (API, health checks).
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the Tenure server: the JSON API under /api/v1 plus /healthz and /readyz.",
            discussion: """
                API routes need an API key (`tenure keys create`), sent as `Authorization: Bearer tnr_…`.
                Stop with Ctrl-C; in-flight requests finish first.

                Example:
                  tenure serve --database sqlite:tenure.sqlite --port 8080
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var server: ServerOptions

        func run() async throws {
            try await database.withStore { store in
                try await server.run(store: store) { url in
                    print("Tenure is serving \(database.url()) at \(url)")
                }
            }
        }
    }
}

/// `--host` and `--port`, shared by `serve` and `demo`.
struct ServerOptions: ParsableArguments {
    @Option(help: "Address to listen on; 0.0.0.0 to accept connections from other machines.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks a free one.")
    var port = 8080

    @Option(help: ArgumentHelp(
        "Signing secret of the Stripe webhook endpoint (whsec_…), to accept POST /webhooks/stripe.",
        discussion: """
            Prefer the TENURE_STRIPE_WEBHOOK_SECRET environment variable: a flag's value is visible to every user \
            of the machine (ps); without either the endpoint answers 503.
            """))
    var stripeWebhookSecret: String?

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    /// Serves `store` until interrupted; `announce` gets the base URL once listening.
    func run(store: any Store, announce: @escaping @Sendable (String) -> Void) async throws {
        var logger = Logger(label: "tenure")
        logger.logLevel = .notice
        if stripeWebhookSecret != nil {
            FileHandle.standardError.write(Data(
                "Warning: --stripe-webhook-secret shows the secret to every user of this machine (ps); set TENURE_STRIPE_WEBHOOK_SECRET instead.\n".utf8))
        }
        let host = self.host
        let app = buildApplication(
            store: store,
            configuration: ServerConfiguration(
                host: host, port: port,
                stripeWebhookSecret: stripeWebhookSecret ?? ProcessInfo.processInfo.environment["TENURE_STRIPE_WEBHOOK_SECRET"],
                clock: .command),
            logger: logger
        ) { port in
            announce("http://\(host == "0.0.0.0" ? "localhost" : host):\(port)")
            fflush(nil)
        }
        try await app.runService()
    }
}
