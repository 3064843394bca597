import ArgumentParser
import Foundation
import Logging
import TenureCore
import TenureNotify
import TenureStore

extension Tenure.Notify {
    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send a test ping event to one endpoint, enabled or not.",
            discussion: """
                Without --wait the ping waits for a server or worker to deliver it. With --wait this command delivers it \
                itself (with any other due deliveries) and prints how the endpoint answered.

                Example:
                  tenure notify test ep_3f9a0c1d2e4b5a69 --wait
                """)

        @Argument(help: "The endpoint's id (ep_…).")
        var id: String

        @Flag(help: "Deliver now and print the outcome of the first attempt.")
        var wait = false

        @Option(help: "Seconds to wait for the attempt with --wait (1 to 600).")
        var timeout = 60

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard (1...600).contains(timeout) else { throw ArgumentParser.ValidationError("--timeout must be between 1 and 600 seconds") }
        }

        func run() async throws {
            let outcome: (DeliveryRecord, [DeliveryAttempt])? = try await NotifyContext.withNotifier(database) { context in
                let delivery = try await context.notifier.sendTest(id: id)
                print("Queued ping delivery \(delivery.id) (event \(delivery.eventID)) to \(id).")
                guard wait else { return nil }
                let finished = try await Self.deliver(delivery.id, context: context, timeout: .seconds(timeout))
                return (finished, try await context.store.deliveryAttempts(deliveryID: finished.id))
            }
            guard let (delivery, attempts) = outcome else { return }
            guard let attempt = attempts.last else { throw CommandFailure("no attempt was made within \(timeout) s") }
            let answer = attempt.statusCode.map { "HTTP \($0)" } ?? "no answer"
            print("Attempt \(attempt.attempt): \(answer)\(attempt.error.map { " — \($0)" } ?? "") in \(Int((attempt.duration * 1_000).rounded())) ms; the delivery is \(delivery.status.rawValue)\(delivery.nextAttemptAt.map { ", next attempt \(JSONCoding.format($0))" } ?? "").")
            if delivery.status == .failed || attempt.error != nil { throw ExitCode(1) }
        }

        /// Runs a delivery worker until `deliveryID` has an attempt (or `timeout` passes); returns the delivery then.
        static func deliver(_ deliveryID: String, context: NotifyContext, timeout: Duration) async throws -> DeliveryRecord {
            let worker = DeliveryWorker(store: context.store, configuration: context.configuration, clock: .command,
                                        logger: Logger(label: "tenure.notify"))
            return try await withThrowingTaskGroup(of: DeliveryRecord?.self) { group in
                // run() shuts its HTTP client down when cancelled.
                group.addTask { try await worker.run(); return nil }
                group.addTask {
                    let deadline = ContinuousClock.now + timeout
                    while ContinuousClock.now < deadline {
                        if let delivery = try await context.store.delivery(id: deliveryID), delivery.status != .pending || delivery.attempts > 0 {
                            return delivery
                        }
                        try await Task.sleep(for: .milliseconds(100))
                    }
                    return try await context.store.delivery(id: deliveryID)
                }
                defer { group.cancelAll() }
                while let result = try await group.next() {
                    if let delivery = result { return delivery }
                }
                throw CommandFailure("delivery \(deliveryID) disappeared")
            }
        }
    }

    /// `tenure notify deliveries`: list (the default) and show.
    struct Deliveries: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List deliveries, newest first, or show one with every attempt.",
            discussion: """
                Examples:
                  tenure notify deliveries --status failed --since 2026-05-01
                  tenure notify deliveries --endpoint ep_3f9a0c1d2e4b5a69 --format csv
                  tenure notify deliveries show dlv_0a1b2c3d4e5f6a7b
                """,
            subcommands: [List.self, Show.self],
            defaultSubcommand: List.self)

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List deliveries, newest first.")

            @OptionGroup var filters: DeliveryFilters
            @OptionGroup var paging: NotifyPaging

            @Option(help: "Output format: table, json or csv.")
            var format: OutputFormat = .table

            @OptionGroup var database: DatabaseOptions

            func run() async throws {
                var query = try filters.query()
                query.limit = paging.limit
                query.offset = paging.offset
                let page = try await database.withStore { try await $0.deliveries(query) }
                print(NotifyTables.deliveries(page.items).render(format))
                if format == .table && page.total > page.offset + page.items.count {
                    print("\(page.total) in all; --offset \(page.offset + page.items.count) for more.")
                }
            }
        }

        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Show a delivery and every attempt: who tried, when, what was sent and heard back.")

            @Argument(help: "The delivery's id.")
            var id: String

            @Option(help: "Output format: table or json.")
            var format: OutputFormat = .table

            @OptionGroup var database: DatabaseOptions

            func run() async throws {
                let (delivery, attempts) = try await database.withStore { store in
                    guard let delivery = try await store.delivery(id: id) else { throw CommandFailure("no delivery \(id)") }
                    return (delivery, try await store.deliveryAttempts(deliveryID: id))
                }
                if format == .json {
                    var object = NotifyTables.deliveryObject(delivery)
                    object["attempts"] = attempts.map(NotifyTables.attemptObject)
                    print(NotifyTables.json(object))
                    return
                }
                print(NotifyTables.deliveries([delivery]).render(.table))
                for attempt in attempts {
                    print("\nAttempt \(attempt.attempt) by \(attempt.node) at \(JSONCoding.format(attempt.startedAt)), \(Int((attempt.duration * 1_000).rounded())) ms: "
                        + (attempt.statusCode.map { "HTTP \($0)" } ?? "no answer") + (attempt.error.map { " — \($0)" } ?? ""))
                    if !attempt.request.isEmpty { print(attempt.request.split(separator: "\n").map { "  > \($0)" }.joined(separator: "\n")) }
                    if !attempt.response.isEmpty { print(attempt.response.split(separator: "\n").map { "  < \($0)" }.joined(separator: "\n")) }
                }
            }
        }
    }

    /// The filters `deliveries` and `replay` share.
    struct DeliveryFilters: ParsableArguments {
        @Option(help: "Only deliveries to this endpoint (ep_…).")
        var endpoint: String?

        @Option(help: "Only deliveries of this event (evt_…).")
        var event: String?

        @Option(help: "Only deliveries in this state: pending, succeeded or failed.")
        var status: DeliveryStatus?

        @Option(help: "Only deliveries of events of this type, e.g. payment.failed.")
        var type: EventType?

        @Option(help: "Only deliveries created at or after this date (2026-05-01) or ISO 8601 instant.")
        var since: String?

        @Option(help: "Only deliveries created before this date or instant.")
        var until: String?

        func query() throws -> DeliveryQuery {
            func date(_ text: String?, _ flag: String) throws -> Date? {
                guard let text else { return nil }
                guard let date = JSONCoding.parse(text) else {
                    throw ArgumentParser.ValidationError("--\(flag) must be a date such as 2026-05-01 or an ISO 8601 instant")
                }
                return date
            }
            return DeliveryQuery(endpointID: endpoint, eventID: event, status: status, eventType: type,
                                 since: try date(since, "since"), until: try date(until, "until"))
        }
    }

    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Deliver again: the deliveries named, or every delivery the filters select.",
            discussion: """
                A replayed delivery is pending and due now, with a fresh retry schedule and the same webhook-id, so \
                receivers that deduplicate by it see no duplicate. With filters, --since and --until are required unless \
                --endpoint or --event is given. A server or worker then delivers them.

                Examples:
                  tenure notify replay dlv_0a1b2c3d4e5f6a7b dlv_1b2c3d4e5f6a7b8c
                  tenure notify replay --endpoint ep_3f9a0c1d2e4b5a69 --status failed
                  tenure notify replay --since 2026-05-01T00:00:00Z \\
                      --until 2026-05-01T06:00:00Z
                """)

        @Argument(help: "Ids of deliveries to replay.")
        var ids: [String] = []

        @OptionGroup var filters: DeliveryFilters

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            let filtered = filters.endpoint != nil || filters.event != nil || filters.status != nil || filters.type != nil
                || filters.since != nil || filters.until != nil
            if ids.isEmpty == !filtered {
                throw ArgumentParser.ValidationError("give either delivery ids or filters (--endpoint, --event, --since and --until, …)")
            }
            if filtered && filters.endpoint == nil && filters.event == nil && (filters.since == nil || filters.until == nil) {
                throw ArgumentParser.ValidationError("--since and --until are required unless --endpoint or --event is given")
            }
        }

        func run() async throws {
            let now = WallClock.command.now()
            let replayed = try await database.withStore { store in
                guard ids.isEmpty else {
                    var count = 0
                    for id in ids {
                        guard let delivery = try await store.delivery(id: id) else { throw CommandFailure("no delivery \(id)") }
                        count += try await store.replayDeliveries(DeliveryQuery(endpointID: delivery.endpointID, eventID: delivery.eventID), at: now)
                    }
                    return count
                }
                return try await store.replayDeliveries(try filters.query(), at: now)
            }
            print("Replayed \(replayed) \(replayed == 1 ? "delivery" : "deliveries").")
        }
    }

    struct Events: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the outbox: the domain events Tenure wrote, newest first.",
            discussion: "Example:\n  tenure notify events --type account.health.changed --account acct_0000527")

        @Option(help: "Only events of this type, e.g. payment.failed.")
        var type: EventType?

        @Option(help: "Only events about this account.")
        var account: String?

        @OptionGroup var paging: NotifyPaging

        @Option(help: "Output format: table, json or csv.")
        var format: OutputFormat = .table

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let query = EventQuery(type: type, accountID: account, limit: paging.limit, offset: paging.offset)
            let page = try await database.withStore { try await $0.events(query) }
            let rows = page.items.map { event in
                [event.id, event.type.rawValue, event.accountID ?? "", JSONCoding.format(event.occurredAt), String(decoding: event.payload, as: UTF8.self)]
            }
            print(TextTable(columns: ["id", "type", "account_id", "occurred_at", "payload"], rows: rows).render(format))
        }
    }
}

