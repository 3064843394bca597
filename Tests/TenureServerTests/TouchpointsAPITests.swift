import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TenureCore
import TenureServer
import TenureStore
import TenureTestSupport

/// The touchpoint routes: logged with the account's contacts as attendees and a next step that becomes a task (with its
/// `task.created` event), listed and filtered, refused with the field named.
@Suite("Touchpoints API")
struct TouchpointsAPITests {
    static func ids(_ json: [String: Any]) -> [String] {
        (json["data"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    @Test("a touchpoint with attendees and a next step makes a task, due in its days, with a task.created event", arguments: Backend.allCases)
    func nextStepTask(backend: Backend) async throws {
        try await APIHarness.run(backend) { harness, client in
            let api = APICaller(harness: harness, client: client)
            let body = #"""
                {"account_id":"a1","kind":"call","summary":"Exports keep failing","attendees":["c1"],"csm_id":"csm_1",
                 "executive_sponsor_present":true,"next_step":"Send the export guide","create_task":true,"next_step_due_days":2}
                """#
            let logged = try await api(.post, "/api/v1/touchpoints", body)
            #expect(logged.status == .created)
            let touchpoint = try #require(logged.json["touchpoint"] as? [String: Any])
            let id = try #require(touchpoint["id"] as? String)
            #expect(touchpoint["attendees"] as? [String] == ["c1"] && touchpoint["executive_sponsor_present"] as? Bool == true)
            #expect(touchpoint["occurred_at"] as? String == "2026-06-15T12:00:00.000Z", "left out, it happened now")
            let task = try #require(logged.json["task"] as? [String: Any])
            #expect(task["title"] as? String == "Send the export guide" && task["owner_id"] as? String == "csm_1")
            #expect(task["due_at"] as? String == "2026-06-17T12:00:00.000Z" && task["source"] as? String == "touchpoint:\(id)")
            #expect(task["account_name"] as? String == "Acme Analytics" && task["owner_name"] as? String == "Ada Berg")

            let shown = try await api(.get, "/api/v1/touchpoints/\(id)", as: .viewer)
            #expect(shown.status == .ok && shown.json["next_step"] as? String == "Send the export guide" && shown.json["kind"] as? String == "call")
            let events = try await api(.get, "/api/v1/events?type=task.created", as: .viewer)
            #expect((events.json["data"] as? [[String: Any]])?.map { $0["account_id"] as? String } == ["a1"])
            let eventID = try #require(Self.ids(events.json).first)
            let event = try await api(.get, "/api/v1/events/\(eventID)", as: .viewer)
            #expect(((event.json["payload"] as? [String: Any])?["data"] as? [String: Any])?["task_id"] as? String == task["id"] as? String)

            // The fixtures hold tp1, a QBR of 2025-12-16.
            #expect(Self.ids(try await api(.get, "/api/v1/touchpoints?account_id=a1", as: .viewer).json) == [id, "tp1"])
            #expect(Self.ids(try await api(.get, "/api/v1/touchpoints?kind=qbr", as: .viewer).json) == ["tp1"])
            #expect(Self.ids(try await api(.get, "/api/v1/touchpoints?since=2026-06-01", as: .viewer).json) == [id])
            #expect(Self.ids(try await api(.get, "/api/v1/touchpoints?csm_id=csm_2", as: .viewer).json) == [])

            let plain = try await api(.post, "/api/v1/touchpoints",
                                                     #"{"account_id":"a2","kind":"note","summary":"Quiet","next_step":"Check in later"}"#)
            #expect(plain.status == .created && plain.json["task"] == nil, "without create_task the next step stays words")
            #expect(try await harness.store.tasks(TaskQuery(accountID: "a2")).total == 0)
        }
    }

    @Test("refusals name the field and store nothing: an unknown or another account's contact (attendees[0]), no next step, NUL…",
          arguments: Backend.allCases)
    func refusals(backend: Backend) async throws {
        try await APIHarness.run(backend) { harness, client in
            let api = APICaller(harness: harness, client: client)
            let cases: [(body: String, status: HTTPResponse.Status, field: String)] = [
                (#"{"account_id":"a1","kind":"call","summary":"S","attendees":["c_nobody"]}"#, .unprocessableContent, "attendees[0]"),
                (#"{"account_id":"a2","kind":"call","summary":"S","attendees":["c1"]}"#, .unprocessableContent, "attendees[0]"),
                (#"{"account_id":"nope","kind":"call","summary":"S"}"#, .unprocessableContent, "account_id"),
                (#"{"account_id":"a1","kind":"call","summary":"S","create_task":true}"#, .unprocessableContent, "next_step"),
                (#"{"account_id":"a1","kind":"call","summary":"S","next_step":"N","create_task":true,"next_step_due_days":-1}"#,
                 .unprocessableContent, "next_step_due_days"),
                (#"{"account_id":"a1","kind":"call","summary":"   "}"#, .unprocessableContent, "summary"),
                (#"{"account_id":"a1","kind":"call","summary":"S\u0000"}"#, .badRequest, "summary"),
                (#"{"account_id":"a1","kind":"lunch","summary":"S"}"#, .badRequest, "kind"),
            ]
            for (body, status, field) in cases {
                let response = try await api(.post, "/api/v1/touchpoints", body)
                #expect(response.status == status, "\(body)")
                #expect((response.json["error"] as? [String: String])?["field"] == field, "\(body) → \(response.json)")
            }
            #expect(try await harness.store.touchpoints(TouchpointQuery()).total == 1, "only the fixtures' touchpoint")
            #expect(try await harness.store.tasks(TaskQuery(statuses: SuccessTask.Status.allCases)).total == 1, "only the fixtures' task")
            #expect(try await api(.post, "/api/v1/touchpoints", #"{"account_id":"a1","kind":"call","summary":"S"}"#,
                                                 as: .viewer).status == .forbidden)
            #expect(try await api(.get, "/api/v1/touchpoints/tp_none", as: .viewer).status == .notFound)
            for uri in ["/api/v1/touchpoints?colour=red", "/api/v1/touchpoints/tp1?colour=red"] {
                let response = try await api(.get, uri, as: .viewer)
                #expect(response.status == .badRequest && (response.json["error"] as? [String: String])?["field"] == "colour", "\(uri)")
            }
            let kind = try await api(.get, "/api/v1/touchpoints?kind=lunch", as: .viewer)
            #expect(kind.status == .badRequest && (kind.json["error"] as? [String: String])?["field"] == "kind")
        }
    }
}
