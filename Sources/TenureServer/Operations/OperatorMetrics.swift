import Metrics

/// Tenure's own metrics for operators, recorded through swift-metrics (the
/// HTTP ones come from Hummingbird's `MetricsMiddleware`).
enum OperatorMetrics {
    /// Counts events an ingestion route accepted: `source` is `stripe` or `tracking`,
    /// `outcome` is `new` or `duplicate` (seen before, changed nothing).
    static func eventsIngested(source: String, outcome: String, count: Int = 1) {
        guard count > 0 else { return }
        Counter(label: "tenure_events_ingested_total", dimensions: [("source", source), ("outcome", outcome)])
            .increment(by: count)
    }

    /// Times `body` as one run of the recurring job `job` and counts it by outcome (`success` or `failure`).
    static func jobRun<T: Sendable>(_ job: String, _ body: @Sendable () async throws -> T) async throws -> T {
        let start = ContinuousClock.now
        var outcome = "failure"
        defer {
            Counter(label: "tenure_job_runs_total", dimensions: [("job", job), ("outcome", outcome)]).increment()
            Metrics.Timer(label: "tenure_job_duration_seconds", dimensions: [("job", job)], preferredDisplayUnit: .seconds)
                .record(duration: ContinuousClock.now - start)
        }
        let result = try await body()
        outcome = "success"
        return result
    }
}
