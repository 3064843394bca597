import Foundation
import Hummingbird
import Logging
import TenureIngest
import TenureStore

/// Where and how the server listens.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Signing secret of the Stripe webhook endpoint (`whsec_…`); webhooks are refused without it.
    public var stripeWebhookSecret: String?
    /// How often the server checks whether health scores are stale and recomputes them; zero turns the schedule off.
    public var healthInterval: Duration

    public init(host: String = "127.0.0.1", port: Int = 8080, stripeWebhookSecret: String? = nil,
                healthInterval: Duration = .seconds(900)) {
        self.host = host
        self.port = port
        self.stripeWebhookSecret = stripeWebhookSecret
        self.healthInterval = healthInterval
    }
}

/// Builds the router with every route Tenure serves over `store`.
/// `scheduler` serialises health recomputes (pass the one the application runs as a service).
public func buildRouter(store: any Store, configuration: ServerConfiguration = ServerConfiguration(),
                        scheduler: HealthScheduler? = nil) -> Router<TenureRequestContext> {
    let router = Router(context: TenureRequestContext.self)
    router.add(middleware: ErrorEnvelopeMiddleware())
    HealthController(store: store).register(on: router)
    StripeWebhookController(
        ingestor: StripeIngestor(store: store, clock: configuration.clock),
        signature: configuration.stripeWebhookSecret.map { StripeSignature(secret: $0) }, clock: configuration.clock
    ).register(on: router)
    TrackingController(store: store, ingestor: SegmentIngestor(store: store)).register(on: router)
    let api = router.group("api/v1").add(middleware: APIKeyAuthenticator(store: store))
    AccountsController(store: store).register(on: api.group("accounts"))
    KeysController(store: store).register(on: api.group("keys"))
    StripeEventsController(store: store).register(on: api.group("stripe/events"))
    DirectoryController(store: store).register(on: api)
    let cache = MetricsCache(store: store)
    MetricsController(store: store, cache: cache).register(on: api.group("metrics"))
    ConfigController(store: store).register(on: api.group("config"))
    let scheduler = scheduler ?? HealthScheduler(store: store)
    HealthScoresController(store: store, scheduler: scheduler).register(on: api.group("health"))
    SegmentsController(store: store, scheduler: scheduler).register(on: api.group("segments"))
    RiskController(store: store).register(on: api.group("risk"))

    DashboardController(store: store, cache: cache, insights: HealthRiskSource(store: store))
        .register(on: router, signIn: SignInController(store: store, throttle: SignInThrottle()))
    return router
}

/// Builds the Tenure HTTP application: the router on the configured address.
/// `onRunning` receives the port actually bound (useful with port 0).
public func buildApplication(
    store: any Store, configuration: ServerConfiguration, logger: Logger = Logger(label: "tenure"),
    onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let scheduler = HealthScheduler(store: store, interval: configuration.healthInterval)
    var app = Application(
        router: buildRouter(store: store, configuration: configuration, scheduler: scheduler),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Tenure"),
        onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger)
    if configuration.healthInterval > .zero { app.addServices(scheduler) }
    return app
}
