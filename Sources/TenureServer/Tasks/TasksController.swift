import Foundation
import Hummingbird
import TenureCore
import TenureEngine
import TenureStore

/// `/api/v1/tasks`: the task queue — listed and filtered, created by hand, edited, and moved through its life
/// (start, complete, snooze, reassign, reopen, cancel) with comments; each change names the API key that made it in
/// the task's history. A change the task's status does not allow (completing a done task) is a 409.
struct TasksController {
    let store: any Store
    let clock: WallClock
    /// The business calendar manual tasks' SLAs count in.
    let calendar: BusinessCalendar

    func register(on group: RouterGroup<TenureRequestContext>) {
        let viewer = group.requiring(.viewer), member = group.requiring(.member)
        viewer.get(use: list)
        member.post(use: create)
        viewer.get("load", use: load)
        viewer.get(":id", use: show)
        member.patch(":id", use: edit)
        member.post(":id/start", use: start)
        member.post(":id/complete", use: complete)
        member.post(":id/snooze", use: snooze)
        member.post(":id/reassign", use: reassign)
        member.post(":id/reopen", use: reopen)
        member.post(":id/cancel", use: cancel)
        member.post(":id/comments", use: comment)
    }

    /// `GET /api/v1/tasks?owner=&queue=&account_id=&status=open,snoozed&due_before=&overdue=true&playbook_run=&limit=50&offset=0`:
    /// soonest deadline first; open, in-progress and snoozed tasks unless `status` says otherwise.
    @Sendable func list(_ request: Request, context: TenureRequestContext) async throws -> PageResource<TaskResource> {
        let query = try QueryReader(request, allowed: ["owner", "queue", "account_id", "status", "due_before", "overdue", "playbook_run",
                                                       "limit", "offset"])
        let now = clock.now()
        let selection = TaskQuery(
            ownerID: try query.string("owner"), queue: try query.string("queue"), accountID: try query.string("account_id"),
            statuses: try Self.statuses(query.string("status")), dueBefore: try query.date("due_before"),
            overdueAt: try query.bool("overdue", default: false) ? now : nil, playbookRunID: try query.string("playbook_run"),
            limit: try query.int("limit", default: 50, in: 1...500), offset: try query.int("offset", default: 0, in: 0...10_000_000))
        return PageResource(try await store.tasks(selection)) { TaskResource($0, at: now) }
    }

    /// `POST /api/v1/tasks`: 201 with the task; the account must exist (422 naming `account_id`).
    @Sendable func create(_ request: Request, context: TenureRequestContext) async throws -> EditedResponse<TaskResource> {
        _ = try QueryReader(request, allowed: [])
        let draft = try await request.decodeJSON(as: TaskDraft.self, context: context)
        try Check.maxLength(draft.accountID, "account_id", 200)
        guard let account = try await store.account(id: draft.accountID) else {
            throw ValidationError(field: "account_id", "there is no account '\(draft.accountID)'")
        }
        let now = clock.now()
        let task = try draft.task(accountOwner: account.account.ownerID, calendar: calendar, at: now)
        try await store.createTask(task, actor: try context.authenticatedCaller().keyName, at: now)
        return EditedResponse(status: .created, response: try await resource(task))
    }

    /// `GET /api/v1/tasks/load`: each owner's and queue's open tasks — overdue, due by the end of today and of this
    /// week (UTC, weeks end on Sunday), and all.
    @Sendable func load(_ request: Request, context: TenureRequestContext) async throws -> TaskLoadResource {
        _ = try QueryReader(request, allowed: [])
        let now = clock.now()
        let today = UTCCalendar.startOfDay(now)
        // Calendar weekdays run from Sunday (1) to Saturday (7); days left in the week, today included.
        let daysLeft = 7 - (UTCCalendar.calendar.component(.weekday, from: now) + 5) % 7
        let (dayEnd, weekEnd) = (today.adding(days: 1), today.adding(days: Double(daysLeft)))
        let load = try await store.taskLoad(at: now, dayEnd: dayEnd, weekEnd: weekEnd)
        return TaskLoadResource(asOf: now, dayEnd: dayEnd, weekEnd: weekEnd, data: load)
    }

    /// `GET /api/v1/tasks/{id}`: the task with its comments and history, oldest first.
    @Sendable func show(_ request: Request, context: TenureRequestContext) async throws -> TaskResource {
        _ = try QueryReader(request, allowed: [])
        let id = try context.parameters.decoded("id")
        guard let task = try await store.task(id: id) else { throw APIError.notFound("task '\(id)'") }
        return try await resource(task, comments: try await store.comments(taskID: id), history: try await store.taskHistory(taskID: id))
    }

    /// `PATCH /api/v1/tasks/{id}`: fields left out keep their value.
    @Sendable func edit(_ request: Request, context: TenureRequestContext) async throws -> TaskResource {
        let edit = try await request.decodeJSON(as: TaskEdit.self, context: context)
        return try await apply(.edit(title: edit.title, details: edit.details, dueAt: edit.dueAt, priority: edit.priority), request, context)
    }

