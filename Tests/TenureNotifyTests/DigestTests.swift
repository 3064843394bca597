import Foundation
import Testing
import TenureCore
import TenureNotify
import TenureStore
import TenureTestSupport

/// The CSM's daily digest and renewal notices, on both backends with a fixed clock.
@Suite("Daily digest and renewal notices")
struct DigestTests {
    /// 09:00 UTC on the fixtures' day: after the default digest hour (8).
    static let morning = Fixtures.now.addingTimeInterval(9 * 3_600)

    @Test("a CSM's digest lists their newly red accounts, tasks, renewals and failed payments, once a day, after the hour",
          arguments: Backend.allCases)
    func digest(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            var batch = Fixtures.batch()
            batch.tasks.append(SuccessTask(id: "task2", accountID: "a1", ownerID: "csm_1", title: "Call about the failed payment",
                                           status: .open, priority: .high, dueAt: Fixtures.day(-1), createdAt: Fixtures.day(-3)))
            try await store.write(batch, asOf: Self.morning)
            let red = DomainEvent(type: .accountHealthChanged, accountID: "a1", occurredAt: Self.morning,
                                  data: ["previous": .object(["score": .number(61), "colour": .string("yellow")]),
                                         "current": .object(["score": .number(38), "colour": .string("red")])], key: "red-a1")
            let failed = DomainEvent(type: .paymentFailed, accountID: "a1", occurredAt: Self.morning,
                                     data: ["invoice_id": .string("in_9")], key: "failed-a1")
            let elsewhere = DomainEvent(type: .paymentFailed, accountID: "a2", occurredAt: Self.morning,
                                        data: ["invoice_id": .string("in_8")], key: "failed-a2")
            _ = try await store.appendEvents([red, failed, elsewhere], at: Self.morning)

            let early = DailyDigest(store: store, configuration: NotifyConfiguration(), clock: .fixed(Fixtures.now.addingTimeInterval(7 * 3_600)))
            #expect(try await early.run() == "before the digest hour")

            let digest = DailyDigest(store: store, configuration: NotifyConfiguration(), clock: .fixed(Self.morning))
            let book = try await digest.book(of: "csm_1", at: Self.morning)
            #expect(book.newlyRed == ["Acme Analytics: score 61 → 38"])
            #expect(book.paymentsFailed == ["Acme Analytics: invoice in_9"], "a2 has no owner: not csm_1's book")
            #expect(book.renewals == ["Acme Analytics: renews 2026-02-05"], "sub_a1 renews on day 21; sub_a2 on day 165")
            #expect(book.atRisk.isEmpty)
            #expect(book.tasks == ["Call about the failed payment (Acme Analytics, overdue since 2026-01-14)"], "task1 is due in 30 days")
            #expect(try await digest.book(of: "csm_nobody", at: Self.morning).isEmpty)

            #expect(try await digest.run() == "1 digests for 2026-01-15: 0 emailed, each a digest.daily event for the endpoints that subscribe")
            #expect(try await digest.run() == "0 digests for 2026-01-15: 0 emailed, each a digest.daily event for the endpoints that subscribe",
                    "once a day, whichever node runs it")
            let sent = try await store.events(EventQuery(type: .digestDaily, limit: 10)).items
            #expect(sent.count == 1)
            let payload = try JSONDecoder().decode([String: JSONValue].self, from: sent[0].payload)
            guard case .object(let data)? = payload["data"], case .array(let lines)? = data["lines"] else {
                Issue.record("no lines in \(payload)")
                return
            }
            #expect(data["owner_id"] == .string("csm_1"))
            #expect(lines.contains(.string("Newly red:")) && lines.contains(.string("• Acme Analytics: score 61 → 38")))
        }
    }

    @Test("renewal notices: one event per live renewal at its nearest notice, none written twice", arguments: Backend.allCases)
    func renewalNotices(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await store.write(Fixtures.batch(), asOf: Fixtures.now)
            let notices = RenewalNotices(store: store, clock: .fixed(Fixtures.now))
            #expect(try await notices.run() == "2 renewal notices written")
            #expect(try await notices.run() == "0 renewal notices written")
            let events = try await store.events(EventQuery(type: .renewalUpcoming, limit: 10)).items
            let days = try events.map { event -> JSONValue? in
                let payload = try JSONDecoder().decode([String: JSONValue].self, from: event.payload)
                guard case .object(let data)? = payload["data"] else { return nil }
                return data["notice_days"]
            }
            #expect(Set(days.compactMap { $0 }) == [.number(30), .number(180)], "sub_a1 in 21 days, sub_a2 in 165 days")
        }
    }
}
