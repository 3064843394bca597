import Foundation
import TenureCore
import TenureStore

/// The fields the add and edit forms of Settings → CSMs post. `manager_id` is empty for no manager; `status` is
/// `active` or `inactive`; the edit form posts `replace=1` (the add form refuses an id that exists).
struct CSMForm: Decodable, Sendable, Hashable {
    var id: String?
    var name: String?
    var email: String?
    var managerID: String?
    var status: String?
    var replace: String?

    enum CodingKeys: String, CodingKey {
        case id, name, email, status, replace
        case managerID = "manager_id"
    }

    /// The form of `csm`, for its edit page.
    init(editing csm: CSM) {
        self.init(id: csm.id, name: csm.name, email: csm.email, managerID: csm.managerID, status: csm.active ? "active" : "inactive",
                  replace: "1")
    }

    init(id: String? = nil, name: String? = nil, email: String? = nil, managerID: String? = nil, status: String? = "active",
         replace: String? = nil) {
        self.id = id
        self.name = name
        self.email = email
        self.managerID = managerID
        self.status = status
        self.replace = replace
    }

    /// Whether this is the edit form, which replaces the CSM with its id.
    var replaces: Bool { replace == "1" }

    /// The CSM the form describes, for ``CSMDirectory/save(_:replacing:)``, which checks the rest.
    func csm() throws -> CSM {
        let active: Bool
        switch status {
        case "active": active = true
        case "inactive": active = false
        default: throw ValidationError(field: "status", "choose active or inactive")
        }
        return CSM(id: id.trimmedText ?? "", name: name.trimmedText ?? "", email: email.trimmedText ?? "", active: active,
                   managerID: managerID.trimmedText)
    }
}

/// What the last save did, carried in the redirect's query string (`done=added&csm=…`) and turned back into a
/// sentence here: the page never shows text taken whole from a URL.
struct CSMsNotice: Sendable, Hashable {
    enum Action: String, Sendable {
        case added, saved
    }

    var action: Action
    var csm: String

    /// Reads `done` and `csm`; `nil` without both.
    init?(query: [String: String]) {
        guard let action = query["done"].flatMap(Action.init(rawValue:)), let csm = query["csm"], !csm.isEmpty else { return nil }
        self.action = action
        self.csm = String(csm.prefix(200))
    }

    init(_ action: Action, csm: String) {
        self.action = action
        self.csm = csm
    }

    /// The query string of the redirect that reports this.
    func query() -> String {
        Layout.query([("done", action.rawValue), ("csm", csm)])
    }

    /// The sentence shown.
    var message: String {
        switch action {
        case .added: "CSM \(csm) was added: they can now own accounts, take tasks and receive digests."
        case .saved: "CSM \(csm) was saved."
        }
    }
}

/// Settings → CSMs: every CSM with a link to edit them, and the form that adds one (or, on a CSM's own page, edits them).
struct CSMsPage: Sendable {
    var csms: [CSM]
    /// The form's values: empty to add a CSM, or the CSM being edited (kept after a refused submission).
    var form: CSMForm
    /// Why the form was refused.
    var formError: ValidationError?
    var notice: CSMsNotice?
    var csrf: String

    static func load(store: any Store, csrf: String, form: CSMForm = CSMForm(), formError: ValidationError? = nil,
                     notice: CSMsNotice? = nil) async throws -> CSMsPage {
        CSMsPage(csms: try await store.csms(), form: form, formError: formError, notice: notice, csrf: csrf)
    }

    /// The CSMs the form may name as manager: everyone but the CSM being edited.
    var managerChoices: [CSM] {
        form.replaces ? csms.filter { $0.id != form.id } : csms
    }
}

/// The paths of Settings → CSMs.
enum CSMsPaths {
    static let settings = "/settings/csms"

    /// `/settings/csms/{id}`: the CSM's edit page.
    static func csm(_ id: String) -> String {
        "\(settings)/\(NotificationsPaths.component(id))"
    }
}
