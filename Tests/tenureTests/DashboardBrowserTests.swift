import Foundation
import Testing
import TenureCore
import TenureStore
import TenureTestSupport

/// The dashboard in a real browser: Debian's headless Chromium, driven by
/// selenium (Tests/e2e/dashboard_browser.py), against `tenure serve` on a
/// generated database, with a user from `tenure users create` and an API key
/// from `tenure keys create` to compare the figures the pages show, and axe-core
/// (axe-selenium-python) on every page with no serious or critical violation.
/// A member whose email is a CSM's then works their day: My work, the team view,
/// a task's page, and a touchpoint logged from Account 360.
/// Set TENURE_SCREENSHOTS=DIR to save PNGs of the main pages.
@Suite("Dashboard in a browser")
struct DashboardBrowserTests {
    @Test("a person signs in, visits every page, filters and sorts accounts, opens one, and sees the API's figures")
    func browse() async throws {
        guard FileManager.default.fileExists(atPath: "/usr/bin/chromium"), FileManager.default.fileExists(atPath: "/usr/bin/chromedriver") else {
            throw TestSetupError("chromium and chromium-driver are missing: run the tests with scripts/test, which installs them")
        }
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = ["--database", "sqlite:\(directory.path)/dash.sqlite"]
        let generated = try await CommandRunner.run(["generate", "--accounts", "600"] + database)
        #expect(generated.status == 0, "\(generated.stderr)")
        let password = "browser-test-password"
        let create = try CommandRunner(
            ["-c", "printf '%s\\n' \"$PW\" | \"$TENURE\" users create --email csm@example.com --name 'Casey CSM' --role viewer --password-stdin \"$@\"",
             "sh"] + database,
            environment: ["PW": password, "TENURE": CommandRunner.binary.path], executable: URL(fileURLWithPath: "/bin/sh"))
        let created = try await create.finish()
        #expect(created.status == 0 && created.stdout.contains("Created viewer user csm@example.com"), "\(created.stderr)")
        let duplicate = try await CommandRunner.run(["users", "create", "--email", "csm@example.com", "--name", "X", "--password-stdin"] + database)
        #expect(duplicate.status != 0)
        let listed = try await CommandRunner.run(["users", "list", "--format", "csv"] + database)
        #expect(listed.stdout.contains("csm@example.com,Casey CSM,viewer"))
        let key = try await CommandRunner.run(["keys", "create", "--role", "viewer"] + database).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        // An admin for Settings → Notifications and → CSMs, which the viewer above is refused.
        let admin = try CommandRunner(
            ["-c", "printf '%s\\n' \"$PW\" | \"$TENURE\" users create --email admin@example.com --name 'Ada Admin' --role admin --password-stdin \"$@\"",
             "sh"] + database,
            environment: ["PW": password, "TENURE": CommandRunner.binary.path], executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(try await admin.finish().status == 0)
        let work = try await Self.plantWork(url: "sqlite:\(directory.path)/dash.sqlite")
        let member = try CommandRunner(
            ["-c", "printf '%s\\n' \"$PW\" | \"$TENURE\" users create --email \"$EMAIL\" --name 'Morgan Member' --role member --password-stdin \"$@\"",
             "sh"] + database,
            environment: ["PW": password, "EMAIL": work.email, "TENURE": CommandRunner.binary.path], executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(try await member.finish().status == 0)
        // A fixed secret key seals webhook secrets; the test's webhook points at 127.0.0.1, which only the allow-list lets through.
        let server = try CommandRunner(["serve", "--port", "0"] + database, environment: [
            "TENURE_SECRET_KEY": Data(repeating: 42, count: 32).base64EncodedString(), "TENURE_OUTBOUND_ALLOW": "127.0.0.1",
        ])
        let base = try await server.waitForOutput(#"at (http://127\.0\.0\.1:\d+)"#)
        let output = try await Python.run("dashboard_browser.py", [base, "csm@example.com", password, key, "--admin", "admin@example.com", password,
                                                                   "--work", work.email, password, work.accountID])
        _ = try await server.interrupt()
        let report = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect((report["failures"] as? [String]) == [], "\(output)")
        let checks = report["checks"] as? [String: Bool] ?? [:]
        for name in ["overview mrr equals the API", "overview nrr equals the API", "account MRR equals the API",
                     "filtered rows equal the API's, largest MRR first", "ascending MRR is sorted", "explain value equals the API",
                     "signed out cannot see pages", "skip link is the first stop", "readable at 375px without sideways scrolling",
                     "at-risk rows equal the API's, largest MRR at risk first", "account health equals the API",
                     "the page names the model and its backtest", "a non-admin is refused the notification settings",
                     "a new webhook's secret is shown once", "the secret is not shown again", "a refused endpoint form names the field",
                     "my work groups the planted tasks by due date", "a task completed with an outcome leaves my work",
                     "a snoozed task moves to snoozed", "a reassigned task leaves my work", "the completed task's page shows its outcome",
                     "the team view lists the CSM", "a logged touchpoint is listed on the account",
                     "the touchpoint's next step is an open task", "a refused CSM form names the field", "a new CSM is listed",
                     "an edited CSM shows the change"] {
            #expect(checks[name] == true, "\(name)")
        }
        let pages = report["pages"] as? [String: Any] ?? [:]
        #expect(Set(pages.keys).isSuperset(of: ["overview", "accounts", "account", "at-risk", "renewals", "cohorts", "metrics", "explain",
                                                "notifications", "notification deliveries", "notification delivery", "my work", "team", "task",
                                                "account with work", "csms"]))
        // axe-core ran on every page, error pages included; its serious and critical violations are among the failures above.
        let audited = report["accessibility"] as? [String: Any] ?? [:]
        #expect(Set(audited.keys).isSuperset(of: ["sign-in", "sign-in error", "overview", "accounts", "account", "at-risk", "renewals", "cohorts",
                                                   "metrics", "explain", "account not found", "explain without a figure", "accounts at 375px",
                                                   "notifications forbidden", "notifications", "notifications form error", "notifications secret",
                                                   "notifications after a test", "notification deliveries", "notification delivery",
                                                   "my work", "my work after actions", "task", "team", "account with work", "account after a touchpoint",
                                                   "playbooks", "csms", "csms form error", "csm edit"]),
                "\(audited.keys.sorted())")
    }

    /// Plants three open tasks of the first CSM (by id) who owns an account with contacts — overdue, due today, due in
    /// three days, at ``TestClock/now`` (the served clock starts there) — and returns the CSM's email and the account.
    static func plantWork(url: String) async throws -> (email: String, accountID: String) {
        try await withStore(url) { store in
            for csm in try await store.csms().sorted(by: { $0.id < $1.id }) {
                for summary in try await store.accounts(AccountQuery(ownerID: csm.id, limit: 50)).items {
                    guard try await !store.accountRecords(ofAccount: summary.account.id, limit: 5).contacts.isEmpty else { continue }
                    let now = TestClock.now
                    for (title, hours) in [("Browser: call about the renewal", -24.0), ("Browser: send the usage report", 2), ("Browser: review seats", 72)] {
                        let task = SuccessTask(accountID: summary.account.id, ownerID: csm.id, title: title, priority: .high,
                                               dueAt: now.addingTimeInterval(hours * 3600), createdAt: now.addingTimeInterval(-3 * 86_400))
                        try await store.createTask(task, actor: "browser-test", at: task.createdAt)
                    }
                    return (csm.email, summary.account.id)
                }
            }
            throw TestSetupError("no CSM owns an account with contacts")
        }
    }
}
