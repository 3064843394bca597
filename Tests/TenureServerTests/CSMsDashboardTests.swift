import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TenureCore
import TenureStore
import TenureTestSupport
@testable import TenureServer

/// Settings → CSMs through the router: admins only, CSRF on the POST, adding and editing a CSM, refusals that name
/// the field and store nothing, and escaping of what people typed.
@Suite("Dashboard CSM settings")
struct CSMsDashboardTests {
    typealias Notifications = NotificationsDashboardTests

    static func csmFields(id: String = "csm_ana", name: String = "Ana Ruiz", email: String = "ana@example.com", manager: String = "",
                          status: String = "active") -> [(String, String)] {
        [("id", id), ("name", name), ("email", email), ("manager_id", manager), ("status", status)]
    }

    static func csm(_ store: any Store, _ id: String) async throws -> CSM? {
        try await store.csms().first { $0.id == id }
    }

    @Test("only admins see the page, its Settings link and the Team page's link; a viewer's POST stores nothing")
    func adminOnly() async throws {
        try await Notifications.run { store, client in
            let admin = try await Notifications.signIn(client, as: Notifications.admin)
            let page = try await Notifications.get(client, "/settings/csms", admin)
            #expect(page.status == .ok)
            #expect(page.body.contains("<h1>CSMs</h1>") && page.body.contains("Add a CSM"))
            #expect(page.body.contains("<a href=\"/settings/csms\" aria-current=\"page\">CSMs</a>"), "the settings menu marks this page")
            #expect(page.body.contains("<tr data-csm=\"csm_1\"><th scope=\"row\">Ada Berg</th>"))
            let notifications = try await Notifications.get(client, "/settings/notifications", admin)
            #expect(notifications.body.contains("<a href=\"/settings/csms\">CSMs</a>"), "one click from the other settings page")
            #expect(try await Notifications.get(client, "/team", admin).body.contains("<a href=\"/settings/csms\">Add or edit CSMs</a>"))

            let viewer = try await Notifications.signIn(client, as: Notifications.viewer)
            #expect(try await Notifications.get(client, "/settings/csms", viewer).status == .forbidden)
            #expect(try await Notifications.get(client, "/settings/csms/csm_1", viewer).status == .forbidden)
            #expect(!(try await Notifications.get(client, "/team", viewer).body.contains("/settings/csms")))
            let refused = try await Notifications.post(client, "/settings/csms", viewer, Self.csmFields())
            #expect(refused.status == .forbidden)
            let forged = try await Notifications.post(client, "/settings/csms", admin, Self.csmFields(), csrf: "forged")
            #expect(forged.status == .forbidden)
            #expect(try await Self.csm(store, "csm_ana") == nil)
        }
    }

    @Test("an admin adds a CSM, edits them from the list, and the edit keeps the id", arguments: Backend.allCases)
    func addAndEdit(_ backend: Backend) async throws {
        try await Notifications.run(backend) { store, client in
            let admin = try await Notifications.signIn(client, as: Notifications.admin)
            let added = try await Notifications.post(client, "/settings/csms", admin,
                                                     Self.csmFields(name: "  Ana Ruiz ", email: "ana@example.com", manager: "csm_1"))
            #expect(added.status == .seeOther)
            #expect(added.headers[.location] == "/settings/csms?done=added&csm=csm_ana")
            #expect(try await Self.csm(store, "csm_ana") == CSM(id: "csm_ana", name: "Ana Ruiz", email: "ana@example.com", managerID: "csm_1"))
            let list = try await Notifications.get(client, "/settings/csms?done=added&csm=csm_ana", admin)
            #expect(list.body.contains("CSM csm_ana was added"))
            #expect(list.body.contains("<a href=\"/settings/csms/csm_ana\">Edit<span class=\"sr\"> Ana Ruiz</span></a>"))
            #expect(list.body.contains("<tr data-csm=\"csm_ana\"><th scope=\"row\">Ana Ruiz</th><td>csm_ana</td><td>ana@example.com</td><td>Ada Berg</td>"))

            let edit = try await Notifications.get(client, "/settings/csms/csm_ana", admin)
            #expect(edit.status == .ok && edit.body.contains("<h1>Edit CSM csm_ana</h1>"))
            #expect(edit.body.contains("name=\"id\" type=\"text\" readonly value=\"csm_ana\"") && edit.body.contains("name=\"replace\" value=\"1\""))
            #expect(edit.body.contains("<option value=\"csm_1\" selected>"), "the form shows the current manager")
            #expect(!edit.body.contains("<option value=\"csm_ana\""), "nobody manages themselves")

            let saved = try await Notifications.post(client, "/settings/csms", admin,
                                                     Self.csmFields(name: "Ana Ruiz-Lee", email: "ana.lee@example.com", status: "inactive") + [("replace", "1")])
            #expect(saved.status == .seeOther && saved.headers[.location] == "/settings/csms?done=saved&csm=csm_ana")
            #expect(try await Self.csm(store, "csm_ana") == CSM(id: "csm_ana", name: "Ana Ruiz-Lee", email: "ana.lee@example.com", active: false))
            #expect(try await Notifications.get(client, "/settings/csms/csm_nobody", admin).status == .notFound)
        }
    }

