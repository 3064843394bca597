import Foundation
import Hummingbird
import TenureCore
import TenureEngine
import TenureStore

/// Settings → CSMs (admins only): the list with the add form, one CSM's edit page, and the POST route both forms
/// use. ``SessionAuthenticator`` has already checked the CSRF token; ``DashboardRoleRequired`` turns away anyone who
/// is not an admin. A save redirects (303) to the list saying what it did; a refused form comes back with its values
/// and the field named (422), and nothing is stored.
struct CSMsSettingsController {
    let store: any Store

    func register(on pages: RouterGroup<TenureRequestContext>) {
        let settings = pages.group("settings/csms").add(middleware: DashboardRoleRequired(role: .admin, to: "add or edit CSMs"))
        settings.get(use: list)
        settings.post(use: save)
        settings.get(":id", use: edit)
    }

    private func page(_ title: String, _ context: TenureRequestContext, _ content: HTML, status: HTTPResponse.Status = .ok) -> Response {
        DashboardController.page(title, .settings, context, content, status: status)
    }

    @Sendable func list(_ request: Request, context: TenureRequestContext) async throws -> Response {
        let page = try await CSMsPage.load(store: store, csrf: context.dashboardUser!.csrfToken,
                                           notice: CSMsNotice(query: DashboardController.query(request)))
        return self.page("CSMs", context, CSMsView.render(page))
    }

    @Sendable func edit(_ request: Request, context: TenureRequestContext) async throws -> Response {
        let id = try context.parameters.decoded("id")
        let page = try await CSMsPage.load(store: store, csrf: context.dashboardUser!.csrfToken)
        guard let csm = page.csms.first(where: { $0.id == id }) else {
            return self.page("Not found", context, """
                <h1>Not found</h1><p>There is no CSM “\(id)”. <a href="\(CSMsPaths.settings)">Back to the CSMs</a>.</p>
                """, status: .notFound)
        }
        var editing = page
        editing.form = CSMForm(editing: csm)
        return self.page("Edit \(csm.name)", context, CSMsView.edit(editing))
    }

    /// `POST /settings/csms`: adds the CSM, or with `replace=1` saves the one with the form's id.
    @Sendable func save(_ request: Request, context: TenureRequestContext) async throws -> Response {
        var request = request
        let body = String(buffer: try await request.collectBody(upTo: 64 * 1024))
        let form = URLEncodedFormDecoder.form(CSMForm.self, from: body)
        do {
            guard let form else { throw ValidationError(field: nil, "could not be read; reload the page and try again") }
            let csm = try form.csm()
            try await CSMDirectory(store: store).save(csm, replacing: form.replaces)
            return DashboardResponses.redirect(to: CSMsPaths.settings + CSMsNotice(form.replaces ? .saved : .added, csm: csm.id).query())
        } catch let error as ValidationError {
            let kept = form ?? CSMForm()
            let page = try await CSMsPage.load(store: store, csrf: context.dashboardUser!.csrfToken, form: kept, formError: error)
            return kept.replaces
                ? self.page("Edit CSM", context, CSMsView.edit(page), status: .unprocessableContent)
                : self.page("CSMs", context, CSMsView.render(page), status: .unprocessableContent)
        }
    }
}
