import Foundation
import Testing
@testable import TenureCore

/// Escalation rules: overdue tiers, jumping past missed tiers, the red-account rule, and the spec.
@Suite("Escalation policy")
struct EscalationPolicyTests {
    static let now = Date(timeIntervalSince1970: 1_781_524_800) // 2026-06-15T12:00:00Z
    static let spec = "24h:manager, 72h:lead, 5d:cs-lead@example.com; red_arr 10000000; lead ana@example.com"
    static let policy = try! EscalationPolicy(spec: spec)

    /// A task due `hoursAgo` hours before ``now`` (negative: still to come).
    static func task(dueHoursAgo hoursAgo: Double, status: SuccessTask.Status = .open, tier: Int = 0, slaHoursAgo: Double? = nil) -> SuccessTask {
        SuccessTask(accountID: "acct_1", ownerID: "csm_ana", title: "Call about the renewal", status: status,
                    dueAt: now.addingTimeInterval(-hoursAgo * 3_600), slaDueAt: slaHoursAgo.map { now.addingTimeInterval(-$0 * 3_600) },
                    snoozedUntil: status == .snoozed ? now.addingTimeInterval(86_400) : nil, createdAt: now.addingTimeInterval(-30 * 86_400),
                    escalationTier: tier)
    }

    static func next(_ task: SuccessTask, red: Bool = false, arr: Int64? = nil, policy: EscalationPolicy = policy)
        -> (tier: Int, target: EscalationPolicy.Target, reason: String)? {
        policy.nextTier(for: task, at: now, accountRed: red, accountARR: arr)
    }

    @Test("overdue by 26 hours reaches the first tier once")
    func firstTier() throws {
        let first = try #require(Self.next(Self.task(dueHoursAgo: 26)))
        #expect(first.tier == 1 && first.target == .manager && first.reason == "overdue by 26 h (rule: 24h → manager)")
        #expect(Self.next(Self.task(dueHoursAgo: 26, tier: 1)) == nil, "already escalated to tier 1")
        #expect(Self.next(Self.task(dueHoursAgo: 23.9)) == nil, "not yet 24 hours overdue")
        #expect(Self.next(Self.task(dueHoursAgo: -2)) == nil, "not due yet")
    }

    @Test("a check that missed runs jumps to the highest tier now due")
    func jumps() throws {
        let lead = try #require(Self.next(Self.task(dueHoursAgo: 80)))
        #expect(lead.tier == 2 && lead.target == .lead && lead.reason == "overdue by 80 h (rule: 72h → lead)")
        let email = try #require(Self.next(Self.task(dueHoursAgo: 6 * 24, tier: 1)))
        #expect(email.tier == 3 && email.target == .email("cs-lead@example.com"))
        #expect(email.reason == "overdue by 144 h (rule: 5d → cs-lead@example.com)")
        #expect(Self.next(Self.task(dueHoursAgo: 6 * 24, tier: 3)) == nil)
    }

    @Test("overdue counts from the earlier of the due date and the SLA")
    func sla() throws {
        let breached = try #require(Self.next(Self.task(dueHoursAgo: -48, slaHoursAgo: 25.5)))
        #expect(breached.tier == 1 && breached.reason == "overdue by 25 h (rule: 24h → manager)")
        let minutes = EscalationPolicy(tiers: [.init(afterOverdue: 30 * 60, target: .owner)])
        #expect(Self.next(Self.task(dueHoursAgo: 0.75), policy: minutes)?.reason == "overdue by 45 min (rule: 30m → owner)")
    }

    @Test("tasks that are done, canceled or snoozed never escalate")
    func closed() {
        for status in [SuccessTask.Status.done, .canceled, .snoozed] {
            #expect(Self.next(Self.task(dueHoursAgo: 100, status: status), red: true, arr: 50_000_000) == nil, "\(status)")
        }
        #expect(Self.next(Self.task(dueHoursAgo: 26, status: .inProgress))?.tier == 1)
    }

    @Test("a red account at or above the ARR threshold goes to the lead at once, as tier tiers.count + 1, once")
    func redAccount() throws {
        let red = try #require(Self.next(Self.task(dueHoursAgo: -24), red: true, arr: 12_000_000))
        #expect(red.tier == 4 && red.target == .lead && red.reason == "red account with ARR 120000.00 ≥ 100000.00")
        #expect(Self.next(Self.task(dueHoursAgo: -24), red: true, arr: 10_000_000)?.tier == 4, "at the threshold")
        #expect(Self.next(Self.task(dueHoursAgo: 200, tier: 4), red: true, arr: 12_000_000) == nil, "fired once; no tier above it")
        #expect(Self.next(Self.task(dueHoursAgo: -24), red: true, arr: 9_999_999) == nil)
        #expect(Self.next(Self.task(dueHoursAgo: -24), red: false, arr: 12_000_000) == nil)
        #expect(Self.next(Self.task(dueHoursAgo: -24), red: true, arr: nil) == nil)
        #expect(Self.next(Self.task(dueHoursAgo: 26), red: true, arr: 9_999_999)?.tier == 1, "below the threshold the tiers apply")
        #expect(Self.next(Self.task(dueHoursAgo: -24), red: true, arr: 12_000_000, policy: .standard) == nil, "no ARR rule")
    }

    @Test("the spec parses tiers with m, h and d, the ARR threshold and the lead, and round-trips")
    func spec() throws {
        let policy = Self.policy
        let tiers: [EscalationPolicy.Tier] = [.init(afterOverdue: 86_400, target: .manager), .init(afterOverdue: 259_200, target: .lead),
                                              .init(afterOverdue: 432_000, target: .email("cs-lead@example.com"))]
        #expect(policy.tiers == tiers)
        #expect(policy.redAccountARR == 10_000_000 && policy.leadEmail == "ana@example.com")
        #expect(policy.spec == Self.spec)
        #expect(EscalationPolicy.standard.spec == "24h:manager, 72h:lead")
        #expect(try EscalationPolicy(spec: "24h:manager,72H:Lead") == .standard)
        let short = try EscalationPolicy(spec: "90m:owner, 2d:manager")
        #expect(short.tiers.map(\.afterOverdue) == [5_400, 172_800] && short.spec == "90m:owner, 48h:manager")
        #expect(try EscalationPolicy(spec: "red_arr 500") == EscalationPolicy(tiers: [], redAccountARR: 500))
        #expect(try EscalationPolicy(spec: "").spec == "")
    }

    @Test("a bad spec is refused naming task_escalation and what is wrong", arguments: [
        ("24x:manager", "tier '24x:manager'"), ("24h manager", "tier '24h manager'"), ("h:manager", "tier 'h:manager'"),
        ("24h:boss", "target must be owner, manager, lead or an email"), ("72h:lead, 24h:manager", "must wait longer"),
        ("24h:manager, 24h:lead", "must wait longer"), ("400d:lead", "0 to 365 days"), ("24h:manager; 48h:lead", "two lists of tiers"),
        ("red_arr lots", "'red_arr lots'"), ("red_arr -5", "red_arr must be between"), ("lead not-an-email", "lead 'not-an-email'"),
        ((1...11).map { "\($0)h:owner" }.joined(separator: ", "), "at most 10 tiers"),
    ])
    func refusals(spec: String, mentions: String) {
        let error = #expect(throws: ValidationError.self) { try EscalationPolicy(spec: spec) }
        #expect(error?.field == "task_escalation")
        #expect(error?.message.contains(mentions) == true, "\(error?.message ?? "no error")")
    }
}
