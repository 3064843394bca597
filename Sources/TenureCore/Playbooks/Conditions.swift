import Foundation

/// What an account must meet for a playbook to enroll it (`conditions`) or for a step to run (`if`);
/// every condition given must hold. MRR is in minor units (`50000` = 500.00).
public struct PlaybookConditions: Hashable, Sendable {
    /// One of these segments.
    public var segment: [String]?
    public var stage: [LifecycleStage]?
    /// Owned by one of these CSMs.
    public var owner: [String]?
    public var health: [HealthColour]?
    public var healthScore: ValueTest?
    public var mrr: ValueTest?
    public var churnProbability: ValueTest?
    /// Carries every one of these tags.
    public var tags: [String]?
    public var traits: [String: ValueTest]
    /// Whether the run's last task is still open; only a step's `if` may test it.
    public var taskOpen: Bool?

    public init(segment: [String]? = nil, stage: [LifecycleStage]? = nil, owner: [String]? = nil, health: [HealthColour]? = nil,
                healthScore: ValueTest? = nil, mrr: ValueTest? = nil, churnProbability: ValueTest? = nil, tags: [String]? = nil,
                traits: [String: ValueTest] = [:], taskOpen: Bool? = nil) {
        self.segment = segment
        self.stage = stage
        self.owner = owner
        self.health = health
        self.healthScore = healthScore
        self.mrr = mrr
        self.churnProbability = churnProbability
        self.tags = tags
        self.traits = traits
        self.taskOpen = taskOpen
    }

    /// Checks the conditions in a fixed order (segment, stage, owner, health, health score, MRR, churn probability,
    /// tags, traits by key, task) and stops at the first that fails; `taskOpen` is whether the run's last task is open.
    public func evaluate(_ subject: PlaybookSubject, taskOpen: Bool?) -> ConditionCheck {
        var matched: [String] = []
        for clause in clauses(subject, taskOpen: taskOpen) {
            guard clause.passed else { return ConditionCheck(passed: false, matched: matched, failed: clause.text) }
            matched.append(clause.text)
        }
        return ConditionCheck(passed: true, matched: matched, failed: nil)
    }

    private func clauses(_ subject: PlaybookSubject, taskOpen open: Bool?) -> [(passed: Bool, text: String)] {
        var clauses: [(passed: Bool, text: String)] = []
        func test(_ name: String, _ valueTest: ValueTest?, _ actual: JSONValue?, money: Bool = false) {
            guard let valueTest else { return }
            clauses.append((valueTest.passes(actual), valueTest.describe(name, actual: actual, money: money)))
        }
        func oneOf(_ values: [String]?) -> ValueTest? { values.map { .oneOf($0.map(JSONValue.string)) } }
        test("segment", oneOf(segment), subject.segment.map(JSONValue.string))
        test("stage", oneOf(stage?.map(\.rawValue)), .string(subject.stage.rawValue))
        test("owner", oneOf(owner), subject.ownerID.map(JSONValue.string))
        test("health", oneOf(health?.map(\.rawValue)), subject.healthColour.map { .string($0.rawValue) })
        test("health score", healthScore, subject.healthScore.map(JSONValue.number))
        test("MRR", mrr, .number(Double(subject.mrr)), money: true)
        test("churn probability", churnProbability, subject.churnProbability.map(JSONValue.number))
        if let tags {
            let missing = tags.filter { !subject.tags.contains($0) }
            clauses.append(missing.isEmpty ? (true, "tags include \(tags.joined(separator: ", "))")
                                           : (false, "tags lack \(missing.joined(separator: ", "))"))
        }
        for (key, trait) in traits.sorted(by: { $0.key < $1.key }) { test("traits.\(key)", trait, subject.traits[key]) }
        if let taskOpen {
            let isOpen = open ?? false
            clauses.append(isOpen == taskOpen ? (true, isOpen ? "task open" : "task not open")
                                              : (false, isOpen ? "task still open" : "task no longer open"))
        }
        return clauses
    }
}

/// The outcome of checking conditions: whether they all held, the ones that did, and the first that did not.
public struct ConditionCheck: Hashable, Sendable {
    public var passed: Bool
    /// Each condition that held, in words (`segment=enterprise`, `MRR 820.00 ≥ 500.00`), in the order checked.
    public var matched: [String]
    /// The first condition that failed, in words (`segment=smb, not one of mid_market, enterprise`).
    public var failed: String?

    public init(passed: Bool, matched: [String], failed: String?) {
        self.passed = passed
        self.matched = matched
        self.failed = failed
    }
}

extension PlaybookConditions {
    /// The keys a conditions mapping may hold.
    static let keys = ["segment", "stage", "owner", "health", "health_score", "mrr", "churn_probability", "tags", "traits", "task_open"]

    /// Reads conditions from a document; `task_open` is refused unless `allowsTaskOpen` (a step's `if`).
    init(_ field: DocumentField, allowsTaskOpen: Bool) throws(ValidationError) {
        let object = try field.object(known: Self.keys)
        self.init()
        segment = try object.optional("segment")?.texts(maxLength: 100)
        stage = try object.optional("stage")?.choices(LifecycleStage.self)
        owner = try object.optional("owner")?.texts(maxLength: 200)
        health = try object.optional("health")?.choices(HealthColour.self)
        if let test = object.optional("health_score") { healthScore = try ValueTest(test, numeric: true) }
        if let test = object.optional("mrr") { mrr = try ValueTest(test, numeric: true) }
        if let test = object.optional("churn_probability") { churnProbability = try ValueTest(test, numeric: true) }
        tags = try object.optional("tags")?.texts(maxLength: 100)
        if let field = object.optional("traits") {
            let traits = try field.object(known: nil)
            for key in traits.keys {
                try Check.nonEmpty(key, traits.path, maxLength: 200)
                self.traits[key] = try ValueTest(DocumentField(traits.fields[key]!, path: DocumentObject.path(traits.path, key)), numeric: false)
            }
        }
        if let flag = object.optional("task_open") {
            guard allowsTaskOpen else { throw flag.refusal("only a step's if may test task_open (a run's task exists only once a step made it)") }
            taskOpen = try flag.flag()
        }
    }
}
