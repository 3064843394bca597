import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import TenureEngine
import TenureNotify
import TenureStore

extension JobRunner.Job {
    /// Tenure's recurring jobs: `health` — scores, segments and churn predictions, when the facts moved or the day
    /// turned — checked every `healthInterval`; `renewals` (renewal notices) every hour; `digest` (the CSMs' daily
    /// digest, sent once a day after its hour) every 15 minutes; `playbooks` (triggers, due steps, the task sweep and
    /// escalations) every 30 seconds.
    public static func standard(store: any Store, configuration: ServerConfiguration, health: HealthScheduler) -> [JobRunner.Job] {
        let interval = configuration.healthInterval
        let seconds = Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18
        let renewals = RenewalNotices(store: store, clock: configuration.clock)
        let digest = DailyDigest(store: store, configuration: configuration.notify, clock: configuration.clock)
        let playbooks = PlaybookEngine(store: store, clock: configuration.clock, configuration: configuration.playbooks)
        return [
            JobRunner.Job(name: "health", interval: seconds) { try await health.refreshIfStale() },
            JobRunner.Job(name: "renewals", interval: 3_600) { try await renewals.run() },
            JobRunner.Job(name: "digest", interval: 900) { try await digest.run() },
            JobRunner.Job(name: "playbooks", interval: 30) { try await playbooks.run().summary },
        ]
    }
}

/// Runs only the recurring jobs and the notification deliveries (`tenure worker`) until SIGINT or SIGTERM; with a
/// metrics registry in `configuration`, also serves `/healthz`, `/readyz` and `/prometheus` on its host and port
/// (`onRunning` gets the port bound).
public func runWorker(store: any Store, configuration: ServerConfiguration, logger: Logger = Logger(label: "tenure"),
                      onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
    let health = HealthScheduler(store: store, clock: configuration.clock)
    let jobs = JobRunner.Job.standard(store: store, configuration: configuration, health: health)
    let runner = JobRunner(store: store, jobs: jobs, clock: configuration.clock, lease: configuration.jobLease, logger: logger)
    let deliveries = DeliveryWorker(store: store, configuration: configuration.notify, clock: configuration.clock, logger: logger)
    var services: [any Service] = [runner, deliveries]
    if configuration.metrics != nil {
        let router = Router(context: TenureRequestContext.self)
        router.add(middleware: ErrorEnvelopeMiddleware())
        registerOperations(on: machineRoutes(of: router), store: store, configuration: configuration)
        services.append(Application(
            router: router, configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Tenure worker"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? configuration.port) }, logger: logger))
    }
    logger.notice("worker \(runner.node) runs: \(jobs.map(\.name).joined(separator: ", ")) and notification deliveries")
    let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    try await group.run()
}
