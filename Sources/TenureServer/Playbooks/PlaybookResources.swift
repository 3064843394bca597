import Foundation
import Hummingbird
import TenureCore
import TenureEngine
import TenureStore

/// A playbook at a glance: its latest and active versions and its runs by status.
struct PlaybookSummaryResource: Encodable, Sendable {
    var name: String
    var latestVersion: Int
    var activeVersion: Int?
    var runs: RunCounts

    /// Runs by status, zero included.
    struct RunCounts: Encodable, Sendable {
        var active: Int
        var completed: Int
        var heldOut: Int
        var canceled: Int
        var failed: Int
    }

    init(_ summary: PlaybookSummary) {
        name = summary.name
        latestVersion = summary.latestVersion
        activeVersion = summary.activeVersion
        runs = RunCounts(active: summary.runs[.active] ?? 0, completed: summary.runs[.completed] ?? 0,
                         heldOut: summary.runs[.heldOut] ?? 0, canceled: summary.runs[.canceled] ?? 0, failed: summary.runs[.failed] ?? 0)
    }
}

/// One version of a playbook as it was written (`source`), with its outline in words when it still parses; the
/// playbook's own route adds every version, oldest first, without their sources.
struct PlaybookVersionResource: ResponseEncodable {
    var stored: StoredPlaybook
    var outline: PlaybookOutline?
    var versions: [Version]?

    init(_ stored: StoredPlaybook, versions: [StoredPlaybook]? = nil) {
        self.stored = stored
        outline = (try? PlaybookDocument.parse(stored.source, format: stored.format)).map(PlaybookOutline.init)
        self.versions = versions?.map(Version.init)
    }

    /// A version in the list: who added it, when, why, and whether it is the active one.
    struct Version: Encodable, Sendable {
        var version: Int
        var format: DefinitionFormat
        var note: String?
        var author: String?
        var createdAt: Date
        var active: Bool
        var activatedAt: Date?

        init(_ stored: StoredPlaybook) {
            version = stored.version
            format = stored.format
            note = stored.note
            author = stored.author
            createdAt = stored.createdAt
            active = stored.active
            activatedAt = stored.activatedAt
        }
    }

    private enum ExtraKeys: String, CodingKey { case outline, versions }

    func encode(to encoder: any Encoder) throws {
        try stored.encode(to: encoder)
        var container = encoder.container(keyedBy: ExtraKeys.self)
        try container.encodeIfPresent(outline, forKey: .outline)
        try container.encodeIfPresent(versions, forKey: .versions)
    }
}

/// A run with, on its own route, the log of its steps, oldest first.
struct PlaybookRunResource: ResponseEncodable {
    var run: PlaybookRun
    var steps: [PlaybookRunStep]?

    private enum ExtraKeys: String, CodingKey { case steps }

    func encode(to encoder: any Encoder) throws {
        try run.encode(to: encoder)
        var container = encoder.container(keyedBy: ExtraKeys.self)
        try container.encodeIfPresent(steps, forKey: .steps)
    }
}

/// A playbook read back in words: `event survey.response.created where kind = nps and score ≤ 6`,
/// `segment one of mid_market, enterprise`, `create task “Call …” for the account's owner, due in 2 days, priority high`.
struct PlaybookOutline: Encodable, Sendable {
    var description: String?
    var trigger: String
    /// Each condition an account must meet to enroll.
    var conditions: [String]
    /// How often one account may enroll, when limited.
    var limit: String?
    var holdout: Double
    /// Each step, with its `if`.
    var steps: [String]

    init(_ playbook: Playbook) {
        description = playbook.description
        trigger = Self.text(playbook.trigger)
        conditions = Self.clauses(playbook.conditions)
        limit = playbook.limit.oncePerAccountDays.map { "once per account in \($0) days" }
        holdout = playbook.holdout
        steps = playbook.steps.map { step in
            let clauses = step.condition.map(Self.clauses) ?? []
            return Self.text(step.action) + (clauses.isEmpty ? "" : " if " + clauses.joined(separator: " and "))
        }
    }

