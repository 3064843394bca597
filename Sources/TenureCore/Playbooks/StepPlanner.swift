import Foundation

/// What one step of a run does now, decided without side effects: the engine carries out the plan and logs its words.
public enum StepPlanner {
    /// The plan of `step` for `subject` at `now`: skipped when its `if` fails (`taskOpen`: whether the run's last task
    /// is open), otherwise its action with templates rendered from `context`, the account owner resolved (the
    /// `unassigned` queue when the account has none) and a task's deadlines from `dueDate` (the engine passes
    /// its business calendar; ``calendarDays(_:from:)`` counts plain days).
    public static func plan(_ step: PlaybookStep, subject: PlaybookSubject, context: [String: JSONValue], taskOpen: Bool?, now: Date,
                            dueDate: (TaskStep, Date) -> (due: Date?, sla: Date?)) -> PlannedStep {
        if let failed = step.condition?.evaluate(subject, taskOpen: taskOpen).failed { return .skipped(reason: failed) }
        switch step.action {
        case .task(let task):
            let owner = resolve(task.owner, subject)
            let deadlines = dueDate(task, now)
            return .task(title: task.title.render(context), details: task.details?.render(context), ownerID: owner.ownerID, queue: owner.queue,
                         priority: task.priority, dueAt: deadlines.due, slaDueAt: deadlines.sla)
        case .wait(let interval): return .wait(until: now.addingTimeInterval(interval))
        case .notify(let notify): return .notify(channel: notify.channel, text: notify.text.render(context))
        case .setOwner(let owner):
            let resolved = resolve(owner, subject)
            return .setOwner(ownerID: resolved.ownerID, queue: resolved.queue)
        case .setStage(let stage): return .setStage(stage)
        case .addTag(let tag): return .addTag(tag)
        case .removeTag(let tag): return .removeTag(tag)
        case .setTrait(let key, let value): return .setTrait(key: key, value: value)
        case .startPlaybook(let name): return .startPlaybook(name)
        }
    }

    /// A task's deadlines counted in plain days and hours from `start`: due after `due_days` (or `due_business_days`)
    /// days, SLA after `sla_business_hours` hours (or `sla_business_days` days).
    public static func calendarDays(_ step: TaskStep, from start: Date) -> (due: Date?, sla: Date?) {
        let due = (step.dueDays ?? step.dueBusinessDays).map { start.adding(days: Double($0)) }
        let sla = step.slaBusinessHours.map { start.addingTimeInterval(Double($0) * 3_600) }
            ?? step.slaBusinessDays.map { start.adding(days: Double($0)) }
        return (due, sla)
    }

    /// The step log's line for a plan: `created task “Call Acme” for csm_ana, due 2026-05-05`, `waited until 2026-05-12`,
    /// `sent slack: …`, `skipped: task no longer open`.
    public static func describe(_ planned: PlannedStep) -> String {
        switch planned {
        case .task(let title, _, let ownerID, let queue, _, let dueAt, let slaDueAt):
            return "created task “\(short(title))” for \(assignee(ownerID, queue))"
                + (dueAt.map { ", due \(PlaybookText.day($0))" } ?? "") + (slaDueAt.map { ", SLA \(PlaybookText.minute($0))" } ?? "")
        case .wait(let until): return "waited until \(PlaybookText.day(until))"
        case .notify(let channel, let text): return "sent \(channel.rawValue): \(short(text))"
        case .setOwner(let ownerID, let queue): return "gave the account to \(assignee(ownerID, queue))"
        case .setStage(let stage): return "set stage to \(stage.rawValue)"
        case .addTag(let tag): return "added tag \(tag)"
        case .removeTag(let tag): return "removed tag \(tag)"
        case .setTrait(let key, let value): return "set trait \(key) to \(PlaybookText.value(value))"
        case .startPlaybook(let name): return "started playbook \(name)"
        case .skipped(let reason): return "skipped: \(reason)"
        }
    }

    /// The queue an account-owner task goes to when the account has no owner.
    public static let unassignedQueue = "unassigned"

    private static func resolve(_ owner: TaskOwner, _ subject: PlaybookSubject) -> (ownerID: String?, queue: String?) {
        switch owner {
        case .accountOwner: subject.ownerID.map { ($0, nil) } ?? (nil, unassignedQueue)
        case .queue(let queue): (nil, queue)
        case .csm(let id): (id, nil)
        }
    }

    private static func assignee(_ ownerID: String?, _ queue: String?) -> String {
        ownerID ?? "queue \(queue ?? unassignedQueue)"
    }

    /// `text` cut to 80 characters with an ellipsis.
    private static func short(_ text: String) -> String {
        text.count <= 80 ? text : text.prefix(79) + "…"
    }
}

/// What a step does now, with its texts rendered and its owner and deadlines resolved.
public enum PlannedStep: Hashable, Sendable {
    case task(title: String, details: String?, ownerID: String?, queue: String?, priority: Ticket.Priority, dueAt: Date?, slaDueAt: Date?)
    case wait(until: Date)
    case notify(channel: NotificationEndpoint.Kind, text: String)
    case setOwner(ownerID: String?, queue: String?)
    case setStage(LifecycleStage)
    case addTag(String)
    case removeTag(String)
    case setTrait(key: String, value: JSONValue)
    case startPlaybook(String)
    /// The step's `if` failed: `task no longer open`, `segment=smb, not enterprise`.
    case skipped(reason: String)
}
