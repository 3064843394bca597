import Foundation

/// One step of a playbook: an action, run only when its `if` holds for the account at that moment.
public struct PlaybookStep: Hashable, Sendable {
    public var action: StepAction
    /// The step's `if`: the account's state (and whether the run's task is open) when the step comes due.
    public var condition: PlaybookConditions?

    public init(_ action: StepAction, if condition: PlaybookConditions? = nil) {
        self.action = action
        self.condition = condition
    }
}

/// What a step does.
public enum StepAction: Hashable, Sendable {
    case task(TaskStep)
    /// Wait this many seconds before the next step (`wait_days`, `wait_hours`).
    case wait(TimeInterval)
    case notify(NotifyStep)
    /// Give the account to a CSM or a team queue.
    case setOwner(TaskOwner)
    case setStage(LifecycleStage)
    case addTag(String)
    case removeTag(String)
    /// Set a trait of the account (null removes it).
    case setTrait(key: String, value: JSONValue)
    /// Start the playbook of this name for the account.
    case startPlaybook(String)
}

/// A message to the endpoints of one channel.
public struct NotifyStep: Hashable, Sendable {
    public var channel: NotificationEndpoint.Kind
    public var text: PlaybookTemplate

    public init(channel: NotificationEndpoint.Kind, text: PlaybookTemplate) {
        self.channel = channel
        self.text = text
    }
}

extension PlaybookStep {
    /// The keys that name a step's action.
    static let actions = ["task", "wait_days", "wait_hours", "notify", "set_owner", "set_stage", "add_tag", "remove_tag", "set_trait",
                          "start_playbook"]

    /// Reads a step: a mapping with one action's key and an optional `if`.
    init(_ field: DocumentField) throws(ValidationError) {
        let object = try field.object(known: Self.actions + ["if"])
        let named = object.keys.filter { $0 != "if" }
        guard named.count == 1, let key = named.first else {
            throw field.refusal(named.isEmpty ? "must hold one action: \(Self.actions.joined(separator: ", "))"
                                              : "must hold one action, found \(named.joined(separator: " and "))")
        }
        action = try StepAction(key, try object.required(key))
        if let condition = object.optional("if") { self.condition = try PlaybookConditions(condition, allowsTaskOpen: true) }
    }
}

extension StepAction {
    /// Reads the action named by `key` from its value.
    init(_ key: String, _ value: DocumentField) throws(ValidationError) {
        switch key {
        case "task":
            self = .task(try TaskStep(value))
        case "wait_days":
            self = .wait(Double(try value.integer(in: 1...3_650)) * 86_400)
        case "wait_hours":
            self = .wait(Double(try value.integer(in: 1...87_600)) * 3_600)
        case "notify":
            let notify = try value.object(known: ["channel", "text"])
            self = .notify(NotifyStep(channel: try notify.required("channel").choice(NotificationEndpoint.Kind.self),
                                      text: try notify.required("text").template(maxLength: 4_000)))
        case "set_owner":
            let owner = try TaskOwner(value)
            if owner == .accountOwner { throw value.refusal("must be a CSM id or queue:<name>") }
            self = .setOwner(owner)
        case "set_stage":
            self = .setStage(try value.choice(LifecycleStage.self))
        case "add_tag":
            self = .addTag(try value.text(maxLength: 100))
        case "remove_tag":
            self = .removeTag(try value.text(maxLength: 100))
        case "set_trait":
            let trait = try value.object(known: ["key", "value"])
            guard let traitValue = trait.fields["value"] else {
                throw ValidationError(field: DocumentObject.path(trait.path, "value"), "is required (null removes the trait)")
            }
            self = .setTrait(key: try trait.required("key").text(maxLength: 200), value: traitValue)
        default:
            self = .startPlaybook(try value.text(maxLength: 100))
        }
    }
}
