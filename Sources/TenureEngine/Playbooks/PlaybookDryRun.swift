import Foundation
import TenureCore

/// What a playbook would have done over a stretch of stored history, with nothing written: how many accounts it would
/// have enrolled or held out, the tasks it would have created per owner and week, and each enrollment with its trace.
public struct PlaybookDryRun: Sendable, Hashable, Codable {
    public var playbook: String
    public var from: Date
    public var to: Date
    /// Trigger occurrences in the window (events, schedule times, missed milestones…), before conditions.
    public var occurrences: Int
    public var enrolled: Int
    public var heldOut: Int
    public var skipped: Int
    /// Why occurrences were skipped, with how many each.
    public var skipReasons: [Reason]
    public var tasks: Int
    public var notifications: Int
    /// Tasks created per owner (or queue) and ISO week, by week then owner.
    public var load: [OwnerWeek]
    /// Each enrollment and hold-out, oldest first.
    public var entries: [Entry]

    /// One skip reason and its count.
    public struct Reason: Sendable, Hashable, Codable {
        public var reason: String
        public var count: Int
    }

    /// Tasks one owner would have received in one week.
    public struct OwnerWeek: Sendable, Hashable, Codable {
        /// The owner's id, or `queue:<name>`.
        public var owner: String
        /// ISO week, e.g. `2026-W18`.
        public var week: String
        public var tasks: Int
    }

    /// One account the playbook would have enrolled or held out.
    public struct Entry: Sendable, Hashable, Codable {
        public var accountID: String
        public var accountName: String
        public var at: Date
        public var heldOut: Bool
        public var trace: String
        /// The titles of the tasks its steps would have created within the window.
        public var tasks: [String]
    }
}

/// Replays a playbook over trigger occurrences in time order, keeping in memory what the store would keep for real
/// runs (each account's active run and last start), with the same decisions and step plans as ``PlaybookEngine``.
struct DryRunSimulation {
    let playbook: Playbook
    let window: (from: Date, to: Date)
    let deadlines: @Sendable (TaskStep, Date) -> (due: Date?, sla: Date?)
    private var activeUntil: [String: Date] = [:]
    private var lastStart: [String: Date] = [:]
    private var reasons: [String: Int] = [:]
    private var load: [DryRunKey: Int] = [:]
    private(set) var report: PlaybookDryRun

    init(playbook: Playbook, from: Date, to: Date, deadlines: @escaping @Sendable (TaskStep, Date) -> (due: Date?, sla: Date?)) {
        self.playbook = playbook
        self.window = (from, to)
        self.deadlines = deadlines
        report = PlaybookDryRun(playbook: playbook.name, from: from, to: to, occurrences: 0, enrolled: 0, heldOut: 0, skipped: 0,
                                skipReasons: [], tasks: 0, notifications: 0, load: [], entries: [])
    }

    /// Decides on one occurrence (occurrences must come oldest first) as the engine would at its instant.
    mutating func replay(_ occurrence: TriggerOccurrence, subject: PlaybookSubject) {
        guard occurrence.at >= window.from, occurrence.at <= window.to else { return }
        if playbook.trigger.listensToEvents && !playbook.trigger.matches(occurrence) { return }
        report.occurrences += 1
        let account = subject.accountID
        let decision = PlaybookEvaluator.decide(
            playbook, occurrence: occurrence, subject: subject, lastStart: lastStart[account],
            hasActiveRun: (activeUntil[account] ?? .distantPast) > occurrence.at,
            heldOut: Holdout.isHeldOut(playbook: playbook.name, accountID: account, share: playbook.holdout))
        switch decision {
        case .skip(let reason):
            report.skipped += 1
            reasons[Self.category(of: reason), default: 0] += 1
        case .holdOut(let trace):
            lastStart[account] = occurrence.at
            report.heldOut += 1
            report.entries.append(.init(accountID: account, accountName: subject.name, at: occurrence.at, heldOut: true, trace: trace, tasks: []))
        case .enroll(let trace):
            lastStart[account] = occurrence.at
            report.enrolled += 1
            let titles = simulateSteps(from: occurrence, subject: subject)
            report.entries.append(.init(accountID: account, accountName: subject.name, at: occurrence.at, heldOut: false, trace: trace, tasks: titles))
        }
    }

    /// Plans the run's steps from its start, as the engine would execute them when each falls due (tasks are taken to
    /// stay open); returns the titles of the tasks created within the window.
    private mutating func simulateSteps(from occurrence: TriggerOccurrence, subject: PlaybookSubject) -> [String] {
        var at = occurrence.at
        var titles: [String] = []
        let context = TemplateContext.make(subject: subject, occurrence: occurrence, playbook: playbook.name, runID: nil)
        for step in playbook.steps {
            guard at <= window.to else { break }
            let planned = StepPlanner.plan(step, subject: subject, context: context, taskOpen: titles.isEmpty ? nil : true,
                                           now: at, dueDate: deadlines)
            switch planned {
            case let .task(title, _, ownerID, queue, _, _, _):
                titles.append(title)
                report.tasks += 1
                load[DryRunKey(owner: ownerID ?? "queue:\(queue ?? "unassigned")", week: Self.isoWeek(at)), default: 0] += 1
            case .wait(let until):
                at = until
            case .notify:
                report.notifications += 1
            case .setOwner, .setStage, .addTag, .removeTag, .setTrait, .startPlaybook, .skipped:
                break
            }
        }
        activeUntil[subject.accountID] = at
        return titles
    }

    /// The finished report.
    func finished() -> PlaybookDryRun {
        var report = report
        report.skipReasons = reasons.map { PlaybookDryRun.Reason(reason: $0.key, count: $0.value) }
            .sorted { ($0.count, $1.reason) > ($1.count, $0.reason) }
        report.load = load.map { PlaybookDryRun.OwnerWeek(owner: $0.key.owner, week: $0.key.week, tasks: $0.value) }
            .sorted { ($0.week, $0.owner) < ($1.week, $1.owner) }
        return report
    }

    /// A skip reason without its account-specific numbers, so that like reasons count together.
    static func category(of reason: String) -> String {
        String(reason.prefix { $0 != ";" && $0 != "(" }).replacingOccurrences(of: #"\d+(\.\d+)?"#, with: "N", options: .regularExpression)
            .trimmingCharacters(in: .whitespaces)
    }

    /// The ISO week of `date` in UTC, e.g. `2026-W18`.
    static func isoWeek(_ date: Date) -> String {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
        return String(format: "%04d-W%02d", parts.yearForWeekOfYear ?? 0, parts.weekOfYear ?? 0)
    }
}

private struct DryRunKey: Hashable {
    var owner: String
    var week: String
}