    @Sendable func start(_ request: Request, context: TenureRequestContext) async throws -> TaskResource {
        try await apply(.start, request, context)
    }

    /// `POST …/complete` with an optional `{"outcome": "saved", "note": "…"}`.
    @Sendable func complete(_ request: Request, context: TenureRequestContext) async throws -> TaskResource {
        let completion = try await request.decodeOptionalJSON(as: TaskCompletion.self, context: context) ?? TaskCompletion()
        try Check.maxLength(completion.note, "note", 10_000)
        return try await apply(.complete(outcome: completion.outcome, note: completion.note), request, context)
    }

    /// `POST …/snooze` with `{"until": "…"}` (in the future) or `{"days": 3}`.
    @Sendable func snooze(_ request: Request, context: TenureRequestContext) async throws -> TaskResource {
        let snooze = try await request.decodeJSON(as: TaskSnooze.self, context: context)
        return try await apply(.snooze(until: try snooze.until(from: clock.now())), request, context)
    }

    /// `POST …/reassign` with `{"owner_id": "csm_2"}` or `{"queue": "onboarding"}`.
    @Sendable func reassign(_ request: Request, context: TenureRequestContext) async throws -> TaskResource {
        let body = try await request.decodeJSON(as: TaskReassignment.self, context: context)
        try BodyRules.oneOf(body.ownerID, "owner_id", body.queue, "queue")
        try BodyRules.nonBlank(body.ownerID, "owner_id")
        try BodyRules.nonBlank(body.queue, "queue")
        if body.ownerID == nil && body.queue == nil { throw ValidationError(field: "owner_id", "is required (or give queue)") }
        return try await apply(.reassign(ownerID: body.ownerID, queue: body.queue), request, context)
    }

    @Sendable func reopen(_ request: Request, context: TenureRequestContext) async throws -> TaskResource {
        try await apply(.reopen, request, context)
    }

    /// `POST …/cancel` with an optional `{"reason": "…"}`.
    @Sendable func cancel(_ request: Request, context: TenureRequestContext) async throws -> TaskResource {
        let reason = try await request.decodeOptionalJSON(as: Cancellation.self, context: context)?.reason
        try Check.maxLength(reason, "reason", 1_000)
        return try await apply(.cancel(reason: reason), request, context)
    }

    /// `POST …/comments` with `{"body": "…"}`: 201 with the comment.
    @Sendable func comment(_ request: Request, context: TenureRequestContext) async throws -> EditedResponse<JSONResource<TaskComment>> {
        _ = try QueryReader(request, allowed: [])
        let id = try context.parameters.decoded("id")
        let draft = try await request.decodeJSON(as: CommentDraft.self, context: context)
        let comment = TaskComment(taskID: id, author: try context.authenticatedCaller().keyName, body: draft.body, createdAt: clock.now())
        guard try await store.addComment(comment) else { throw APIError.notFound("task '\(id)'") }
        return EditedResponse(status: .created, response: JSONResource(comment))
    }

    /// Applies `change` to the task at the path as the calling key; the task as it is afterwards.
    private func apply(_ change: TaskUpdate, _ request: Request, _ context: TenureRequestContext) async throws -> TaskResource {
        _ = try QueryReader(request, allowed: [])
        let id = try context.parameters.decoded("id")
        guard let task = try await store.updateTask(id: id, change, actor: try context.authenticatedCaller().keyName, at: clock.now()) else {
            throw APIError.notFound("task '\(id)'")
        }
        return try await resource(task)
    }

    /// `task` with the names of its account and owner.
    private func resource(_ task: SuccessTask, comments: [TaskComment]? = nil, history: [TaskChange]? = nil) async throws -> TaskResource {
        TaskResource(try await TaskRow.named(task, in: store), at: clock.now(), comments: comments, history: history)
    }

    /// The statuses of a comma-separated list (`open,snoozed`); empty when absent.
    static func statuses(_ text: String?) throws -> [SuccessTask.Status] {
        try (text?.split(separator: ",", omittingEmptySubsequences: false) ?? []).map { name in
            guard let status = SuccessTask.Status(rawValue: String(name)) else {
                throw APIError.badRequest(SuccessTask.Status.unknownValueMessage(String(name)), field: "status")
            }
            return status
        }
    }
}

extension Request {
    /// The JSON body decoded as `T`, or `nil` when the request has no body.
    func decodeOptionalJSON<T: Decodable>(as type: T.Type, context: TenureRequestContext) async throws -> T? {
        var request = self
        let body = try await request.body.collect(limit: context.maxUploadSize)
        guard body.readableBytes > 0 else { return nil }
        request.body = RequestBody(buffer: body)
        return try await request.decodeJSON(as: type, context: context)
    }
}
