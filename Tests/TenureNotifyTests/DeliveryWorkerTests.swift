import Foundation
import TenureCore
import TenureStore
import TenureTestSupport
import Testing
@testable import TenureNotify

/// The delivery engine against a real HTTP receiver (Tests/e2e/webhook_receiver.py) on both databases, with a
/// clock the test moves: signatures as the Standard Webhooks reference library verifies them, the retry
/// schedule, what each kind of answer does, timeouts, leases and two workers sharing one database.
@Suite("Delivery worker")
struct DeliveryWorkerTests {
    /// One line of Tests/e2e/verify_webhooks.py's output.
    struct Verification: Decodable {
        var webhookId: String?
        var verifiedWith: [Int]
        var payload: JSONValue?
        var errors: [String?]
        var tamperedRejected: Bool
        var signatures: Int
    }

    @Test("webhook-signature verifies with standardwebhooks, under both secrets during a rotation's overlap and the new one after",
          arguments: Backend.allCases)
    func signatures(backend: Backend) async throws {
        let receiver = try await WebhookReceiver()
        defer { receiver.stop() }
        try await TestDatabases.withStore(backend) { store in
            let harness = try DeliveryHarness(store: store)
            let (endpoint, first) = try await harness.webhook(receiver)
            #expect(first.hasPrefix("whsec_"))
            let events = try await harness.withWorker { worker in
                let one = try await harness.appendPaymentsFailed()
                #expect(try await worker.pass() == 1)
                let second = try await harness.notifier.rotateSecret(id: endpoint.id, overlap: 3_600)
                let two = try await harness.appendPaymentsFailed()
                #expect(try await worker.pass() == 1)
                let third = try await harness.notifier.rotateSecret(id: endpoint.id, overlap: 0)
                let three = try await harness.appendPaymentsFailed()
                #expect(try await worker.pass() == 1)
                return (one + two + three, [first, second, third])
            }
            let requests = try receiver.requests()
            try #require(requests.count == 3)
            for (request, event) in zip(requests, events.0) {
                #expect(request.method == "POST" && request.path == "/hook")
                #expect(request.headers["content-type"] == "application/json")
                #expect(request.headers["webhook-id"] == event.id)
                #expect(request.headers["webhook-timestamp"] == String(Int(harness.time.now.timeIntervalSince1970)))
                #expect(Data(request.body.utf8) == event.payload, "the body is the event's payload, byte for byte")
            }
            let wrong = EndpointSecrets.newSigningSecret()
            let result = try await E2E.run("verify_webhooks.py", [receiver.requestsFile.path] + (events.1 + [wrong]).flatMap { ["--secret", $0] })
            try #require(result.status == 0, "\(result.stderr)")
            let verifications = try result.lines(Verification.self)
            try #require(verifications.count == 3)
            #expect(verifications.map(\.verifiedWith) == [[0], [0, 1], [2]],
                    "first secret alone; first and second during the overlap; the third alone after a rotation without overlap: \(verifications.map(\.errors))")
            #expect(verifications.map(\.signatures) == [1, 2, 1])
            #expect(verifications.allSatisfy { $0.tamperedRejected }, "a changed body fails under every secret")
            #expect(verifications.allSatisfy { $0.errors.last == "No matching signature found" }, "an unrelated secret never verifies")
            #expect(verifications.map(\.webhookId) == events.0.map(\.id))
            #expect(verifications.first?.payload?.object?["type"] == .string("payment.failed"))
        }
    }

    @Test("a 500 is retried 5 s later (at most 10 % jitter), not before, with the same webhook-id", arguments: Backend.allCases)
    func retrySchedule(backend: Backend) async throws {
        try await DeliveryHarness.withWebhook(backend, answers: ["500"]) { harness, receiver, endpoint, event in
            let store = harness.store
            let t0 = harness.time.now
            try await harness.withWorker { worker in
                #expect(try await worker.pass() == 1)
                let pending = try await harness.delivery(of: event)
                #expect(pending.status == .pending && pending.attempts == 1 && pending.lastStatusCode == 500)
                let next = try #require(pending.nextAttemptAt)
                let wait = next.timeIntervalSince(t0)
                #expect(wait >= 5 && wait <= 5.5, "the second attempt of the Standard Webhooks schedule comes 5 s after the first; it is \(wait) s")

                harness.time.set(max(t0, next.addingTimeInterval(-0.1)))
                if next.timeIntervalSince(t0) > 0.1 {
                    #expect(try await worker.pass() == 0, "nothing is attempted before the delivery is due")
                    #expect(try receiver.requests().count == 1)
                }
                harness.time.set(next)
                #expect(try await worker.pass() == 1)
            }
            let delivered = try await harness.delivery(of: event)
            #expect(delivered.status == .succeeded && delivered.attempts == 2 && delivered.lastStatusCode == 200)
            let attempts = try await store.deliveryAttempts(deliveryID: delivered.id)
            #expect(attempts.map(\.statusCode) == [500, 200])
            #expect(attempts.map(\.attempt) == [1, 2])
            let requests = try receiver.requests()
            #expect(requests.count == 2)
            #expect(requests.map(\.webhookID) == [event.id, event.id], "every attempt carries the event's id")
        }
    }

    @Test("a 429 with Retry-After: 7 on the second attempt puts the third no sooner than 7 s later", arguments: Backend.allCases)
    func retryAfter(backend: Backend) async throws {
        try await DeliveryHarness.withWebhook(backend, answers: ["500", "429:7"], retry: RetrySchedule(waits: [1, 1, 1], jitter: 0)) { harness, receiver, endpoint, event in
            try await harness.withWorker { worker in
                #expect(try await worker.pass() == 1)
                harness.time.advance(1)
                #expect(try await worker.pass() == 1)
                let t1 = harness.time.now
                let pending = try await harness.delivery(of: event)
                #expect(pending.lastStatusCode == 429)
                let next = try #require(pending.nextAttemptAt)
                #expect(next.timeIntervalSince(t1) >= 7 && next.timeIntervalSince(t1) < 7.01,
                        "Retry-After 7 outweighs the schedule's 1 s: \(next.timeIntervalSince(t1))")
                harness.time.advance(6.9)
                #expect(try await worker.pass() == 0)
                harness.time.set(t1.addingTimeInterval(7))
                #expect(try await worker.pass() == 1)
            }
            #expect(try await harness.delivery(of: event).status == .succeeded)
            #expect(try receiver.requests().map(\.answer) == ["500", "429:7", "200"])
        }
    }

    @Test("a 410 fails the delivery and disables the endpoint with a reason; later events are not sent", arguments: Backend.allCases)
    func gone(backend: Backend) async throws {
        try await DeliveryHarness.withWebhook(backend, answers: ["410"]) { harness, receiver, endpoint, event in
            try await harness.withWorker { worker in
                #expect(try await worker.pass() == 1)
                let failed = try await harness.delivery(of: event)
                #expect(failed.status == .failed && failed.lastStatusCode == 410 && failed.nextAttemptAt == nil)
                let disabled = try await harness.endpoint(endpoint.id)
                #expect(disabled.status == .disabled)
                #expect(disabled.disabledReason?.contains("410") == true, "\(disabled.disabledReason ?? "no reason")")
                try await harness.appendPaymentsFailed()
                harness.time.advance(3_600)
                #expect(try await worker.pass() == 0)
            }
            #expect(try receiver.requests().count == 1)
        }
    }

    @Test("3xx answers are failures and are not followed", arguments: Backend.allCases)
    func redirects(backend: Backend) async throws {
        try await DeliveryHarness.withWebhook(backend, answers: ["301", "307"], retry: RetrySchedule(waits: [1], jitter: 0)) { harness, receiver, endpoint, event in
            try await harness.withWorker { worker in
                #expect(try await worker.pass() == 1)
                let pending = try await harness.delivery(of: event)
                #expect(pending.status == .pending && pending.lastStatusCode == 301)
                #expect(pending.lastError?.contains("redirects are not followed") == true, "\(pending.lastError ?? "no error")")
                harness.time.advance(1)
                #expect(try await worker.pass() == 1)
            }
            let failed = try await harness.delivery(of: event)
            #expect(failed.status == .failed && failed.lastStatusCode == 307)
            #expect(try await harness.endpoint(endpoint.id).disabledReason?.contains("HTTP 307") == true)
            try await Task.sleep(for: .milliseconds(300))
            #expect(try receiver.requests().map(\.path) == ["/hook", "/hook"], "the Location (/elsewhere) was never requested")
        }
    }

    @Test("a receiver slower than the timeout is a failure recorded with an error", arguments: Backend.allCases)
    func timeout(backend: Backend) async throws {
        try await DeliveryHarness.withWebhook(backend, answers: ["slow:6"]) { harness, receiver, endpoint, event in
            let store = harness.store
            var harness = harness
            harness.configuration.timeout = 1
            let started = ContinuousClock.now
            #expect(try await harness.withWorker { try await $0.pass() } == 1)
            let elapsed = ContinuousClock.now - started
            #expect(elapsed < .seconds(4), "the attempt gave up after about 1 s, not after the receiver's 6 s: \(elapsed)")
            let pending = try await harness.delivery(of: event)
            #expect(pending.status == .pending && pending.attempts == 1 && pending.lastStatusCode == nil)
            #expect(pending.lastError?.isEmpty == false)
            let attempt = try #require(try await store.deliveryAttempts(deliveryID: pending.id).only)
            #expect(attempt.statusCode == nil && attempt.error?.isEmpty == false)
            #expect(attempt.duration >= 0.9 && attempt.duration < 4, "\(attempt.duration)")
            #expect(try receiver.requests().count == 1)
        }
    }

    @Test("the last attempt of the schedule failing fails the delivery and disables the endpoint", arguments: Backend.allCases)
    func lastAttempt(backend: Backend) async throws {
        try await DeliveryHarness.withWebhook(backend, answers: ["500", "503"], retry: RetrySchedule(waits: [2], jitter: 0)) { harness, receiver, endpoint, event in
            try await harness.withWorker { worker in
                #expect(try await worker.pass() == 1)
                #expect(try await harness.endpoint(endpoint.id).status == .enabled, "one failure does not disable")
                harness.time.advance(2)
                #expect(try await worker.pass() == 1)
                try await harness.appendPaymentsFailed()
                harness.time.advance(60)
                #expect(try await worker.pass() == 0, "a disabled endpoint gets nothing more")
            }
            let failed = try await harness.delivery(of: event)
            #expect(failed.status == .failed && failed.attempts == 2 && failed.lastStatusCode == 503)
            let disabled = try await harness.endpoint(endpoint.id)
            #expect(disabled.status == .disabled)
            #expect(disabled.disabledReason?.contains("all 2 attempts") == true, "\(disabled.disabledReason ?? "no reason")")
            #expect(try receiver.requests().count == 2)
        }
    }

    @Test("two workers on one database passing at once over 200 events attempt each delivery exactly once",
          .timeLimit(.minutes(2)), arguments: Backend.allCases)
    func twoWorkers(backend: Backend) async throws {
        let receiver = try await WebhookReceiver()
        defer { receiver.stop() }
        try await TestDatabases.withStore(backend) { store in
            let harness = try DeliveryHarness(store: store, batch: 16)
            let (endpoint, _) = try await harness.webhook(receiver)
            let events = try await harness.appendPaymentsFailed(200)
            let counts = try await harness.withWorker { one in
                try await harness.withWorker { two in
                    #expect(one.node != two.node)
                    async let first = Self.drain(one, store: store)
                    async let second = Self.drain(two, store: store)
                    return try await [first, second]
                }
            }
            #expect(counts.reduce(0, +) == 200, "attempts per worker: \(counts)")
            #expect(counts.allSatisfy { $0 > 0 }, "both workers took part: \(counts)")
            let requests = try await receiver.waitForRequests(200)
            #expect(requests.count == 200)
            #expect(Set(requests.compactMap(\.webhookID)) == Set(events.map(\.id)), "200 distinct webhook-ids, one per event")
            let deliveries = try await store.deliveries(DeliveryQuery(endpointID: endpoint.id, limit: 500)).items
            #expect(deliveries.count == 200)
            #expect(deliveries.allSatisfy { $0.status == .succeeded && $0.attempts == 1 })
        }
    }

    /// Passes until no delivery is pending; returns how many this worker attempted.
    static func drain(_ worker: DeliveryWorker, store: any Store) async throws -> Int {
        var attempted = 0
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let made = try await worker.pass()
            attempted += made
            if made == 0 {
                let awaiting = try await store.eventsAwaitingFanOut(limit: 1)
                let pending = try await store.deliveries(DeliveryQuery(status: .pending, limit: 1)).total
                if awaiting.isEmpty && pending == 0 { return attempted }
                try await Task.sleep(for: .milliseconds(10))
            }
        }
        throw TestSetupError("deliveries still pending after 60 s")
    }

    @Test("a delivery claimed by a node that died is attempted by another once the lease lapses, with the same webhook-id",
          arguments: Backend.allCases)
    func lapsedLease(backend: Backend) async throws {
        try await DeliveryHarness.withWebhook(backend, lease: 30) { harness, receiver, endpoint, event in
            let store = harness.store
            let t0 = harness.time.now
            try await harness.withWorker { worker in
                #expect(try await worker.fanOut() == 1)
                let dead = try #require(try await store.claimDeliveries(node: "dead-node", now: t0, leaseUntil: t0.addingTimeInterval(30), limit: 10).only)
                #expect(dead.event.id == event.id && dead.attempt == 1)
                #expect(try await worker.pass() == 0, "the lease holds")
                harness.time.advance(29.9)
                #expect(try await worker.pass() == 0, "the lease still holds")
                harness.time.set(t0.addingTimeInterval(30.001))
                #expect(try await worker.pass() == 1, "the lapsed lease is taken over")
                let attempt = try #require(try await store.deliveryAttempts(deliveryID: dead.deliveryID).only)
                #expect(attempt.node == worker.node && attempt.statusCode == 200)

                let late = DeliveryAttempt(attempt: 1, node: "dead-node", startedAt: t0, duration: 0, statusCode: 200, error: nil, request: "", response: "")
                #expect(try await store.finishAttempt(dead, late, outcome: .delivered, at: harness.time.now) == false,
                        "the dead node, waking up, no longer holds the lease")
            }
            #expect(try receiver.requests().map(\.webhookID) == [event.id])
            let delivered = try await harness.delivery(of: event)
            #expect(delivered.status == .succeeded && delivered.attempts == 1)
        }
    }

    @Test("the outbound guard is asked again before each attempt: without the allow-list nothing reaches 127.0.0.1",
          arguments: Backend.allCases)
    func guardAtAttempt(backend: Backend) async throws {
        try await DeliveryHarness.withWebhook(backend) { harness, receiver, endpoint, event in
            var harness = harness
            harness.configuration.outbound = OutboundGuard()
            #expect(try await harness.withWorker { try await $0.pass() } == 1)
            let pending = try await harness.delivery(of: event)
            #expect(pending.status == .pending && pending.lastStatusCode == nil)
            #expect(pending.lastError?.contains("loopback") == true, "\(pending.lastError ?? "no error")")
            #expect(try receiver.requests().isEmpty)
        }
    }
}
