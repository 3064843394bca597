import Foundation
import Hummingbird
import TenureCore
import TenureEngine
import TenureStore

/// The playbooks pages: the list with the dry-run and add forms, one playbook (source, versions, runs, effect), one
/// run, and a POST route per action. ``SessionAuthenticator`` has already checked every POST's CSRF token;
/// ``DashboardRoleRequired`` turns away roles below the action's (members dry-run, start and cancel; admins add,
/// activate and deactivate). An action redirects (303) back with what it did in the query string; a refusal renders
/// the page again with the field named (422).
struct PlaybooksDashboardController {
    let engine: PlaybookEngine

    private var store: any Store { engine.store }

    func register(on pages: RouterGroup<TenureRequestContext>) {
        let playbooks = pages.group("playbooks")
        playbooks.get(use: list)
        playbooks.get(":name", use: show)
        playbooks.get(":name/runs/:id", use: run)
        let members = pages.group("playbooks").add(middleware: DashboardRoleRequired(role: .member, to: "run playbooks"))
        members.post("dry-run", use: dryRun)
        members.post(":name/start", use: start)
        members.post(":name/runs/:id/cancel", use: cancel)
        let admins = pages.group("playbooks").add(middleware: DashboardRoleRequired(role: .admin, to: "add or activate playbooks"))
        admins.post(use: add)
        admins.post(":name/versions/:version/activate", use: activate)
        admins.post(":name/deactivate", use: deactivate)
    }

    private func page(_ title: String, _ context: TenureRequestContext, _ content: HTML, status: HTTPResponse.Status = .ok) -> Response {
        DashboardController.page(title, .playbooks, context, content, status: status)
    }

    private func notFound(_ what: String, _ context: TenureRequestContext) -> Response {
        page("Not found", context, """
            <h1>Not found</h1><p>There is no \(what). <a href="\(PlaybooksPaths.list)">All playbooks</a>.</p>
            """, status: .notFound)
    }

    /// The posted form; `nil` when it does not decode (a field given twice).
    private func form(_ request: Request) async throws -> PlaybookForm? {
        var request = request
        return PlaybookForm.read(String(buffer: try await request.collectBody(upTo: 512 * 1024)))
    }

    private static let unreadable = ValidationError(field: nil, "the form could not be read; reload the page and try again")

    private func listPage(_ context: TenureRequestContext, _ adjust: (inout PlaybooksPage) -> Void = { _ in }) async throws -> Response {
        var page = try await PlaybooksPage.load(engine: engine, user: context.dashboardUser!)
        adjust(&page)
        let refused = page.addError != nil || page.dryRunError != nil
        return self.page("Playbooks", context, PlaybooksView.render(page), status: refused ? .unprocessableContent : .ok)
    }

    private func playbookPage(_ name: String, _ request: Request, _ context: TenureRequestContext,
                              _ adjust: (inout PlaybookPage) -> Void = { _ in }) async throws -> Response {
        let query = DashboardController.query(request)
        guard var page = try await PlaybookPage.load(engine: engine, name: name, filters: PlaybookPage.Filters(query: query),
                                                     user: context.dashboardUser!) else {
            return notFound("playbook “\(name)”", context)
        }
        page.notice = PlaybooksNotice(query: query)
        adjust(&page)
        let refused = page.startError != nil || page.actionError != nil
        return self.page(name, context, PlaybookView.render(page), status: refused ? .unprocessableContent : .ok)
    }

    private func runPage(_ name: String, _ id: String, _ request: Request, _ context: TenureRequestContext,
                         actionError: String? = nil) async throws -> Response {
        guard var page = try await PlaybookRunPage.load(store: store, name: name, id: id, user: context.dashboardUser!) else {
            return notFound("run “\(id)” of “\(name)”", context)
        }
        page.notice = PlaybooksNotice(query: DashboardController.query(request))
        page.actionError = actionError
        return self.page("Run \(id)", context, PlaybookView.run(page), status: actionError == nil ? .ok : .unprocessableContent)
    }

    @Sendable func list(_ request: Request, context: TenureRequestContext) async throws -> Response {
        try await listPage(context)
    }

    @Sendable func show(_ request: Request, context: TenureRequestContext) async throws -> Response {
        try await playbookPage(try context.parameters.decoded("name"), request, context)
    }

    @Sendable func run(_ request: Request, context: TenureRequestContext) async throws -> Response {
        try await runPage(try context.parameters.decoded("name"), try context.parameters.decoded("id"), request, context)
    }

