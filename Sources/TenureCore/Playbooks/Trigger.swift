import Foundation

/// What starts a playbook for an account: an event of the notifications catalogue, a segment or lifecycle stage
/// change, a missed first-value milestone, a usage drop, a schedule, or a person starting it.
public enum PlaybookTrigger: Hashable, Sendable {
    /// An event whose data passes every test, keyed by a dotted path into the data (`previous.score`).
    case event(EventType, where: [String: ValueTest])
    /// The account entered this segment (`nil`: any segment).
    case segmentEntered(String?)
    /// The account left this segment (`nil`: any segment).
    case segmentExited(String?)
    /// The account moved to this stage (`nil`: any stage).
    case stageChanged(LifecycleStage?)
    /// The first-value milestone is not reached this many days after the account was created (checked daily).
    case milestoneMissed(days: Int)
    /// Engagement in the last `days` days fell by at least `percent` % against the `days` before (checked daily).
    case usageDrop(percent: Double, days: Int)
    case schedule(CronSchedule)
    /// Started by a person from the dashboard, the API or the command line.
    case manual

    /// The events a trigger may name: the catalogue less those about no account and those playbooks send.
    public static let events = EventType.allCases.filter { ![.ping, .digestDaily, .playbookNotification].contains($0) }

    /// The ``TriggerOccurrence/type`` of the occurrences this trigger answers.
    public var occurrenceType: String {
        switch self {
        case .event(let type, _): type.rawValue
        case .segmentEntered, .segmentExited: EventType.accountSegmentChanged.rawValue
        case .stageChanged: EventType.accountStageChanged.rawValue
        case .milestoneMissed: TriggerOccurrence.milestoneMissedType
        case .usageDrop: TriggerOccurrence.usageDropType
        case .schedule: TriggerOccurrence.scheduleType
        case .manual: TriggerOccurrence.manualType
        }
    }

    /// Whether `occurrence` fires this trigger: its type is the trigger's, and its data passes the trigger's tests
    /// (the `where` tests, the segment or stage named, the milestone's days, a drop at least as deep).
    public func matches(_ occurrence: TriggerOccurrence) -> Bool {
        guard occurrence.type == occurrenceType else { return false }
        let data = occurrence.data
        switch self {
        case .event(_, let tests): return tests.allSatisfy { $0.value.passes(data.value(atPath: $0.key)) }
        case .segmentEntered(let segment): return Self.names(data["to"], segment)
        case .segmentExited(let segment): return Self.names(data["from"], segment)
        case .stageChanged(let stage): return Self.names(data["to"], stage?.rawValue)
        case .milestoneMissed(let days): return data["days"]?.doubleValue == Double(days)
        case .usageDrop(let percent, let days):
            return data["days"]?.doubleValue == Double(days) && (data["percent"]?.doubleValue ?? 0) >= percent
        case .schedule, .manual: return true
        }
    }

    /// Whether `value` is a name, and `name` when one is asked for.
    private static func names(_ value: JSONValue?, _ name: String?) -> Bool {
        guard case .string(let actual)? = value else { return false }
        return name.map { $0 == actual } ?? true
    }
}

extension PlaybookTrigger {
    /// The keys that name a trigger's kind.
    static let kinds = ["event", "segment_entered", "segment_exited", "stage_changed", "milestone_missed", "usage_drop", "schedule", "manual"]

    /// Reads a trigger: `manual`, or a mapping with one kind's key (and `where` beside `event`).
    init(_ field: DocumentField) throws(ValidationError) {
        if case .string("manual") = field.value {
            self = .manual
            return
        }
        guard case .object = field.value else {
            throw field.refusal("must be manual or a mapping with one of: \(Self.kinds.joined(separator: ", "))")
        }
        let object = try field.object(known: Self.kinds + ["where"])
        let named = object.keys.filter { $0 != "where" }
        guard named.count == 1, let kind = named.first else {
            throw field.refusal(named.isEmpty ? "must name one of: \(Self.kinds.joined(separator: ", "))"
                                              : "must name one trigger, found \(named.joined(separator: " and "))")
        }
        if kind != "event", let clause = object.optional("where") { throw clause.refusal("only an event trigger takes where") }
        let value = try object.required(kind)
        switch kind {
        case "event":
            self = .event(try Self.eventType(value), where: try object.optional("where").map(Self.tests) ?? [:])
        case "segment_entered", "segment_exited":
            let name = try value.text(maxLength: 100)
            let segment = name == "any" ? nil : name
            self = kind == "segment_entered" ? .segmentEntered(segment) : .segmentExited(segment)
        case "stage_changed":
            self = .stageChanged(value.value == .string("any") ? nil : try value.choice(LifecycleStage.self))
        case "milestone_missed":
            self = .milestoneMissed(days: try value.object(known: ["days"]).required("days").integer(in: 1...3650))
        case "usage_drop":
            let drop = try value.object(known: ["percent", "days"])
            self = .usageDrop(percent: try drop.required("percent").number(in: 1...100), days: try drop.required("days").integer(in: 1...365))
        case "schedule":
            let text = try value.text(maxLength: 100)
            do throws(ValidationError) {
                self = .schedule(try CronSchedule(text))
            } catch {
                throw value.refusal(error.message)
            }
        default:
            guard try value.flag() else { throw value.refusal("must be true (or write the trigger as manual)") }
            self = .manual
        }
    }

    private static func eventType(_ field: DocumentField) throws(ValidationError) -> EventType {
        let name = try field.text(maxLength: 100)
        guard let type = EventType(rawValue: name), events.contains(type) else {
            throw field.refusal("unknown event type '\(name)'; known: \(events.map(\.rawValue).joined(separator: ", "))")
        }
        return type
    }

    /// The `where` tests, keyed by dotted paths into the event's data.
    private static func tests(_ field: DocumentField) throws(ValidationError) -> [String: ValueTest] {
        let paths = try field.object(known: nil)
        var tests: [String: ValueTest] = [:]
        for path in paths.keys {
            let test = DocumentField(paths.fields[path]!, path: DocumentObject.path(field.path, path))
            if path.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty) {
                throw test.refusal("must be a dotted path into the event's data, such as previous.score")
            }
            tests[path] = try ValueTest(test, numeric: false)
        }
        return tests
    }
}