    static func text(_ trigger: PlaybookTrigger) -> String {
        switch trigger {
        case let .event(type, tests):
            let clauses = tests.sorted { $0.key < $1.key }.map { text($0.value, of: $0.key) }
            return "event \(type.rawValue)" + (clauses.isEmpty ? "" : " where " + clauses.joined(separator: " and "))
        case .segmentEntered(let segment): return "the account enters " + (segment.map { "segment \($0)" } ?? "any segment")
        case .segmentExited(let segment): return "the account leaves " + (segment.map { "segment \($0)" } ?? "any segment")
        case .stageChanged(let stage): return "the lifecycle stage changes" + (stage.map { " to \($0.rawValue)" } ?? "")
        case .milestoneMissed(let days): return "first value not reached \(days) days after the account was created"
        case let .usageDrop(percent, days): return "usage falls by \(number(percent))% or more over \(days) days against the \(days) before"
        case .schedule(let schedule): return "on the schedule \(schedule.text)"
        case .manual: return "started by hand"
        }
    }

    /// Each condition in words, in the order they are checked.
    static func clauses(_ conditions: PlaybookConditions) -> [String] {
        var clauses: [String] = []
        func list(_ name: String, _ values: [String]?) {
            guard let values else { return }
            clauses.append(values.count == 1 ? "\(name) = \(values[0])" : "\(name) one of \(values.joined(separator: ", "))")
        }
        list("segment", conditions.segment)
        list("stage", conditions.stage?.map(\.rawValue))
        list("owner", conditions.owner)
        list("health", conditions.health?.map(\.rawValue))
        clauses += [("health score", conditions.healthScore, false), ("MRR", conditions.mrr, true),
                    ("churn probability", conditions.churnProbability, false)]
            .compactMap { name, test, money in test.map { text($0, of: name, money: money) } }
        if let tags = conditions.tags { clauses.append("tags include \(tags.joined(separator: ", "))") }
        clauses += conditions.traits.sorted { $0.key < $1.key }.map { text($0.value, of: "traits.\($0.key)") }
        if let open = conditions.taskOpen { clauses.append(open ? "task open" : "task not open") }
        return clauses
    }

    static func text(_ action: StepAction) -> String {
        switch action {
        case .task(let task):
            let due = task.dueDays.map { "due in \($0) days" } ?? task.dueBusinessDays.map { "due in \($0) business days" }
            let sla = task.slaBusinessHours.map { "SLA \($0) business hours" } ?? task.slaBusinessDays.map { "SLA \($0) business days" }
            return (["create task “\(task.title.text)” for \(text(task.owner))", due, sla, "priority \(task.priority.rawValue)"] as [String?])
                .compactMap { $0 }.joined(separator: ", ")
        case .wait(let seconds):
            let days = seconds.truncatingRemainder(dividingBy: 86_400) == 0
            return days ? "wait \(number(seconds / 86_400)) days" : "wait \(number(seconds / 3_600)) hours"
        case .notify(let notify): return "notify \(notify.channel.rawValue): “\(notify.text.text)”"
        case .setOwner(let owner): return "give the account to \(text(owner))"
        case .setStage(let stage): return "set the stage to \(stage.rawValue)"
        case .addTag(let tag): return "add the tag \(tag)"
        case .removeTag(let tag): return "remove the tag \(tag)"
        case let .setTrait(key, value): return "set the trait \(key) to \(value.stringValue ?? "null")"
        case .startPlaybook(let name): return "start the playbook \(name)"
        }
    }

    static func text(_ owner: TaskOwner) -> String {
        switch owner {
        case .accountOwner: "the account's owner"
        case .queue(let queue): "the queue \(queue)"
        case .csm(let id): id
        }
    }

    /// A value test in words: `score ≤ 6`, `kind = nps`, `MRR ≥ 500.00 and < 1000.00`; money in major units.
    static func text(_ test: ValueTest, of subject: String, money: Bool = false) -> String {
        func operand(_ value: JSONValue) -> String {
            switch value {
            case .number(let minor) where money && abs(minor) < 1e15: Money.formatMajorUnits(Int64(minor.rounded()), digits: 2)
            case .array(let items): items.map(operand).joined(separator: ", ")
            default: value.stringValue ?? "null"
            }
        }
        return subject + " " + test.comparisons.map { "\($0.relation.symbol) \(operand($0.operand))" }.joined(separator: " and ")
    }

    /// A number without a trailing `.0`.
    private static func number(_ value: Double) -> String { JSONValue.number(value).stringValue ?? String(value) }
}
