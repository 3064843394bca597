import Foundation
import TenureCore

/// Renders Settings → CSMs: the CSMs with a link to each one's edit page, and the one form that adds a CSM or edits
/// one. Both are plain POST forms carrying the session's CSRF token; nothing needs JavaScript.
enum CSMsView {
    /// The list and the add form.
    static func render(_ page: CSMsPage) -> HTML {
        var parts: [HTML] = ["""
            <h1>CSMs</h1>\(Layout.settingsMenu(current: CSMsPaths.settings))<p class="muted">The customer success managers who own \
            accounts, take tasks, receive the daily digest at their email address, and take the escalations of overdue tasks of the \
            CSMs who report to them. An inactive CSM keeps their history but is offered for no new work.</p>
            """]
        if let notice = page.notice {
            parts.append("<div class=\"panel\" role=\"status\"><p>\(notice.message)</p></div>")
        }
        if page.csms.isEmpty {
            parts.append(Layout.emptyState("No CSMs yet", "Add one below, with <code>tenure csms set</code>, or with <code>PUT /api/v1/csms/{id}</code>."))
        } else {
            parts.append(table(page.csms))
        }
        parts.append(form(page, title: "Add a CSM"))
        return HTML.join(parts)
    }

    /// One CSM's edit page.
    static func edit(_ page: CSMsPage) -> HTML {
        """
        <h1>Edit CSM \(page.form.id)</h1><p><a href="\(CSMsPaths.settings)">← All CSMs</a></p>
        \(form(page, title: "Details"))
        """
    }

    static func table(_ csms: [CSM]) -> HTML {
        let names = Dictionary(csms.map { ($0.id, $0.name) }) { first, _ in first }
        let rows = csms.map { csm -> HTML in
            let manager: HTML = csm.managerID.map { HTML(text: names[$0] ?? $0) } ?? "—"
            let status: HTML = csm.active ? "<span class=\"badge green\">Active</span>" : "<span class=\"badge red\">Inactive</span>"
            return """
                <tr data-csm="\(csm.id)"><th scope="row">\(csm.name)</th><td>\(csm.id)</td><td>\(csm.email)</td><td>\(manager)</td>\
                <td>\(status)</td><td><a href="\(CSMsPaths.csm(csm.id))">Edit<span class="sr"> \(csm.name)</span></a></td></tr>
                """
        }
        return """
            \(Layout.scrollRegion("CSMs table"))<table id="csms-table"><caption>\(Format.count(csms.count)) CSM\(csms.count == 1 ? "" : "s")\
            </caption><thead><tr><th scope="col">Name</th><th scope="col">ID</th><th scope="col">Email</th><th scope="col">Manager</th>\
            <th scope="col">Status</th><th scope="col">Actions</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """
    }

    /// Labels of the form's fields, to name the one a validation error is about.
    static let fieldLabels = ["id": "ID", "name": "Name", "email": "Email", "manager_id": "Manager", "status": "Status"]

    /// The add or edit form (``CSMForm/replaces``), with the error of a refused submission.
    static func form(_ page: CSMsPage, title: String) -> HTML {
        let form = page.form
        let error = FormErrorView(error: page.formError, labels: fieldLabels, id: "csm-error")
        let managers = [Layout.option("", "No manager", selected: form.managerID)]
            + page.managerChoices.map { Layout.option($0.id, "\($0.name) (\($0.id))", selected: form.managerID) }
        let statuses = [Layout.option("active", "Active", selected: form.status), Layout.option("inactive", "Inactive", selected: form.status)]
        let id: HTML = form.replaces
            ? "<input type=\"hidden\" name=\"replace\" value=\"1\"><input id=\"csm-id\" name=\"id\" type=\"text\" readonly value=\"\(form.id)\">"
            : "<input id=\"csm-id\" name=\"id\" type=\"text\" required maxlength=\"200\" value=\"\(form.id)\"\(error.marks("id"))>"
        return """
            <h2 id="csm-form-h">\(title)</h2>
            \(error.alert)<form class="panel" method="post" action="\(CSMsPaths.settings)" aria-labelledby="csm-form-h">
            <input type="hidden" name="csrf" value="\(page.csrf)">
            <div class="filters">
            <label for="csm-id">ID: how accounts, tasks and the API name them\(form.replaces ? " (fixed)" : "") \(id)</label>
            <label for="csm-name">Name <input id="csm-name" name="name" type="text" required maxlength="500" value="\(form.name)"\(error.marks("name"))></label>
            <label for="csm-email">Email <input id="csm-email" name="email" type="email" required size="32" value="\(form.email)"\(error.marks("email"))></label>
            <label for="csm-manager">Manager, who takes escalations <select id="csm-manager" name="manager_id"\(error.marks("manager_id"))>\(managers)</select></label>
            <label for="csm-status">Status <select id="csm-status" name="status"\(error.marks("status"))>\(statuses)</select></label>
            </div>
            <p><button type="submit" class="primary">\(form.replaces ? "Save CSM" : "Add CSM")</button></p>
            </form>
            """
    }
}
