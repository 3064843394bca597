import Foundation
import Testing
import TenureCore
import TenureStore
import TenureTestSupport

/// The outbox and its deliveries on both backends: events written with the facts that cause them (and only
/// then), once per key; deliveries created once per event and endpoint, claimed by one node at a time.
@Suite("Outbox and deliveries")
struct OutboxStoreTests {
    static let now = Fixtures.now

    static func endpoint(_ id: String, types: [String] = ["*"], owners: [String] = []) -> EndpointRecord {
        EndpointRecord(endpoint: NotificationEndpoint(id: id, kind: .webhook, target: "https://hooks.example.com/\(id)", eventTypes: types,
                                                      owners: owners, createdAt: now), sealedSecrets: "sealed")
    }

    static func failedPayment(_ id: String, at offset: Double) -> FactBatch {
        var batch = Fixtures.batch()
        batch.paymentAttempts.append(PaymentAttempt(id: id, invoiceID: "in_1", accountID: "a1", attemptedAt: Fixtures.day(offset),
                                                    amount: Money(1_000, .usd), succeeded: false, failureCode: "expired_card"))
        return batch
    }

    @Test("facts write their events in the same transaction, once per key; a refused batch writes none", arguments: Backend.allCases)
    func eventsWithFacts(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await store.write(Self.failedPayment("py_9", at: -1), asOf: Self.now)
            let first = try await store.events(EventQuery(limit: 100))
            #expect(Set(first.items.map(\.type)).isSuperset(of: [.paymentFailed, .paymentRecovered]))
            #expect(first.items.filter { $0.type == .paymentFailed }.count == 1, "py_1 is ten days old: only py_9 makes an event")
            #expect(first.items.first { $0.type == .paymentFailed }?.accountOwner == "csm_1")
            try await store.write(Self.failedPayment("py_9", at: -1), asOf: Self.now)
            #expect(try await store.events(EventQuery(limit: 100)).total == first.total, "the same facts again add no event")
            var refused = Self.failedPayment("py_10", at: -1)
            var twin = Fixtures.account("a9", name: "Twin")
            twin.stripeCustomerID = "cus_a1"
            refused.accounts.append(twin)
            await #expect(throws: (any Error).self) { try await store.write(refused, asOf: Self.now) }
            #expect(try await store.events(EventQuery(type: .paymentFailed, limit: 100)).items.map(\.id).count == 1,
                    "py_10's event rolled back with its batch")
        }
    }

    @Test("fan-out creates one delivery per event and endpoint, however often it runs; claims are exclusive until the lease lapses",
          arguments: Backend.allCases)
    func fanOutAndClaims(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await store.write(Fixtures.batch(), asOf: Self.now)
            let earlier = try await store.eventsAwaitingFanOut(limit: 100)
            _ = try await store.fanOut(earlier.map(\.seq), deliveries: [], at: Self.now)
            try await store.insertEndpoint(Self.endpoint("ep_all"))
            try await store.insertEndpoint(Self.endpoint("ep_other_owner", owners: ["csm_9"]))
            let events = (0..<5).map {
                DomainEvent(type: .paymentFailed, accountID: "a1", occurredAt: Self.now, data: [:], key: "k\($0)")
            }
            #expect(try await store.appendEvents(events + [events[0]], at: Self.now) == 5)
            let waiting = try await store.eventsAwaitingFanOut(limit: 100)
            #expect(waiting.count == 5 && waiting.allSatisfy { $0.accountOwner == "csm_1" })
            let pairs = waiting.map { (eventID: $0.id, endpointID: "ep_all") }
            #expect(try await store.fanOut(waiting.map(\.seq), deliveries: pairs, at: Self.now) == 5)
            #expect(try await store.fanOut(waiting.map(\.seq), deliveries: pairs, at: Self.now) == 0, "a second node's fan-out adds nothing")
            #expect(try await store.eventsAwaitingFanOut(limit: 100).isEmpty)

            let lease = Self.now.addingTimeInterval(60)
            let first = try await store.claimDeliveries(node: "n1", now: Self.now, leaseUntil: lease, limit: 3)
            let second = try await store.claimDeliveries(node: "n2", now: Self.now, leaseUntil: lease, limit: 10)
            #expect(first.count == 3 && second.count == 2)
            #expect(Set(first.map(\.deliveryID)).isDisjoint(with: second.map(\.deliveryID)))
            #expect(first.allSatisfy { $0.attempt == 1 && $0.seriesAttempt == 1 && $0.endpoint.sealedSecrets == "sealed" })

            let attempt = DeliveryAttempt(attempt: 1, node: "n2", startedAt: Self.now, duration: 0.01, statusCode: 500, error: nil,
                                          request: "POST /", response: "oops")
            #expect(try await store.finishAttempt(first[0], attempt, outcome: .delivered, at: Self.now))
            var stolen = first[1]
            stolen.node = "n3"
            #expect(try await !store.finishAttempt(stolen, attempt, outcome: .delivered, at: Self.now), "only the lease holder finishes")
            #expect(try await store.claimDeliveries(node: "n3", now: Self.now.addingTimeInterval(30), leaseUntil: lease, limit: 10).isEmpty)
            let takenOver = try await store.claimDeliveries(node: "n3", now: lease, leaseUntil: lease.addingTimeInterval(60), limit: 10)
            #expect(takenOver.count == 4, "the four unfinished deliveries are claimed again once their leases lapse")
            #expect(takenOver.allSatisfy { $0.attempt == 1 }, "an attempt that was never recorded keeps its number")

            let retried = try await store.finishAttempt(takenOver[0], attempt, outcome: .retry(at: lease.addingTimeInterval(5)), at: lease)
            let failed = try await store.finishAttempt(takenOver[1], attempt, outcome: .failed(disableEndpoint: "gone"), at: lease)
            #expect(retried && failed)
            #expect(try await store.endpoint(id: "ep_all")?.endpoint.status == .disabled)
            #expect(try await store.endpoint(id: "ep_all")?.endpoint.disabledReason == "gone")
            let log = try await store.deliveryAttempts(deliveryID: takenOver[0].deliveryID)
            #expect(log.map(\.statusCode) == [500] && log[0].response == "oops")

            let page = try await store.deliveries(DeliveryQuery(status: .failed))
            #expect(page.total == 1 && page.items[0].lastStatusCode == 500)
            #expect(try await store.replayDeliveries(DeliveryQuery(status: .failed), at: lease) == 1)
            #expect(try await store.delivery(id: takenOver[1].deliveryID)?.status == .pending)
        }
    }

    @Test("a send slot is held by one node per interval; opt-outs and digests are recorded once", arguments: Backend.allCases)
    func slotsOptOutsDigests(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await store.insertEndpoint(Self.endpoint("ep_slack"))
            #expect(try await store.reserveSend(endpointID: "ep_slack", now: Self.now, until: Self.now.addingTimeInterval(1)) == nil)
            #expect(try await store.reserveSend(endpointID: "ep_slack", now: Self.now, until: Self.now.addingTimeInterval(1))
                == Self.now.addingTimeInterval(1))
            #expect(try await store.reserveSend(endpointID: "ep_slack", now: Self.now.addingTimeInterval(1),
                                                until: Self.now.addingTimeInterval(2)) == nil)
            try await store.setOptOut(email: "Ana@Example.com", optedOut: true, at: Self.now)
            #expect(try await store.optedOut(["ana@example.com", "bo@example.com"]) == ["ana@example.com"])
            try await store.setOptOut(email: "ana@example.com", optedOut: false, at: Self.now)
            #expect(try await store.optedOut(["ana@example.com"]).isEmpty)
            #expect(try await store.markDigestSent(ownerID: "csm_1", day: "2026-01-15", at: Self.now))
            #expect(try await !store.markDigestSent(ownerID: "csm_1", day: "2026-01-15", at: Self.now))
        }
    }
    @Test("a changed segment or lifecycle stage writes one event with where the account was and is; new accounts and unchanged ones none",
          arguments: Backend.allCases)
    func segmentAndStageChanges(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await store.write(Fixtures.batch(), asOf: Self.now)
            func changes(_ type: EventType) async throws -> [[String: JSONValue]] {
                try await store.events(EventQuery(type: type, limit: 20)).items.reversed().map(\.data)
            }
            func change(_ account: String, _ from: String?, _ to: String?) -> [String: JSONValue] {
                ["account_id": .string(account), "from": from.map(JSONValue.string) ?? .null, "to": to.map(JSONValue.string) ?? .null]
            }
            let enterprise = SegmentRule(key: "enterprise", engagementModel: .highTouch, accountsPerCSM: 15)
            let smb = SegmentRule(key: "smb", engagementModel: .techTouch, accountsPerCSM: 200)
            // a1 moves from smb to enterprise, a2 from mid_market to none; a1 again at the same instant changes nothing.
            #expect(try await store.assignSegments(["a1": enterprise, "a2": nil], definitionVersion: 1, at: Self.now) == 2)
            #expect(try await store.assignSegments(["a1": enterprise], definitionVersion: 1, at: Fixtures.day(1)) == 0)
            #expect(Set(try await changes(.accountSegmentChanged)) == [change("a1", "smb", "enterprise"), change("a2", "mid_market", nil)])
            #expect(Set(try await store.events(EventQuery(type: .accountSegmentChanged, limit: 20)).items.map(\.key))
                == ["account.segment.changed:a1:1768435200000:enterprise", "account.segment.changed:a2:1768435200000:none"])
            var modelOnly = enterprise
            modelOnly.engagementModel = .midTouch
            #expect(try await store.assignSegments(["a1": modelOnly, "a2": smb], definitionVersion: 2, at: Fixtures.day(2)) == 2)
            #expect(try await changes(.accountSegmentChanged).count == 3, "a new engagement model alone moves no segment")

            _ = try await store.upsertAccount(AccountDraft(id: "a1", lifecycleStage: .renewal), newID: "x", at: Fixtures.day(3))
            _ = try await store.upsertAccount(AccountDraft(id: "a1", name: "Acme", lifecycleStage: .renewal), newID: "x", at: Fixtures.day(4))
            _ = try await store.upsertAccount(AccountDraft(id: "a7", name: "New", lifecycleStage: .trial), newID: "x", at: Fixtures.day(4))
            let drafts = [AccountDraft(id: "a2", lifecycleStage: .churned), AccountDraft(id: "a1", tags: ["vip"])]
            try await store.upsertAccounts(drafts, at: Fixtures.day(5))
            #expect(try await changes(.accountStageChanged) == [change("a1", "adoption", "renewal"), change("a2", "adoption", "churned")])
            #expect(try await store.events(EventQuery(type: .accountStageChanged, accountID: "a1", limit: 5)).items.map(\.key)
                == ["account.stage.changed:a1:1768694400000:renewal"])
        }
    }
}
