import Foundation

/// Who hears about a task that slips: tiers by how long it is overdue, and at once the CS lead for a red account of high ARR.
///
/// Written as a spec like `24h:manager, 72h:lead, 5d:cs-lead@example.com; red_arr 10000000; lead ana@example.com`
/// (delays in m, h or d; the ARR in minor units). Tiers are numbered from 1 in order; the red-account rule is tier
/// `tiers.count + 1`, so it fires once and no overdue tier fires after it. A task records the tier reached in
/// ``SuccessTask/escalationTier``.
public struct EscalationPolicy: Hashable, Sendable {
    /// One step of escalation: once a task is overdue by `afterOverdue` seconds, `target` hears about it.
    public struct Tier: Hashable, Sendable {
        public var afterOverdue: TimeInterval
        public var target: Target

        public init(afterOverdue: TimeInterval, target: Target) {
            self.afterOverdue = afterOverdue
            self.target = target
        }
    }

    /// Who an escalation goes to.
    public enum Target: Hashable, Sendable, CustomStringConvertible {
        /// The task's owner.
        case owner
        /// The owner's manager (``CSM/managerID``).
        case manager
        /// The CS lead (``EscalationPolicy/leadEmail`` when set).
        case lead
        /// A named escalation path.
        case email(String)

        /// `owner`, `manager`, `lead` or the email address, as in the spec.
        public var description: String {
            switch self {
            case .owner: "owner"
            case .manager: "manager"
            case .lead: "lead"
            case .email(let address): address
            }
        }
    }

    /// Overdue tiers in increasing order of delay.
    public var tiers: [Tier]
    /// A task on a red account whose ARR (minor units) is at or above this escalates to the lead at once.
    public var redAccountARR: Int64?
    /// Where escalations to the lead go.
    public var leadEmail: String?

    /// Most tiers a policy may have.
    public static let maximumTiers = 10

    /// 24 hours overdue → the owner's manager, 72 hours → the CS lead; no ARR rule.
    public static let standard = EscalationPolicy(tiers: [Tier(afterOverdue: 24 * 3_600, target: .manager),
                                                          Tier(afterOverdue: 72 * 3_600, target: .lead)])

    public init(tiers: [Tier], redAccountARR: Int64? = nil, leadEmail: String? = nil) {
        self.tiers = tiers
        self.redAccountARR = redAccountARR
        self.leadEmail = leadEmail
    }

    /// Parses a spec like `24h:manager, 72h:lead, 5d:cs-lead@example.com; red_arr 10000000; lead ana@example.com`;
    /// every clause is optional.
    public init(spec: String) throws(ValidationError) {
        self.init(tiers: [])
        var sawTiers = false
        for clause in spec.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) where !clause.isEmpty {
            let words = clause.split(separator: " ", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            switch words[0] {
            case "red_arr":
                guard redAccountARR == nil, words.count == 2, let arr = Int64(words[1]) else {
                    throw Self.invalid("'\(clause)' must be given once, like 'red_arr 10000000' (ARR in minor units)")
                }
                redAccountARR = arr
            case "lead":
                guard leadEmail == nil, words.count == 2 else { throw Self.invalid("'\(clause)' must be given once, like 'lead ana@example.com'") }
                leadEmail = words[1]
            default:
                guard !sawTiers else { throw Self.invalid("has two lists of tiers ('\(clause)')") }
                sawTiers = true
                tiers = try clause.split(separator: ",").map { (item) throws(ValidationError) in try Self.parseTier(item) }
            }
        }
        try validate()
    }

    /// The spec that parses back to this policy.
    public var spec: String {
        var clauses: [String] = []
        if !tiers.isEmpty { clauses.append(tiers.map { "\(Self.format(delay: $0.afterOverdue)):\($0.target)" }.joined(separator: ", ")) }
        if let redAccountARR { clauses.append("red_arr \(redAccountARR)") }
        if let leadEmail { clauses.append("lead \(leadEmail)") }
        return clauses.joined(separator: "; ")
    }