/// `--limit` and `--offset` of the notification listings.
struct NotifyPaging: ParsableArguments {
    @Option(help: "How many to show (1 to 500).")
    var limit = 50

    @Option(help: "How many to skip.")
    var offset = 0

    func validate() throws {
        guard (1...500).contains(limit) else { throw ArgumentParser.ValidationError("--limit must be between 1 and 500") }
        guard offset >= 0 else { throw ArgumentParser.ValidationError("--offset must not be negative") }
    }
}

/// How `tenure notify` prints endpoints and deliveries.
enum NotifyTables {
    static func endpoints(_ endpoints: [NotificationEndpoint]) -> TextTable {
        TextTable(columns: ["id", "kind", "target", "event_types", "segments", "owners", "status", "description"], rows: endpoints.map { endpoint in
            [endpoint.id, endpoint.kind.rawValue, endpoint.target, endpoint.eventTypes.joined(separator: ","), endpoint.segments.joined(separator: ","),
             endpoint.owners.joined(separator: ","), endpoint.status.rawValue + (endpoint.disabledReason.map { " (\($0))" } ?? ""), endpoint.description]
        })
    }

    static func deliveries(_ deliveries: [DeliveryRecord]) -> TextTable {
        TextTable(columns: ["id", "event_type", "event_id", "endpoint_id", "status", "attempts", "last_status", "next_attempt_at", "created_at", "last_error"],
                  rows: deliveries.map { delivery in
            [delivery.id, delivery.eventType.rawValue, delivery.eventID, delivery.endpointID, delivery.status.rawValue, String(delivery.attempts),
             delivery.lastStatusCode.map(String.init) ?? "", delivery.nextAttemptAt.map(JSONCoding.format) ?? "", JSONCoding.format(delivery.createdAt),
             delivery.lastError ?? ""]
        })
    }

