import Foundation
import TenureCore
import TenureEngine
import TenureStore

/// One playbook: its active (or latest) version's source, every version, its runs filtered by status, the form that
/// starts it for an account, and the effect report.
struct PlaybookPage: Sendable {
    static let pageSize = 50

    /// The runs filters, read from and written to the URL.
    struct Filters: Sendable, Hashable {
        var status: PlaybookRun.Status?
        var offset = 0

        /// Reads `status` and `offset`; ignores anything malformed.
        init(query: [String: String]) {
            status = query["status"].flatMap(PlaybookRun.Status.init(rawValue:))
            offset = max(0, min(10_000_000, Int(query["offset"] ?? "") ?? 0))
        }

        func link(_ name: String, offset: Int) -> String {
            PlaybooksPaths.playbook(name) + Layout.query([("status", status?.rawValue), ("offset", offset > 0 ? String(offset) : nil)])
        }
    }

    var name: String
    /// Every version, newest first.
    var versions: [StoredPlaybook]
    /// The version whose source the page shows: the active one, or the latest.
    var shown: StoredPlaybook
    /// ``shown`` parsed; `nil` when it no longer parses.
    var playbook: Playbook?
    var filters: Filters
    var runs: Page<PlaybookRun>
    var accountNames: [String: String]
    var effect: PlaybookEffect?
    var role: Role
    var csrf: String
    var startForm = PlaybookForm()
    var startError: ValidationError?
    /// Why an action on a version or a run was refused.
    var actionError: String?
    var notice: PlaybooksNotice?

    /// The page of the playbook `name`; `nil` when there is no such playbook.
    static func load(engine: PlaybookEngine, name: String, filters: Filters, user: DashboardUser) async throws -> PlaybookPage? {
        let store = engine.store
        let versions = try await store.playbookVersions(name: name)
        guard let latest = versions.last else { return nil }
        let shown = versions.first(where: \.active) ?? latest
        let runs = try await store.runs(RunQuery(playbook: name, status: filters.status, limit: pageSize, offset: filters.offset))
        return PlaybookPage(
            name: name, versions: versions.reversed(), shown: shown, playbook: try? PlaybookDocument.parse(shown.source, format: shown.format),
            filters: filters, runs: runs, accountNames: try await accountNames(runs.items.map(\.accountID), store: store),
            effect: try await engine.effect(playbook: name), role: user.role, csrf: user.csrfToken)
    }

    /// The names of the accounts `ids`, by id; accounts that no longer exist are left out.
    static func accountNames(_ ids: [String], store: any Store) async throws -> [String: String] {
        var names: [String: String] = [:]
        for id in Set(ids) {
            names[id] = try await store.account(id: id)?.account.name
        }
        return names
    }
}

/// One run: why it fired, its step log, and the tasks it created.
struct PlaybookRunPage: Sendable {
    var run: PlaybookRun
    var steps: [PlaybookRunStep]
    var tasks: [TaskRow]
    var accountName: String?
    /// How many steps the run's version has; `nil` when it no longer parses.
    var stepCount: Int?
    var role: Role
    var csrf: String
    var actionError: String?
    var notice: PlaybooksNotice?

    /// The page of run `id` of the playbook `name`; `nil` when the playbook has no such run.
    static func load(store: any Store, name: String, id: String, user: DashboardUser) async throws -> PlaybookRunPage? {
        guard let run = try await store.run(id: id), run.playbook == name else { return nil }
        async let steps = store.runSteps(runID: id)
        async let tasks = store.tasks(TaskQuery(statuses: SuccessTask.Status.allCases, playbookRunID: id, limit: 100))
        async let account = store.account(id: run.accountID)
        async let version = store.playbook(name: name, version: run.version)
        let stepCount = try await version.flatMap { try? PlaybookDocument.parse($0.source, format: $0.format) }?.steps.count
        return PlaybookRunPage(run: run, steps: try await steps, tasks: try await tasks.items, accountName: try await account?.account.name,
                               stepCount: stepCount, role: user.role, csrf: user.csrfToken)
    }
}
