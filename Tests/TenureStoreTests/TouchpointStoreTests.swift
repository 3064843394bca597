import Foundation
import Testing
import TenureCore
import TenureStore
import TenureTestSupport

/// Touchpoints on both backends: attendees and next steps read back as written, the next step's task is written with
/// the touchpoint (or neither is), and the log lists newest first with its filters.
@Suite("Touchpoints")
struct TouchpointStoreTests {
    static let now = Fixtures.now

    @Test("a touchpoint with attendees and a next step reads back as written; its next task is created with history and one event",
          arguments: Backend.allCases)
    func logWithNextTask(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await store.write(Fixtures.batch(), asOf: Self.now)
            let call = Touchpoint(id: "tp_call", accountID: "a1", csmID: "csm_1", kind: .call, occurredAt: Fixtures.day(-1), summary: "Renewal call",
                                  attendees: ["c1", "c2"], nextStep: "Send the ROI deck")
            let next = SuccessTask(id: "task_deck", accountID: "a1", ownerID: "csm_1", title: "Send the ROI deck", dueAt: Fixtures.day(2),
                                   createdAt: Self.now, source: "touchpoint:tp_call")
            let version = try await store.factsVersion()
            try await store.logTouchpoint(call, nextTask: next, actor: "ana@example.com", at: Self.now)
            #expect(try await store.touchpoint(id: "tp_call") == call)
            #expect(try await store.factsVersion() > version, "health signals read touchpoints")
            #expect(try await store.task(id: "task_deck") == next)
            #expect(try await store.taskHistory(taskID: "task_deck").map(\.actor) == ["ana@example.com"])
            let events = try await store.events(EventQuery(type: .taskCreated, limit: 10)).items
            #expect(events.count == 1 && events.first?.data["source"] == .string("touchpoint:tp_call"))

            let note = Touchpoint(id: "tp_note", accountID: "a2", kind: .note, occurredAt: Fixtures.day(-2), summary: "Quiet month")
            try await store.logTouchpoint(note, nextTask: nil, actor: "ana", at: Self.now)
            #expect(try await store.touchpoint(id: "tp_note") == note, "no attendees, no next step")
            #expect(try await store.tasks(TaskQuery()).total == 2, "the fixture's task and the deck")

            var untitled = next
            (untitled.id, untitled.title) = ("task_bad", "")
            let refused = Touchpoint(id: "tp_refused", accountID: "a1", kind: .email, occurredAt: Self.now, summary: "Sent", nextStep: "?")
            await #expect(throws: ValidationError.self) { try await store.logTouchpoint(refused, nextTask: untitled, actor: "ana", at: Self.now) }
            #expect(try await store.touchpoint(id: "tp_refused") == nil, "the touchpoint rolled back with its task")
        }
    }

    @Test("touchpoints list newest first, by account, CSM, kind and date, with a total for paging", arguments: Backend.allCases)
    func query(backend: Backend) async throws {
        try await TestDatabases.withStore(backend) { store in
            try await store.write(Fixtures.batch(), asOf: Self.now)
            let logged = [
                Touchpoint(id: "tp_a", accountID: "a1", csmID: "csm_1", kind: .call, occurredAt: Fixtures.day(-1), summary: "Call"),
                Touchpoint(id: "tp_b", accountID: "a2", csmID: "csm_2", kind: .meeting, occurredAt: Fixtures.day(-3), summary: "Kickoff"),
                Touchpoint(id: "tp_c", accountID: "a2", csmID: "csm_1", kind: .call, occurredAt: Fixtures.day(-2), summary: "Follow-up"),
            ]
            for touchpoint in logged { try await store.logTouchpoint(touchpoint, nextTask: nil, actor: "ana", at: Self.now) }
            func ids(_ query: TouchpointQuery) async throws -> [String] { try await store.touchpoints(query).items.map(\.id) }
            #expect(try await ids(TouchpointQuery()) == ["tp_a", "tp_c", "tp_b", "tp1"], "tp1 is the fixtures' QBR of day −30")
            #expect(try await ids(TouchpointQuery(accountID: "a2")) == ["tp_c", "tp_b"])
            #expect(try await ids(TouchpointQuery(csmID: "csm_1")) == ["tp_a", "tp_c", "tp1"])
            #expect(try await ids(TouchpointQuery(kind: .call)) == ["tp_a", "tp_c"])
            #expect(try await ids(TouchpointQuery(since: Fixtures.day(-2))) == ["tp_a", "tp_c"])
            let page = try await store.touchpoints(TouchpointQuery(limit: 1, offset: 1))
            #expect(page.items.map(\.id) == ["tp_c"] && page.total == 4)
        }
    }
}