    @Test("refused forms come back with the field named and the values kept, and store nothing", arguments: Backend.allCases)
    func refusals(_ backend: Backend) async throws {
        try await Notifications.run(backend) { store, client in
            let admin = try await Notifications.signIn(client, as: Notifications.admin)
            let before = try await store.csms()
            let cases: [([(String, String)], String)] = [
                (Self.csmFields(email: "not-an-email"), "Email:"),
                (Self.csmFields(name: "   "), "Name:"),
                (Self.csmFields(id: ""), "ID:"),
                (Self.csmFields(manager: "csm_nobody"), "Manager: there is no CSM"),
                (Self.csmFields(status: "retired"), "Status: choose active or inactive"),
                (Self.csmFields(id: "csm_1"), "ID: there is a CSM"),
                (Self.csmFields(id: "csm_1", manager: "csm_1") + [("replace", "1")], "Manager:"),
                (Self.csmFields(id: String(repeating: "x", count: 201)), "ID:"),
            ]
            for (fields, message) in cases {
                let refused = try await Notifications.post(client, "/settings/csms", admin, fields)
                let body = String(buffer: refused.body)
                #expect(refused.status == .unprocessableContent, "\(fields)")
                #expect(body.contains("role=\"alert\" id=\"csm-error\"><p class=\"error\">\(message)"), "\(fields)")
                #expect(body.contains("aria-invalid=\"true\""), "\(fields)")
            }
            let twice = try await client.execute(uri: "/settings/csms", method: .post, headers: admin.formHeaders,
                                                 body: ByteBuffer(string: "csrf=\(admin.csrf)&id=a&id=b&name=x&email=x%40example.com&status=active"))
            #expect(twice.status == .forbidden, "a form with a field given twice does not decode, so its CSRF token is not read either")
            let kept = try await Notifications.post(client, "/settings/csms", admin, Self.csmFields(name: "Bo <b>Bold</b>", email: "bad"))
            let keptBody = String(buffer: kept.body)
            #expect(keptBody.contains("value=\"Bo &lt;b&gt;Bold&lt;/b&gt;\"") && !keptBody.contains("<b>Bold</b>"), "typed text is escaped")
            #expect(try await store.csms() == before)
        }
    }

    @Test("twenty concurrent adds of different CSMs and of one id: every different one stored, the one id once")
    func concurrentAdds() async throws {
        try await Notifications.run(.postgres) { store, client in
            let admin = try await Notifications.signIn(client, as: Notifications.admin)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        try await Notifications.post(client, "/settings/csms", admin,
                                                     Self.csmFields(id: "csm_\(index)", name: "CSM \(index)", email: "c\(index)@example.com")).status
                    }
                    group.addTask {
                        try await Notifications.post(client, "/settings/csms", admin, Self.csmFields(id: "csm_same", name: "Same \(index)")).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .seeOther || $0 == .unprocessableContent })
            #expect(statuses.filter { $0 == .seeOther }.count >= 21)
            let csms = try await store.csms()
            #expect(Set(csms.map(\.id)).isSuperset(of: (0..<20).map { "csm_\($0)" }))
            #expect(csms.filter { $0.id == "csm_same" }.count == 1)
        }
    }
}
