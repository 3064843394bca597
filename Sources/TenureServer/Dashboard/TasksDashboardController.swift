import Foundation
import Hummingbird
import TenureCore
import TenureStore

/// The CSM's day in the dashboard: "My work" (`/work`), the team view (`/team`), one task's page, and a POST route
/// per change — complete, snooze, reassign, reopen, cancel, comment, a new task, a touchpoint logged from Account 360.
/// ``SessionAuthenticator`` has already checked every POST's CSRF token; ``DashboardRoleRequired`` turns away viewers.
/// A change redirects (303) back to the page its form names in `return_to` (local paths only) with what it did; a
/// refused one answers 422 with the field named (409 when the task's status does not allow it).
struct TasksDashboardController {
    let store: any Store
    let clock: WallClock

    func register(on pages: RouterGroup<TenureRequestContext>) {
        pages.get("work", use: work)
        pages.get("team", use: team)
        pages.get("tasks/:id", use: show)
        let members = pages.group().add(middleware: DashboardRoleRequired(role: .member, to: "change tasks or log touchpoints"))
        members.post("tasks", use: create)
        for action in TaskAction.allCases {
            members.post("tasks/:id/\(action.rawValue)") { request, context in try await change(action, request, context) }
        }
        members.post("tasks/:id/comment", use: comment)
        members.post("accounts/:id/touchpoints", use: logTouchpoint)
    }

    private static let unreadable = ValidationError(field: nil, "the form could not be read; reload the page and try again")

    /// Labels of the action forms' fields, to name the one a refusal is about.
    private static let actionLabels = ["outcome": "Outcome", "note": "Note", "days": "Snooze", "owner": "Owner", "body": "Comment",
                                       "reason": "Reason", "until": "Snooze"]

    private func notFound(_ what: String, _ context: TenureRequestContext) -> Response {
        DashboardController.page("Not found", .work, context, """
            <h1>Not found</h1><p>There is no \(what). <a href="/work">Back to my work</a>.</p>
            """, status: .notFound)
    }

    /// The posted form as `T`; `nil` when it does not decode (a field given twice).
    private func form<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T? {
        var request = request
        return URLEncodedFormDecoder.form(type, from: String(buffer: try await request.collectBody(upTo: 64 * 1024)))
    }

    /// 303 to the local path the form came from (`fallback` when it names none or another site), reporting `notice`.
    private func redirect(_ returnTo: String?, _ notice: TaskNotice, fallback: String) -> Response {
        let path = returnTo.map { SignInController.safeNext($0) }.flatMap { $0 == "/" ? nil : $0 } ?? fallback
        return DashboardResponses.redirect(to: notice.location(path))
    }

    @Sendable func work(_ request: Request, context: TenureRequestContext) async throws -> Response {
        let page = try await WorkPage.load(store: store, user: context.dashboardUser!, query: DashboardController.query(request), now: clock.now())
        let title = switch page.scope {
        case .owner(let id, _) where id == page.me?.id: "My work"
        case .owner(_, let name): "Work of \(name)"
        case .queue(let name): "Queue: \(name)"
        case .everyone: "All open work"
        }
        return DashboardController.page(title, .work, context, WorkView.render(page))
    }

    @Sendable func team(_ request: Request, context: TenureRequestContext) async throws -> Response {
        DashboardController.page("Team", .team, context, WorkView.team(try await TeamPage.load(store: store, now: clock.now()),
                                                                                managesCSMs: context.dashboardUser!.role.allows(.admin)))
    }

    @Sendable func show(_ request: Request, context: TenureRequestContext) async throws -> Response {
        try await taskPage(try context.parameters.decoded("id"), request: request, context)
    }

    /// The task's page; with `refusal`, the reason the last action was refused, answered with `status`.
    private func taskPage(_ id: String, request: Request? = nil, _ context: TenureRequestContext, refusal: String? = nil,
                          status: HTTPResponse.Status = .ok) async throws -> Response {
        let query = request.map(DashboardController.query) ?? [:]
        guard let page = try await TaskPage.load(store: store, id: id, user: context.dashboardUser!, query: query, now: clock.now(),
                                                 actionError: refusal) else {
            return notFound("task “\(id)”", context)
        }
        return DashboardController.page(page.row.task.title, .work, context, WorkView.task(page), status: status)
    }