    /// `POST /playbooks`: stores the document as its playbook's next version and goes to the playbook's page; a refused
    /// document comes back in the form with the field named, 422.
    @Sendable func add(_ request: Request, context: TenureRequestContext) async throws -> Response {
        let form = try await self.form(request)
        do {
            guard let form else { throw Self.unreadable }
            let stored = try await engine.addPlaybook(source: try form.document(), format: try form.documentFormat(), note: form.note.trimmedText,
                                                      author: context.dashboardUser!.email, activate: form.activates)
            return DashboardResponses.redirect(to: PlaybooksPaths.playbook(stored.name)
                + PlaybooksNotice(stored.active ? .activated : .added, version: stored.version).query())
        } catch let error as ValidationError {
            return try await listPage(context) { page in
                page.addForm = form ?? .blank
                page.addError = error
            }
        }
    }

    /// `POST /playbooks/dry-run`: the list page with what the document would have done over the days asked for.
    @Sendable func dryRun(_ request: Request, context: TenureRequestContext) async throws -> Response {
        let form = try await self.form(request)
        do {
            guard let form else { throw Self.unreadable }
            let result = try await engine.dryRun(try form.playbook(), days: try form.dryRunDays())
            return try await listPage(context) { page in
                page.dryRunForm = form
                page.dryRun = result
            }
        } catch let error as ValidationError {
            return try await listPage(context) { page in
                page.dryRunForm = form ?? .blank
                page.dryRunError = error
            }
        }
    }

    @Sendable func activate(_ request: Request, context: TenureRequestContext) async throws -> Response {
        let name = try context.parameters.decoded("name")
        guard let version = Int(try context.parameters.decoded("version")),
              try await store.activatePlaybook(name: name, version: version, at: engine.clock.now()) else {
            return notFound("such version of playbook “\(name)”", context)
        }
        return DashboardResponses.redirect(to: PlaybooksPaths.playbook(name) + PlaybooksNotice(.activated, version: version).query())
    }

    @Sendable func deactivate(_ request: Request, context: TenureRequestContext) async throws -> Response {
        let name = try context.parameters.decoded("name")
        guard try await store.deactivatePlaybook(name: name, at: engine.clock.now()) else {
            return try await playbookPage(name, request, context) { page in
                page.actionError = "\(name) has no active version to deactivate."
            }
        }
        return DashboardResponses.redirect(to: PlaybooksPaths.playbook(name) + PlaybooksNotice(.deactivated).query())
    }

    /// `POST /playbooks/{name}/start`: starts a run for the account in the form (conditions are traced, not enforced).
    @Sendable func start(_ request: Request, context: TenureRequestContext) async throws -> Response {
        let name = try context.parameters.decoded("name")
        guard let stored = try await store.playbook(name: name, version: nil) else { return notFound("playbook “\(name)”", context) }
        guard stored.active else {
            return try await playbookPage(name, request, context) { page in
                page.actionError = "\(name) has no active version to start; an admin activates one first."
            }
        }
        let form = try await self.form(request)
        do {
            guard let form else { throw Self.unreadable }
            let account = try form.account()
            let run: PlaybookRun?
            do {
                run = try await engine.startManually(playbook: name, accountID: account, by: context.dashboardUser!.email)
            } catch let error as StoreError where error.code == .conflict {
                throw ValidationError(field: "account_id", error.message)
            }
            guard let run else { throw ValidationError(field: "account_id", "there is no account with id \(account)") }
            return DashboardResponses.redirect(to: PlaybooksPaths.run(name, run.id) + PlaybooksNotice(.started, run: run.id).query())
        } catch let error as ValidationError {
            return try await playbookPage(name, request, context) { page in
                page.startForm = form ?? PlaybookForm()
                page.startError = error
            }
        }
    }

    /// `POST /playbooks/{name}/runs/{id}/cancel`: cancels an active run; its tasks stay.
    @Sendable func cancel(_ request: Request, context: TenureRequestContext) async throws -> Response {
        let (name, id) = (try context.parameters.decoded("name"), try context.parameters.decoded("id"))
        guard let run = try await store.run(id: id), run.playbook == name else { return notFound("run “\(id)” of “\(name)”", context) }
        let user = context.dashboardUser!
        let reason = "canceled by \(user.name) <\(user.email)> from the dashboard"
        guard try await store.cancelRun(id: id, reason: reason, at: engine.clock.now()) else {
            let status = Format.words(run.status.rawValue)
            return try await runPage(name, id, request, context, actionError: "Only an active run can be canceled; this one is \(status).")
        }
        return DashboardResponses.redirect(to: PlaybooksPaths.run(name, id) + PlaybooksNotice(.canceled, run: id).query())
    }
}
