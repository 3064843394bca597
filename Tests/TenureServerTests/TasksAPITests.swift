import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TenureCore
import TenureServer
import TenureStore
import TenureTestSupport

/// The task routes: manual tasks with SLAs in business hours, filters, the life of a task (snooze, reassign, comment,
/// complete once), its history, the load per owner, roles, hostile input and concurrent completes.
@Suite("Tasks API")
struct TasksAPITests {
    /// Friday 2026-06-19 15:00 UTC: two business hours before the weekend.
    static let friday = Date(timeIntervalSince1970: 1_781_881_200)

    /// Runs `body` against a router whose clock reads `now` (the business calendar is the default, Monday to Friday 09–17 UTC).
    static func run(_ backend: Backend, at now: Date = TestClock.now,
                    _ body: @escaping @Sendable (APIHarness, APICaller) async throws -> Void) async throws {
        try await APIHarness.run(backend) { harness, _ in
            let app = Application(router: buildRouter(store: harness.store, configuration: ServerConfiguration(clock: .fixed(now))))
            try await app.test(.router) { client in try await body(harness, APICaller(harness: harness, client: client)) }
        }
    }

    static func ids(_ json: [String: Any]) -> [String] {
        (json["data"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    @Test("a manual task's SLA counts business hours over a weekend; its snooze, reassignment, comment and one completion are its history",
          arguments: Backend.allCases)
    func lifecycle(backend: Backend) async throws {
        try await Self.run(backend, at: Self.friday) { harness, api in
            let created = try await api(.post, "/api/v1/tasks", #"""
                {"account_id":"a1","title":"Call Acme about the renewal","due_days":3,"sla_business_hours":4,"priority":"high"}
                """#)
            #expect(created.status == .created)
            let id = try #require(created.json["id"] as? String)
            // Friday 15:00–17:00 is two business hours; Monday 09:00 plus the other two is 11:00.
            #expect(created.json["sla_due_at"] as? String == "2026-06-22T11:00:00.000Z")
            #expect(created.json["due_at"] as? String == "2026-06-22T15:00:00.000Z")
            #expect(created.json["owner_id"] as? String == "csm_1" && created.json["owner_name"] as? String == "Ada Berg",
                    "a task naming no owner goes to the account's")
            #expect(created.json["account_name"] as? String == "Acme Analytics" && created.json["status"] as? String == "open")
            #expect(created.json["source"] as? String == "manual" && created.json["overdue"] as? Bool == false)

            // The fixtures' task1 (csm_1, due 2026-02-14) is overdue and comes first.
            #expect(Self.ids(try await api(.get, "/api/v1/tasks?owner=csm_1", as: .viewer).json) == ["task1", id])
            #expect(Self.ids(try await api(.get, "/api/v1/tasks?overdue=true", as: .viewer).json) == ["task1"])
            #expect(Self.ids(try await api(.get, "/api/v1/tasks?due_before=2026-06-22T11:00:01Z", as: .viewer).json)
                    == ["task1", id])
            #expect(Self.ids(try await api(.get, "/api/v1/tasks?due_before=2026-06-22T11:00:00Z", as: .viewer).json)
                    == ["task1"])
            #expect(Self.ids(try await api(.get, "/api/v1/tasks?account_id=a2", as: .viewer).json) == [])
            #expect(Self.ids(try await api(.get, "/api/v1/tasks?status=done,canceled", as: .viewer).json) == [])

            let snoozed = try await api(.post, "/api/v1/tasks/\(id)/snooze", #"{"days":2}"#)
            #expect(snoozed.status == .ok && snoozed.json["status"] as? String == "snoozed")
            #expect(snoozed.json["snoozed_until"] as? String == "2026-06-21T15:00:00.000Z")
            let reassigned = try await api(.post, "/api/v1/tasks/\(id)/reassign", #"{"queue":"renewals"}"#)
            #expect(reassigned.status == .ok && reassigned.json["queue"] as? String == "renewals" && reassigned.json["owner_id"] == nil)
            #expect(Self.ids(try await api(.get, "/api/v1/tasks?queue=renewals&status=snoozed", as: .viewer).json) == [id])
            let comment = try await api(.post, "/api/v1/tasks/\(id)/comments", #"{"body":"Left a voicemail"}"#)
            #expect(comment.status == .created && comment.json["author"] as? String == "member key" && comment.json["task_id"] as? String == id)

            let completed = try await api(.post, "/api/v1/tasks/\(id)/complete", #"{"outcome":"saved","note":"Renewed"}"#)
            #expect(completed.status == .ok && completed.json["status"] as? String == "done")
            #expect(completed.json["outcome"] as? String == "saved" && completed.json["completed_at"] as? String == "2026-06-19T15:00:00.000Z")
            let again = try await api(.post, "/api/v1/tasks/\(id)/complete", #"{"outcome":"no_response"}"#)
            #expect(again.status == .conflict && (again.json["error"] as? [String: String])?["code"] == "conflict")

            let detail = try await api(.get, "/api/v1/tasks/\(id)", as: .viewer).json
            #expect(detail["outcome"] as? String == "saved" && detail["outcome_note"] as? String == "Renewed",
                    "the refused completion changed nothing")
            let history = detail["history"] as? [[String: Any]] ?? []
            #expect(history.map { $0["action"] as? String } == ["created", "snoozed", "reassigned", "commented", "completed"])
            #expect(history.allSatisfy { $0["actor"] as? String == "member key" })
            #expect(history.first?["detail"] as? String == "for csm_1, due 2026-06-22 15:00 UTC, SLA 2026-06-22 11:00 UTC")
            #expect(history.last?["detail"] as? String == "outcome saved; note “Renewed”")
            #expect((detail["comments"] as? [[String: Any]])?.map { $0["body"] as? String } == ["Left a voicemail"])
            #expect(Self.ids(try await api(.get, "/api/v1/tasks?status=done", as: .viewer).json) == [id])

            let reopened = try await api(.post, "/api/v1/tasks/\(id)/reopen")
            #expect(reopened.status == .ok && reopened.json["status"] as? String == "open" && reopened.json["outcome"] == nil)
            let edited = try await api(.patch, "/api/v1/tasks/\(id)", #"{"title":"Call about terms","priority":"urgent"}"#)
            #expect(edited.status == .ok && edited.json["title"] as? String == "Call about terms" && edited.json["priority"] as? String == "urgent")
            let started = try await api(.post, "/api/v1/tasks/\(id)/start")
            #expect(started.status == .ok && started.json["status"] as? String == "in_progress")
            let canceled = try await api(.post, "/api/v1/tasks/\(id)/cancel", #"{"reason":"Renewed already"}"#)
            #expect(canceled.status == .ok && canceled.json["status"] as? String == "canceled")
            #expect(try await api(.post, "/api/v1/tasks/\(id)/start").status == .conflict)
        }
    }

    @Test("the load shows each owner's and queue's open tasks: overdue, due today, due this week, all", arguments: Backend.allCases)
    func load(backend: Backend) async throws {
        try await Self.run(backend) { harness, api in
            // Monday 2026-06-15 12:00: today ends at midnight, the week on Sunday night.
            for body in [#"{"account_id":"a1","title":"Due today","due_at":"2026-06-15T17:00:00Z"}"#,
                         #"{"account_id":"a2","title":"Due Friday","queue":"renewals","due_at":"2026-06-19T12:00:00Z"}"#,
                         #"{"account_id":"a2","title":"Due next month","queue":"renewals","due_days":30}"#] {
                #expect(try await api(.post, "/api/v1/tasks", body).status == .created)
            }
            let load = try await api(.get, "/api/v1/tasks/load", as: .viewer)
            #expect(load.status == .ok)
            #expect(load.json["day_end"] as? String == "2026-06-16T00:00:00.000Z" && load.json["week_end"] as? String == "2026-06-22T00:00:00.000Z")
            let lines = (load.json["data"] as? [[String: Any]] ?? []).map { line in
                [line["owner_id"] as? String ?? line["queue"] as? String ?? "?"]
                    + ["open", "overdue", "due_today", "due_this_week"].map { "\(line[$0] ?? "-")" }
            }
            // csm_1: the fixtures' overdue task1 and "Due today"; renewals: Friday's and next month's.
            #expect(lines == [["csm_1", "2", "1", "1", "1"], ["renewals", "2", "0", "0", "1"]])
        }
    }

    @Test("refusals name the field and change nothing: unknown account, two owners, NUL in the title, past snooze, body over the limit…",
          arguments: Backend.allCases)
    func refusals(backend: Backend) async throws {
        try await Self.run(backend) { harness, api in
            let history = try await harness.store.taskHistory(taskID: "task1")
            let cases: [(body: String, status: HTTPResponse.Status, field: String)] = [
                (#"{"account_id":"nope","title":"T"}"#, .unprocessableContent, "account_id"),
                (#"{"account_id":"a1","title":"T","owner_id":"csm_1","queue":"renewals"}"#, .unprocessableContent, "queue"),
                (#"{"account_id":"a1","title":"T","due_at":"2026-07-01","due_days":3}"#, .unprocessableContent, "due_days"),
                (#"{"account_id":"a1","title":"T","sla_business_hours":0}"#, .unprocessableContent, "sla_business_hours"),
                (#"{"account_id":"a1","title":"Call\u0000Acme"}"#, .badRequest, "title"),
                (#"{"account_id":"a1","title":"Call\u001bAcme"}"#, .unprocessableContent, "title"),
                (#"{"account_id":"a1","title":"   "}"#, .unprocessableContent, "title"),
                (#"{"account_id":"a1","title":"T","priority":"asap"}"#, .badRequest, "priority"),
                (#"{"title":"T"}"#, .badRequest, "account_id"),
            ]
            for (body, status, field) in cases {
                let response = try await api(.post, "/api/v1/tasks", body)
                #expect(response.status == status, "\(body)")
                #expect((response.json["error"] as? [String: String])?["field"] == field, "\(body) → \(response.json)")
            }
            let huge = #"{"account_id":"a1","title":"T","details":""# + String(repeating: "x", count: 1 << 20) + #""}"#
            #expect(try await api(.post, "/api/v1/tasks", huge).status == .contentTooLarge)
            #expect(try await harness.store.tasks(TaskQuery(statuses: SuccessTask.Status.allCases)).total == 1, "only the fixtures' task")

            for (path, body, field) in [("snooze", #"{"until":"2026-06-01T00:00:00Z"}"#, "until"), ("snooze", "{}", "until"),
                                        ("snooze", #"{"until":"2026-07-01","days":2}"#, "days"), ("reassign", "{}", "owner_id"),
                                        ("reassign", #"{"owner_id":""}"#, "owner_id"), ("comments", #"{"body":""}"#, "body")] {
                let response = try await api(.post, "/api/v1/tasks/task1/\(path)", body)
                #expect(response.status == .unprocessableContent, "\(path) \(body)")
                #expect((response.json["error"] as? [String: String])?["field"] == field, "\(path) \(body)")
            }
            let status = try await api(.get, "/api/v1/tasks?status=open,lost", as: .viewer)
            #expect(status.status == .badRequest && (status.json["error"] as? [String: String])?["field"] == "status")
            #expect(try await api(.post, "/api/v1/tasks/task_none/complete").status == .notFound)
            #expect(try await api(.get, "/api/v1/tasks/task_none", as: .viewer).status == .notFound)
            #expect(try await harness.store.taskHistory(taskID: "task1") == history, "no refused change reached the history")
        }
    }

    @Test("a viewer reads tasks but every write is a 403; every task route refuses unknown query parameters")
    func roles() async throws {
        try await Self.run(.sqlite) { harness, api in
            #expect(try await api(.get, "/api/v1/tasks", as: .viewer).status == .ok)
            #expect(try await api(.get, "/api/v1/tasks/task1", as: .viewer).status == .ok)
            let writes: [(HTTPRequest.Method, String, String?)] = [
                (.post, "/api/v1/tasks", #"{"account_id":"a1","title":"T"}"#), (.patch, "/api/v1/tasks/task1", #"{"title":"T"}"#),
                (.post, "/api/v1/tasks/task1/complete", nil), (.post, "/api/v1/tasks/task1/snooze", #"{"days":1}"#),
                (.post, "/api/v1/tasks/task1/reassign", #"{"queue":"q"}"#), (.post, "/api/v1/tasks/task1/comments", #"{"body":"b"}"#),
                (.post, "/api/v1/tasks/task1/start", nil), (.post, "/api/v1/tasks/task1/cancel", nil),
            ]
            for (method, uri, body) in writes {
                #expect(try await api(method, uri, body, as: .viewer).status == .forbidden, "\(method) \(uri)")
            }
            #expect(try await harness.store.task(id: "task1")?.status == .open)
            for uri in ["/api/v1/tasks?colour=red", "/api/v1/tasks/load?colour=red", "/api/v1/tasks/task1?colour=red"] {
                let response = try await api(.get, uri, as: .viewer)
                #expect(response.status == .badRequest && (response.json["error"] as? [String: String])?["field"] == "colour", "\(uri)")
            }
            let unknown = try await api(.post, "/api/v1/tasks/task1/complete?colour=red")
            #expect(unknown.status == .badRequest)
            #expect(try await harness.store.task(id: "task1")?.status == .open)
        }
    }

    @Test("20 concurrent completes of one task: exactly one 200, the rest 409, one completed line in its history", arguments: Backend.allCases)
    func concurrentCompletes(backend: Backend) async throws {
        try await Self.run(backend) { harness, api in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        try await api(.post, "/api/v1/tasks/task1/complete", #"{"note":"try \#(index)"}"#).status
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 1)
            #expect(statuses.filter { $0 == .conflict }.count == 19, "\(statuses)")
            let completions = try await harness.store.taskHistory(taskID: "task1").filter { $0.action == .completed }
            let note = try #require(try await harness.store.task(id: "task1")?.outcomeNote)
            #expect(completions.map(\.detail) == ["note “\(note)”"], "the one completion that won is the one recorded")
        }
    }
}

/// A test client holding a harness's keys: sends a JSON body (if any) with a role's key and answers the status and the
/// body's JSON.
struct APICaller: Sendable {
    let harness: APIHarness
    let client: any TestClientProtocol

    func callAsFunction(_ method: HTTPRequest.Method, _ uri: String, _ body: String? = nil, as role: Role = .member,
                        contentType: String = "application/json") async throws -> (status: HTTPResponse.Status, json: [String: Any]) {
        var headers = harness.headers(role)
        if body != nil { headers[.contentType] = contentType }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) {
            ($0.status, $0.json)
        }
    }
}
