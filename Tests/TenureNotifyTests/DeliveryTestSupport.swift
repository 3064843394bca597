import Foundation
import TenureCore
import TenureStore
import TenureTestSupport
import Testing
@testable import TenureNotify

/// A store, a clock the test moves, and the configuration workers and the notifier share.
struct DeliveryHarness {
    /// A fixed TENURE_SECRET_KEY: 32 bytes 0…31.
    static let key = Data((0..<32).map { UInt8($0) }).base64EncodedString()

    let store: any Store
    let time: TestTime
    var configuration: NotifyConfiguration

    init(store: any Store, time: TestTime = TestTime(), retry: RetrySchedule = .standard, lease: TimeInterval = 60,
         timeout: TimeInterval = 5, batch: Int = 32, smtp: SMTPConfiguration? = nil, publicURL: URL? = nil) throws {
        self.store = store
        self.time = time
        configuration = NotifyConfiguration(
            secretBox: try SecretBox(base64Key: Self.key), smtp: smtp, publicURL: publicURL,
            outbound: OutboundGuard(allowed: ["127.0.0.1"]), retry: retry, lease: lease, timeout: timeout, batch: batch)
    }

    var notifier: Notifier { Notifier(store: store, configuration: configuration, clock: time.clock) }

    /// Runs `body` with a new worker (its own node name), shut down afterwards.
    func withWorker<T>(_ body: (DeliveryWorker) async throws -> T) async throws -> T {
        let worker = DeliveryWorker(store: store, configuration: configuration, clock: time.clock)
        do {
            let result = try await body(worker)
            await worker.shutDown()
            return result
        } catch {
            await worker.shutDown()
            throw error
        }
    }

    /// A webhook endpoint for every event type, posting to `receiver`; returns it with its signing secret.
    func webhook(_ receiver: WebhookReceiver, path: String = "/hook") async throws -> (endpoint: NotificationEndpoint, secret: String) {
        let created = try await notifier.create(.init(kind: .webhook, target: receiver.url(path), eventTypes: ["*"]))
        return (created.endpoint, try #require(created.secret))
    }

    /// `payment.failed` events about `accountID`, appended to the outbox at the clock's time.
    @discardableResult
    func appendPaymentsFailed(_ count: Int = 1, accountID: String = "acct_1") async throws -> [DomainEvent] {
        let now = time.now
        let events = (0..<count).map { index in
            let attempt = "att_\(UUID().uuidString.prefix(8))_\(index)"
            return DomainEvent(type: .paymentFailed, accountID: accountID, occurredAt: now,
                               data: ["account_id": .string(accountID), "invoice_id": .string("in_\(index)"), "attempt_id": .string(attempt),
                                      "amount": .number(4_900), "currency": .string("usd"), "failure_code": .string("card_declined")],
                               key: "payment.failed:\(attempt)")
        }
        #expect(try await store.appendEvents(events, at: now) == count)
        return events
    }

    /// The one delivery of `event`.
    func delivery(of event: DomainEvent) async throws -> DeliveryRecord {
        try #require(try await store.deliveries(DeliveryQuery(eventID: event.id)).items.only)
    }

    func endpoint(_ id: String) async throws -> NotificationEndpoint {
        try #require(try await store.endpoint(id: id)).endpoint
    }
}

extension DeliveryHarness {
    /// Runs `body` with a receiver answering `answers`, a new store of `backend`, a webhook endpoint posting to the
    /// receiver and one `payment.failed` event in the outbox.
    static func withWebhook(_ backend: Backend, answers: [String] = [], retry: RetrySchedule = .standard, lease: TimeInterval = 60,
                            _ body: (DeliveryHarness, WebhookReceiver, NotificationEndpoint, DomainEvent) async throws -> Void) async throws {
        let receiver = try await WebhookReceiver(answers: answers)
        defer { receiver.stop() }
        try await TestDatabases.withStore(backend) { store in
            let harness = try DeliveryHarness(store: store, retry: retry, lease: lease)
            let (endpoint, _) = try await harness.webhook(receiver)
            let event = try #require(try await harness.appendPaymentsFailed().first)
            try await body(harness, receiver, endpoint, event)
        }
    }
}
