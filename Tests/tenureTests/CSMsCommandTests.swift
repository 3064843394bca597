import Foundation
import Testing

/// `tenure csms`: adding, editing and listing the CSMs who own accounts.
@Suite("tenure csms")
struct CSMsCommandTests {
    @Test("set adds a CSM, changes only the options given, refuses loops and half-described new CSMs; list shows them")
    func setAndList() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = ["--database", "sqlite:\(directory.path)/c.sqlite"]
        let ana = try await CommandRunner.run(["csms", "set", "csm_ana", "--name", "Ana Ruiz", "--email", "ana@example.com"] + database)
        #expect(ana.status == 0, "\(ana.stderr)")
        #expect(ana.stdout.contains("Added CSM csm_ana: Ana Ruiz <ana@example.com>."))
        #expect(try await CommandRunner.run(["csms", "set", "csm_lee", "--name", "Lee Chen", "--email", "lee@example.com"] + database).status == 0)

        let edited = try await CommandRunner.run(["csms", "set", "csm_ana", "--manager", "csm_lee", "--inactive"] + database)
        #expect(edited.stdout.contains("Updated CSM csm_ana: Ana Ruiz <ana@example.com>, inactive, reports to csm_lee."), "\(edited.stderr)")
        let list = try await CommandRunner.run(["csms", "list", "--format", "json"] + database)
        let rows = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: String]] ?? []
        #expect(rows.map { $0["id"] } == ["csm_ana", "csm_lee"])
        #expect(rows.first?["active"] == "no" && rows.first?["manager"] == "csm_lee" && rows.first?["name"] == "Ana Ruiz")

        let loop = try await CommandRunner.run(["csms", "set", "csm_lee", "--manager", "csm_ana"] + database)
        #expect(loop.status == 1 && loop.stderr.contains("manager_id: 'csm_ana' reports to csm_lee already"), "\(loop.stderr)")
        let newWithoutEmail = try await CommandRunner.run(["csms", "set", "csm_new", "--name", "New"] + database)
        #expect(newWithoutEmail.status == 1 && newWithoutEmail.stderr.contains("a new CSM needs --name and --email"))
        let badEmail = try await CommandRunner.run(["csms", "set", "csm_new", "--name", "New", "--email", "nope"] + database)
        #expect(badEmail.status == 1 && badEmail.stderr.contains("email"))
        let cleared = try await CommandRunner.run(["csms", "set", "csm_ana", "--no-manager", "--active"] + database)
        #expect(cleared.stdout.contains("Updated CSM csm_ana: Ana Ruiz <ana@example.com>."), "\(cleared.stderr)")
        let csv = try await CommandRunner.run(["csms", "list", "--format", "csv"] + database)
        #expect(csv.stdout.split(separator: "\n").map(String.init) == [
            "id,name,email,active,manager", "csm_ana,Ana Ruiz,ana@example.com,yes,", "csm_lee,Lee Chen,lee@example.com,yes,",
        ])
    }
}
