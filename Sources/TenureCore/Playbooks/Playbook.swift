import Foundation

/// A playbook as code: when the trigger fires for an account that meets the conditions (and the limit allows),
/// enroll it — or hold it out, for the `holdout` share — and run the steps in order.
public struct Playbook: Hashable, Sendable {
    /// 1 to 100 characters; what other playbooks' `start_playbook` names.
    public var name: String
    public var description: String?
    public var trigger: PlaybookTrigger
    public var conditions: PlaybookConditions
    public var limit: EnrollmentLimit
    /// The share of eligible accounts kept out of the playbook to measure its effect, 0 to 0.5.
    public var holdout: Double
    /// 1 to ``maximumSteps`` steps.
    public var steps: [PlaybookStep]

    public static let maximumSteps = 50

    public init(name: String, description: String? = nil, trigger: PlaybookTrigger, conditions: PlaybookConditions = PlaybookConditions(),
                limit: EnrollmentLimit = EnrollmentLimit(), holdout: Double = 0, steps: [PlaybookStep]) {
        self.name = name
        self.description = description
        self.trigger = trigger
        self.conditions = conditions
        self.limit = limit
        self.holdout = holdout
        self.steps = steps
    }

    /// Reads a playbook document (YAML or JSON, as a JSON tree) with snake_case keys, refusing unknown keys,
    /// wrong types, values out of range, unknown event types and template variables, naming the field
    /// (`steps[2].task.due_days`).
    public init(json: JSONValue) throws(ValidationError) {
        let document = try DocumentField(json, path: "").object(known: ["name", "description", "trigger", "conditions", "limit", "holdout", "steps"])
        let name = try document.required("name").text(maxLength: 100)
        let trigger = try PlaybookTrigger(document.required("trigger"))
        self.init(name: name, trigger: trigger, steps: [])
        description = try document.optional("description")?.text(maxLength: 2_000)
        if let conditions = document.optional("conditions") { self.conditions = try PlaybookConditions(conditions, allowsTaskOpen: false) }
        if let limit = document.optional("limit") { self.limit = try EnrollmentLimit(limit) }
        holdout = try document.optional("holdout")?.number(in: 0...0.5) ?? 0
        let steps = try document.required("steps")
        let items = try steps.items()
        guard (1...Self.maximumSteps).contains(items.count) else {
            throw steps.refusal("must list between 1 and \(Self.maximumSteps) steps")
        }
        for item in items {
            let step = try PlaybookStep(item)
            if step.action == .startPlaybook(name) {
                throw ValidationError(field: "\(item.path).start_playbook", "must name another playbook (a playbook cannot start itself)")
            }
            self.steps.append(step)
        }
    }
}

/// How often one account may enroll in a playbook.
public struct EnrollmentLimit: Hashable, Sendable {
    /// At most one enrollment (or hold-out) per account in this many days; `nil`: no limit beyond one active run.
    public var oncePerAccountDays: Int?

    public init(oncePerAccountDays: Int? = nil) {
        self.oncePerAccountDays = oncePerAccountDays
    }

    init(_ field: DocumentField) throws(ValidationError) {
        self.init(oncePerAccountDays: try field.object(known: ["once_per_account_days"]).optional("once_per_account_days")?.integer(in: 1...3_650))
    }
}
