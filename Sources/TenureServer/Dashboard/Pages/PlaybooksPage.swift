import Foundation
import Hummingbird
import TenureCore
import TenureEngine
import TenureStore

/// The fields the playbook forms post: the document and its format (add and dry run), the add form's note and
/// "activate" box, the dry run's days, and the start form's account.
struct PlaybookForm: Decodable, Sendable, Hashable {
    var source: String?
    var format: String?
    var note: String?
    var activate: String?
    var days: String?
    var accountID: String?

    enum CodingKeys: String, CodingKey {
        case source, format, note, activate, days
        case accountID = "account_id"
    }

    /// Days a dry run replays unless the form says otherwise, and the most it may ask for.
    static let defaultDays = 90
    static let maximumDays = 365

    /// The empty add form (YAML, not activated) and the dry-run form (YAML, 90 days).
    static let blank = PlaybookForm(format: DefinitionFormat.yaml.rawValue, days: String(defaultDays))

    /// The form a request body holds, with the `\r\n` line breaks browsers send for a textarea made `\n`; `nil` when
    /// it does not decode (a field given twice).
    static func read(_ body: String) -> PlaybookForm? {
        guard var form = URLEncodedFormDecoder.form(PlaybookForm.self, from: body) else { return nil }
        form.source = form.source?.replacingOccurrences(of: "\r\n", with: "\n")
        return form
    }

    /// The document as typed; refused when empty.
    func document() throws -> String {
        let text = source ?? ""
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ValidationError(field: "source", "paste a playbook document (YAML or JSON)")
        }
        return text
    }

    /// The chosen format: YAML unless JSON is chosen.
    func documentFormat() throws -> DefinitionFormat {
        guard let text = format, !text.isEmpty else { return .yaml }
        guard let format = DefinitionFormat(rawValue: text) else { throw ValidationError(field: "format", "choose yaml or json") }
        return format
    }

    /// The parsed playbook the form holds.
    func playbook() throws -> Playbook {
        try PlaybookDocument.parse(try document(), format: try documentFormat())
    }

    /// Whether the "activate" box is ticked.
    var activates: Bool { !(activate ?? "").isEmpty }

    /// The days to replay, 1 to ``maximumDays``.
    func dryRunDays() throws -> Int {
        guard let text = days.trimmedText else { return Self.defaultDays }
        guard let days = Int(text), (1...Self.maximumDays).contains(days) else {
            throw ValidationError(field: "days", "must be a whole number of days from 1 to \(Self.maximumDays)")
        }
        return days
    }

    /// The account to start a run for, trimmed; refused when blank.
    func account() throws -> String {
        guard let id = accountID.trimmedText else {
            throw ValidationError(field: "account_id", "enter the id of the account to start the playbook for")
        }
        try Check.maxLength(id, "account_id", 200)
        return id
    }
}

/// The list of playbooks: each with its active version, trigger, runs and churn effect; the dry-run form and its
/// result (members), and the "Add a playbook" form (admins).
struct PlaybooksPage: Sendable {
    /// One playbook on the list.
    struct Row: Sendable {
        var summary: PlaybookSummary
        /// The active version parsed (the latest when none is active); `nil` when it no longer parses.
        var playbook: Playbook?
        /// The churn estimate, when the playbook has both enrolled and held-out runs.
        var churn: EffectEstimate?
    }

    /// How many dry-run enrollments the page lists.
    static let entriesShown = 50

    var rows: [Row]
    var role: Role
    var csrf: String
    var addForm = PlaybookForm.blank
    var addError: ValidationError?
    var dryRunForm = PlaybookForm.blank
    var dryRunError: ValidationError?
    var dryRun: PlaybookDryRun?
    /// CSM names by id, for the dry run's owners.
    var ownerNames: [String: String] = [:]

    static func load(engine: PlaybookEngine, user: DashboardUser) async throws -> PlaybooksPage {
        let store = engine.store
        var rows: [Row] = []
        for summary in try await store.playbooks() {
            let stored = try await store.playbook(name: summary.name, version: nil)
            let playbook = stored.flatMap { try? PlaybookDocument.parse($0.source, format: $0.format) }
            let measured = (summary.runs[.heldOut] ?? 0) > 0 && summary.runs.contains { $0.key != .heldOut && $0.value > 0 }
            let churn = measured ? try await engine.effect(playbook: summary.name)?.churn : nil
            rows.append(Row(summary: summary, playbook: playbook, churn: churn))
        }
        return PlaybooksPage(rows: rows, role: user.role, csrf: user.csrfToken,
                             ownerNames: Dictionary(try await store.csms().map { ($0.id, $0.name) }) { first, _ in first })
    }
}

/// What an action on a playbook did, carried in the query string of the redirect after it (`done=activated&version=2`)
/// and turned back into a sentence here: the page never shows text taken whole from a URL.
struct PlaybooksNotice: Sendable, Hashable {
    enum Action: String, Sendable {
        case added, activated, deactivated, started, canceled
    }

    var action: Action
    var version: Int?
    var run: String?

    /// Reads `done`, `version` and `run`; `nil` without a known `done`.
    init?(query: [String: String]) {
        guard let action = query["done"].flatMap(Action.init(rawValue:)) else { return nil }
        self.action = action
        version = query["version"].flatMap { Int($0) }
        run = query["run"].flatMap { $0.isEmpty ? nil : String($0.prefix(100)) }
    }

    init(_ action: Action, version: Int? = nil, run: String? = nil) {
        self.action = action
        self.version = version
        self.run = run
    }

    /// The query string of the redirect that reports this.
    func query() -> String {
        Layout.query([("done", action.rawValue), ("version", version.map(String.init)), ("run", run)])
    }

    /// The sentence shown on the page of `playbook`.
    func message(playbook: String) -> String {
        let version = version.map { "Version \($0)" } ?? "A version"
        switch action {
        case .added: return "\(version) of \(playbook) was added."
        case .activated: return "\(version) of \(playbook) is active: its trigger starts runs from now on."
        case .deactivated: return "\(playbook) has no active version now; its active runs go on until they end or are canceled."
        case .started: return "Run \(run ?? "") started; its first step runs within a minute."
        case .canceled: return "Run \(run ?? "") was canceled; the tasks it created stay as they are."
        }
    }
}

/// The paths of the playbooks pages.
enum PlaybooksPaths {
    static let list = "/playbooks"
    static let dryRun = "/playbooks/dry-run"

    /// `/playbooks/{name}`, and `…/{name}/{action}` with one.
    static func playbook(_ name: String, _ action: String? = nil) -> String {
        "\(list)/\(NotificationsPaths.component(name))" + (action.map { "/\($0)" } ?? "")
    }

    /// `/playbooks/{name}/versions/{version}/activate`.
    static func activate(_ name: String, version: Int) -> String {
        playbook(name, "versions/\(version)/activate")
    }

    /// `/playbooks/{name}/runs/{id}`, and `…/{id}/{action}` with one.
    static func run(_ name: String, _ id: String, _ action: String? = nil) -> String {
        playbook(name, "runs/\(NotificationsPaths.component(id))") + (action.map { "/\($0)" } ?? "")
    }

    /// `/tasks/{id}`.
    static func task(_ id: String) -> String { "/tasks/\(NotificationsPaths.component(id))" }
}