    /// The escalation due for `task` at `now` that is above the tier the task has reached, or nil when the task is not
    /// open (done, canceled or snoozed) or nothing new is due.
    ///
    /// The red-account rule comes first (tier `tiers.count + 1`, to the lead). Otherwise the highest tier whose delay the
    /// task is overdue by — overdue meaning past the earlier of its due date and SLA — so a check that missed a run
    /// jumps straight to the right tier.
    public func nextTier(for task: SuccessTask, at now: Date, accountRed: Bool, accountARR: Int64?) -> (tier: Int, target: Target, reason: String)? {
        guard task.status == .open || task.status == .inProgress else { return nil }
        if let threshold = redAccountARR, accountRed, let arr = accountARR, arr >= threshold, task.escalationTier <= tiers.count {
            let amount = { Money.formatMajorUnits($0, digits: 2) }
            return (tiers.count + 1, .lead, "red account with ARR \(amount(arr)) ≥ \(amount(threshold))")
        }
        guard task.isOverdue(at: now), let due = [task.dueAt, task.slaDueAt].compactMap({ $0 }).min() else { return nil }
        let overdue = now.timeIntervalSince(due)
        guard let index = tiers.lastIndex(where: { $0.afterOverdue <= overdue }), index + 1 > task.escalationTier else { return nil }
        let tier = tiers[index]
        let late = overdue >= 3_600 ? "\(Int(overdue / 3_600)) h" : "\(Int(overdue / 60)) min"
        return (index + 1, tier.target, "overdue by \(late) (rule: \(Self.format(delay: tier.afterOverdue)) → \(tier.target))")
    }

    // MARK: - Spec

    private static let units: [(suffix: Character, seconds: TimeInterval)] = [("d", 86_400), ("h", 3_600), ("m", 60)]

    /// `24h:manager` or `5d:cs-lead@example.com`.
    private static func parseTier(_ item: Substring) throws(ValidationError) -> Tier {
        let parts = item.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let unit = units.first(where: { $0.suffix == parts[0].last?.lowercased().first }),
              let count = Int(parts[0].dropLast()), count >= 0
        else { throw invalid("tier '\(item.trimmingCharacters(in: .whitespaces))' must be like 24h:manager (a delay in m, h or d, then a target)") }
        let target: Target = switch parts[1].lowercased() {
        case "owner": .owner
        case "manager": .manager
        case "lead": .lead
        default: .email(parts[1])
        }
        return Tier(afterOverdue: TimeInterval(count) * unit.seconds, target: target)
    }

    /// A delay as written in a spec: hours up to three days (`72h`), whole days beyond (`5d`), else minutes (`90m`).
    private static func format(delay: TimeInterval) -> String {
        if delay >= 4 * 86_400, delay.truncatingRemainder(dividingBy: 86_400) == 0 { return "\(Int(delay / 86_400))d" }
        if delay.truncatingRemainder(dividingBy: 3_600) == 0 { return "\(Int(delay / 3_600))h" }
        return "\(Int(delay / 60))m"
    }

    private static func invalid(_ message: String) -> ValidationError {
        ValidationError(field: "task_escalation", message)
    }
}

extension EscalationPolicy: Validatable {
    /// Refuses more than ``maximumTiers`` tiers, delays out of order or over a year, a target that is neither owner,
    /// manager, lead nor an email address, and an ARR threshold outside 0 to ``Money/maximumAmount``.
    public func validate() throws(ValidationError) {
        if tiers.count > Self.maximumTiers { throw Self.invalid("must have at most \(Self.maximumTiers) tiers") }
        for (index, tier) in tiers.enumerated() {
            let written = "\(Self.format(delay: tier.afterOverdue)):\(tier.target)"
            guard (0...(365 * 86_400)).contains(tier.afterOverdue) else { throw Self.invalid("tier '\(written)' must wait 0 to 365 days") }
            if index > 0, tier.afterOverdue <= tiers[index - 1].afterOverdue {
                throw Self.invalid("tier '\(written)' must wait longer than the tier before it")
            }
            if case .email(let address) = tier.target, !Self.isEmail(address) {
                throw Self.invalid("tier '\(written)': the target must be owner, manager, lead or an email address")
            }
        }
        if let redAccountARR, !(0...Money.maximumAmount).contains(redAccountARR) {
            throw Self.invalid("red_arr must be between 0 and \(Money.maximumAmount) (minor units)")
        }
        if let leadEmail, !Self.isEmail(leadEmail) { throw Self.invalid("lead '\(leadEmail)' must be an email address like name@example.com") }
    }

    private static func isEmail(_ text: String) -> Bool {
        (try? Check.email(text, "task_escalation")) != nil
    }
}