    static func endpointObject(_ endpoint: NotificationEndpoint, secret: String?) -> [String: Any] {
        var object: [String: Any] = [
            "id": endpoint.id, "kind": endpoint.kind.rawValue, "target": endpoint.target, "description": endpoint.description,
            "event_types": endpoint.eventTypes, "segments": endpoint.segments, "owners": endpoint.owners, "status": endpoint.status.rawValue,
            "created_at": JSONCoding.format(endpoint.createdAt), "updated_at": JSONCoding.format(endpoint.updatedAt),
        ]
        object["disabled_reason"] = endpoint.disabledReason
        object["contact_email"] = endpoint.contactEmail
        object["secret"] = secret
        return object
    }

    static func deliveryObject(_ delivery: DeliveryRecord) -> [String: Any] {
        var object: [String: Any] = [
            "id": delivery.id, "event_id": delivery.eventID, "event_type": delivery.eventType.rawValue, "endpoint_id": delivery.endpointID,
            "status": delivery.status.rawValue, "attempt_count": delivery.attempts, "created_at": JSONCoding.format(delivery.createdAt),
            "updated_at": JSONCoding.format(delivery.updatedAt),
        ]
        object["account_id"] = delivery.accountID
        object["next_attempt_at"] = delivery.nextAttemptAt.map(JSONCoding.format)
        object["last_status_code"] = delivery.lastStatusCode
        object["last_error"] = delivery.lastError
        return object
    }

    static func attemptObject(_ attempt: DeliveryAttempt) -> [String: Any] {
        var object: [String: Any] = [
            "attempt": attempt.attempt, "node": attempt.node, "started_at": JSONCoding.format(attempt.startedAt),
            "duration_ms": Int((attempt.duration * 1_000).rounded()), "request": attempt.request, "response": attempt.response,
        ]
        object["status_code"] = attempt.statusCode
        object["error"] = attempt.error
        return object
    }

    static func json(_ object: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
    }
}
