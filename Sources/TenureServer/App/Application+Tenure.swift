import Foundation
import Hummingbird
import Logging
import Prometheus
import TenureCore
import TenureEngine
import TenureIngest
import TenureNotify
import TenureStore

/// Where and how the server listens.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Signing secret of the Stripe webhook endpoint (`whsec_…`); webhooks are refused without it.
    public var stripeWebhookSecret: String?
    /// How often the `health` job checks whether scores are stale and recomputes them; zero turns the job off.
    public var healthInterval: Duration
    /// How long a job run's lease lasts between heartbeats.
    public var jobLease: TimeInterval = 60
    /// Whether this process runs the recurring jobs (`tenure serve --no-jobs` leaves them to other nodes or `tenure worker`).
    public var runsJobs: Bool
    /// The time every route takes as now (tests pin it).
    public var clock: WallClock
    /// The registry `GET /prometheus` serves (swift-metrics' backend); without one there is no such route.
    public var metrics: PrometheusCollectorRegistry?
    /// The bearer token `GET /prometheus` requires; without one the route is open.
    public var metricsToken: String?
    /// How notifications are sealed, checked and delivered (secret key, SMTP, public URL, outbound allow-list).
    public var notify: NotifyConfiguration = NotifyConfiguration()
    /// The business calendar task SLAs count in, and the escalation rules of overdue tasks.
    public var playbooks: PlaybookConfiguration = PlaybookConfiguration()

    public init(host: String = "127.0.0.1", port: Int = 8080, stripeWebhookSecret: String? = nil,
                healthInterval: Duration = .seconds(900), runsJobs: Bool = true, clock: WallClock = .system,
                metrics: PrometheusCollectorRegistry? = nil, metricsToken: String? = nil) {
        self.host = host
        self.port = port
        self.stripeWebhookSecret = stripeWebhookSecret
        self.healthInterval = healthInterval
        self.runsJobs = runsJobs
        self.clock = clock
        self.metrics = metrics
        self.metricsToken = metricsToken
    }
}

/// The group of machine-facing routes: they answer JSON (or text) that no browser may sniff, frame or run.
func machineRoutes(of router: Router<TenureRequestContext>) -> RouterGroup<TenureRequestContext> {
    router.group().add(middleware: ContentSecurityMiddleware(contentSecurityPolicy: [.defaultSrc(.none), .frameAncestors(.none)]))
}

/// The routes an operator's tools call, on a server and on a worker's metrics port: `/healthz`, `/readyz`, and
/// `/prometheus` when `configuration` has a metrics registry.
func registerOperations(on machine: RouterGroup<TenureRequestContext>, store: any Store, configuration: ServerConfiguration) {
    HealthController(store: store).register(on: machine)
    if let registry = configuration.metrics {
        PrometheusController(registry: registry, token: configuration.metricsToken).register(on: machine)
    }
}

/// Builds the router with every route Tenure serves over `store`.
/// `scheduler` serialises health recomputes (pass the one the application runs as a service); `warmingCaches`
/// starts building the metrics snapshot at once (a server does; tests leave it to the first request).
public func buildRouter(store: any Store, configuration: ServerConfiguration = ServerConfiguration(),
                        scheduler: HealthScheduler? = nil, warmingCaches: Bool = false) -> Router<TenureRequestContext> {
    let router = Router(context: TenureRequestContext.self)
    let clock = configuration.clock
    // Outermost, so requests are counted and timed with the status the error envelope gives them.
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: LogRequestsMiddleware(.info))
    router.add(middleware: ErrorEnvelopeMiddleware())
    let machine = machineRoutes(of: router)
    registerOperations(on: machine, store: store, configuration: configuration)
    OpenAPIController().register(on: machine)
    StripeWebhookController(
        ingestor: StripeIngestor(store: store, clock: clock),
        signature: configuration.stripeWebhookSecret.map { StripeSignature(secret: $0) }, clock: clock
    ).register(on: machine)
    TrackingController(store: store, clock: clock, ingestor: SegmentIngestor(store: store)).register(on: machine)
    let api = machine.group("api/v1").add(middleware: APIKeyAuthenticator(store: store, clock: clock))
    // Read models of the lists and reports, kept while the data version stays put.
    let reads = ReadCache(store: store, clock: clock)
    AccountsController(store: store, clock: clock, reads: reads).register(on: api.group("accounts"))
    KeysController(store: store, clock: clock).register(on: api.group("keys"))
    StripeEventsController(store: store).register(on: api.group("stripe/events"))
    DirectoryController(store: store).register(on: api)
    let cache = MetricsCache(store: store, clock: clock)
    if warmingCaches {
        // Builds the metrics snapshot at start rather than on the first request that needs it (seconds at 100,000 accounts).
        Task { _ = try? await cache.current() }
    }
    MetricsController(store: store, cache: cache, reads: reads).register(on: api.group("metrics"))
    ConfigController(store: store, clock: clock).register(on: api.group("config"))
    let scheduler = scheduler ?? HealthScheduler(store: store, clock: clock)
    HealthScoresController(store: store, clock: clock, scheduler: scheduler).register(on: api.group("health"))
    SegmentsController(store: store, clock: clock, scheduler: scheduler).register(on: api.group("segments"))
    RiskController(store: store, clock: clock, reads: reads).register(on: api.group("risk"))
    JobsController(store: store).register(on: api.group("jobs"))
    let notifier = Notifier(store: store, configuration: configuration.notify, clock: clock)
    EndpointsController(store: store, notifier: notifier).register(on: api.group("webhook-endpoints"))
    DeliveriesController(store: store, clock: clock).register(on: api.group("deliveries"))
    EventsController(store: store).register(on: api.group("events"))
    TasksController(store: store, clock: clock, calendar: configuration.playbooks.calendar).register(on: api.group("tasks"))
    TouchpointsController(store: store, clock: clock).register(on: api.group("touchpoints"))
    let playbooks = PlaybookEngine(store: store, clock: clock, configuration: configuration.playbooks) { try await cache.current().ledger }
    PlaybooksController(store: store, engine: playbooks).register(on: api.group("playbooks"), runs: api.group("playbook-runs"))
    UnsubscribeController(store: store, secretBox: configuration.notify.secretBox, clock: clock).register(on: machine)

    DashboardController(store: store, clock: clock, cache: cache, reads: reads, insights: HealthRiskSource(store: store, reads: reads), notifier: notifier,
                        playbooks: playbooks)
        .register(on: router, signIn: SignInController(store: store, clock: clock, throttle: SignInThrottle()))
    return router
}

/// Builds the Tenure HTTP application: the router on the configured address.
/// `onRunning` receives the port actually bound (useful with port 0).
public func buildApplication(
    store: any Store, configuration: ServerConfiguration, logger: Logger = Logger(label: "tenure"),
    onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let scheduler = HealthScheduler(store: store, clock: configuration.clock)
    var app = Application(
        router: buildRouter(store: store, configuration: configuration, scheduler: scheduler, warmingCaches: true),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Tenure"),
        onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger)
    if configuration.runsJobs && configuration.healthInterval > .zero {
        app.addServices(JobRunner(store: store, jobs: JobRunner.Job.standard(store: store, configuration: configuration, health: scheduler),
                                  clock: configuration.clock, lease: configuration.jobLease, logger: logger))
    }
    if configuration.runsJobs {
        app.addServices(DeliveryWorker(store: store, configuration: configuration.notify, clock: configuration.clock, logger: logger))
    }
    return app
}
