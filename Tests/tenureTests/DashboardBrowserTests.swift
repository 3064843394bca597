import Foundation
import Testing
import TenureTestSupport

/// The dashboard in a real browser: Debian's headless Chromium, driven by
/// selenium (Tests/e2e/dashboard_browser.py), against `tenure serve` on a
/// generated database, with a user from `tenure users create` and an API key
/// from `tenure keys create` to compare the figures the pages show, and axe-core
/// (axe-selenium-python) on every page with no serious or critical violation.
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
        // An admin for Settings → Notifications, which the viewer above is refused.
        let admin = try CommandRunner(
            ["-c", "printf '%s\\n' \"$PW\" | \"$TENURE\" users create --email admin@example.com --name 'Ada Admin' --role admin --password-stdin \"$@\"",
             "sh"] + database,
            environment: ["PW": password, "TENURE": CommandRunner.binary.path], executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(try await admin.finish().status == 0)
        // A fixed secret key seals webhook secrets; the test's webhook points at 127.0.0.1, which only the allow-list lets through.
        let server = try CommandRunner(["serve", "--port", "0"] + database, environment: [
            "TENURE_SECRET_KEY": Data(repeating: 42, count: 32).base64EncodedString(), "TENURE_OUTBOUND_ALLOW": "127.0.0.1",
        ])
        let base = try await server.waitForOutput(#"at (http://127\.0\.0\.1:\d+)"#)
        let output = try await Python.run("dashboard_browser.py", [base, "csm@example.com", password, key, "--admin", "admin@example.com", password])
        _ = try await server.interrupt()
        let report = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect((report["failures"] as? [String]) == [], "\(output)")
        let checks = report["checks"] as? [String: Bool] ?? [:]
        for name in ["overview mrr equals the API", "overview nrr equals the API", "account MRR equals the API",
                     "filtered rows equal the API's, largest MRR first", "ascending MRR is sorted", "explain value equals the API",
                     "signed out cannot see pages", "skip link is the first stop", "readable at 375px without sideways scrolling",
                     "at-risk rows equal the API's, largest MRR at risk first", "account health equals the API",
                     "the page names the model and its backtest", "a non-admin is refused the notification settings",
                     "a new webhook's secret is shown once", "the secret is not shown again", "a refused endpoint form names the field"] {
            #expect(checks[name] == true, "\(name)")
        }
        let pages = report["pages"] as? [String: Any] ?? [:]
        #expect(Set(pages.keys).isSuperset(of: ["overview", "accounts", "account", "at-risk", "renewals", "cohorts", "metrics", "explain",
                                                "notifications", "notification deliveries", "notification delivery"]))
        // axe-core ran on every page, error pages included; its serious and critical violations are among the failures above.
        let audited = report["accessibility"] as? [String: Any] ?? [:]
        #expect(Set(audited.keys).isSuperset(of: ["sign-in", "sign-in error", "overview", "accounts", "account", "at-risk", "renewals", "cohorts",
                                                   "metrics", "explain", "account not found", "explain without a figure", "accounts at 375px",
                                                   "notifications forbidden", "notifications", "notifications form error", "notifications secret",
                                                   "notifications after a test", "notification deliveries", "notification delivery"]),
                "\(audited.keys.sorted())")
    }
}