    /// Runs one action on the task in the path: 404 when there is none; the task's page with the field named (422), or
    /// with why its status does not allow the change (409), when refused; else back where the form came from.
    private func act(_ notice: TaskNotice.Action, _ request: Request, _ context: TenureRequestContext,
                     _ action: (TaskActionForm, String, DashboardUser, Date) async throws -> Bool) async throws -> Response {
        let id = try context.parameters.decoded("id")
        do {
            guard let form = try await form(TaskActionForm.self, request) else { throw Self.unreadable }
            guard try await action(form, id, context.dashboardUser!, clock.now()) else { return notFound("task “\(id)”", context) }
            return redirect(form.returnTo, TaskNotice(notice, taskID: id), fallback: TaskPaths.task(id))
        } catch let error as ValidationError {
            let label = error.field.flatMap { Self.actionLabels[$0] } ?? error.field ?? "The form"
            return try await taskPage(id, context, refusal: "\(label): \(error.message)", status: .unprocessableContent)
        } catch let error as StoreError where error.code == .conflict {
            return try await taskPage(id, context, refusal: "Not changed: \(error.message).", status: .conflict)
        }
    }

    /// `POST /tasks/{id}/complete|snooze|reassign|reopen|cancel`.
    private func change(_ action: TaskAction, _ request: Request, _ context: TenureRequestContext) async throws -> Response {
        try await act(TaskNotice.Action(rawValue: action.rawValue)!, request, context) { form, id, user, now in
            let update = try form.update(action, csms: action == .reassign ? try await store.csms() : [], at: now)
            return try await store.updateTask(id: id, update, actor: user.email, at: now) != nil
        }
    }

    /// `POST /tasks/{id}/comment`.
    @Sendable func comment(_ request: Request, context: TenureRequestContext) async throws -> Response {
        try await act(.comment, request, context) { form, id, user, now in
            try await store.addComment(try form.comment(on: id, by: user.email, at: now))
        }
    }

    /// `POST /tasks`: a manual task, then back to the page the form was on; a refused form comes back on a page of its own
    /// with the field named and the values kept (422).
    @Sendable func create(_ request: Request, context: TenureRequestContext) async throws -> Response {
        let user = context.dashboardUser!, now = clock.now()
        let form = try await form(NewTaskForm.self, request)
        do {
            guard let form else { throw Self.unreadable }
            let account = try await form.resolveAccount(in: store)
            let task = try form.task(accountID: account.account.id, csms: try await store.csms(), at: now)
            try await store.createTask(task, actor: user.email, at: now)
            return redirect(form.returnTo, TaskNotice(.created, taskID: task.id), fallback: WorkPage.path(.everyone))
        } catch let error as ValidationError {
            let back = form?.returnTo.map { SignInController.safeNext($0) } ?? WorkPage.path(.everyone)
            let forms = try await TaskForms.load(store: store, user: user, returnTo: back, now: now)!
            return DashboardController.page("New task", .work, context, WorkView.newTask(form ?? NewTaskForm(), forms: forms, error: error),
                                            status: .unprocessableContent)
        }
    }

    /// `POST /accounts/{id}/touchpoints`: the touchpoint, held by the signed-in person's CSM record, and its next step as
    /// a task (theirs, else the account owner's) when asked; then back to Account 360. A refused form comes back on a page
    /// of its own with the field named and the values kept (422).
    @Sendable func logTouchpoint(_ request: Request, context: TenureRequestContext) async throws -> Response {
        let id = try context.parameters.decoded("id")
        let user = context.dashboardUser!, now = clock.now()
        guard let account = try await store.account(id: id)?.account else { return notFound("account “\(id)”", context) }
        let form = try await form(TouchpointForm.self, request)
        async let contacts = store.contacts(ofAccount: id)
        let me = WorkPage.csm(of: user, in: try await store.csms())
        do {
            guard let form else { throw Self.unreadable }
            let logged = try form.touchpoint(account: account, contacts: try await contacts, csmID: me?.id, taskOwner: me?.id ?? account.ownerID, at: now)
            try await store.logTouchpoint(logged.touchpoint, nextTask: logged.task, actor: user.email, at: now)
            return redirect(form.returnTo, TaskNotice(.touchpoint, taskID: logged.task?.id), fallback: Layout.accountPath(id))
        } catch let error as ValidationError {
            let forms = try await TaskForms.load(store: store, user: user, returnTo: Layout.accountPath(id), now: now)!
            return DashboardController.page(
                "Log a touchpoint", .accounts, context,
                AccountWorkView.refusedTouchpoint(form ?? TouchpointForm(), account: account, contacts: try await contacts, forms: forms, today: now,
                                                  error: error),
                status: .unprocessableContent)
        }
    }
}
