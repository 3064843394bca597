import Foundation
import Testing
@testable import TenureCore

/// Segment rules, first match wins, and coverage against CSM targets.
@Suite("Segmentation")
struct SegmentationTests {
    static let definition = SegmentationDefinition(name: "Test", segments: [
        SegmentRule(key: "strategic", engagementModel: .highTouch, accountsPerCSM: 10,
                    when: SegmentCondition(tagsAny: ["strategic"])),
        SegmentRule(key: "enterprise", engagementModel: .highTouch, accountsPerCSM: 15,
                    when: SegmentCondition(arrAtLeast: 100_000, employeesAtLeast: 500)),
        SegmentRule(key: "power", engagementModel: .midTouch, accountsPerCSM: 40,
                    when: SegmentCondition(plans: ["business"], industries: ["Fintech", "Health"],
                                           usage: UsageCondition(event: "login", lastDays: 30, atLeast: 100))),
        SegmentRule(key: "smb", engagementModel: .techTouch, accountsPerCSM: 300, when: SegmentCondition(arrAtLeast: 5_000, arrBelow: 100_000)),
        SegmentRule(key: "self_serve", engagementModel: .communityTouch, accountsPerCSM: 1_000),
    ])

    func segment(_ subject: SegmentSubject) -> String? {
        Self.definition.segment(of: subject, minorUnitDigits: 2)?.key
    }

    @Test("the first segment whose conditions all hold wins; ARR is read in major units")
    func firstMatch() {
        let login = UsageCondition.Window(event: "login", days: 30)
        #expect(segment(SegmentSubject(accountID: "a", arr: 50_000_00, tags: ["strategic"])) == "strategic")
        #expect(segment(SegmentSubject(accountID: "a", arr: 100_000_00, employeeCount: 800)) == "enterprise")
        #expect(segment(SegmentSubject(accountID: "a", arr: 100_000_00, employeeCount: 80)) == "self_serve")
        #expect(segment(SegmentSubject(accountID: "a", arr: 99_999_99, employeeCount: 800)) == "smb")
        #expect(segment(SegmentSubject(accountID: "a", arr: 1_000_00, planName: "Business", industry: "fintech",
                                       usage: [login: 100])) == "power")
        #expect(segment(SegmentSubject(accountID: "a", arr: 1_000_00, planName: "Business", industry: "fintech",
                                       usage: [login: 99])) == "self_serve")
        #expect(segment(SegmentSubject(accountID: "a", arr: 1_000_00, planName: "Business", industry: nil, usage: [login: 500])) == "self_serve")
        #expect(Self.definition.usageWindows == [login])
    }

    @Test("a missing employee count fails a size condition rather than passing it")
    func missingAttributes() {
        #expect(segment(SegmentSubject(accountID: "a", arr: 200_000_00, employeeCount: nil)) == "self_serve")
    }

    @Test("coverage sums accounts ÷ target over segments, lists idle CSMs, and sorts heaviest first")
    func coverage() {
        let owners: [(ownerID: String?, segment: String?)] =
            Array(repeating: ("ada", "enterprise"), count: 15) + Array(repeating: ("ada", "smb"), count: 150)
            + [("ben", "smb"), (nil, "self_serve"), ("ben", nil)]
        let coverage = Self.definition.coverage(owners: owners, csmIDs: ["ada", "ben", "cleo"])
        #expect(coverage.map(\.csmID) == ["ada", "ben", nil, "cleo"])
        #expect(abs(coverage[0].load - 1.5) < 1e-12)      // 15/15 + 150/300
        #expect(coverage[0].status == "overloaded")
        #expect(coverage[1].accounts == ["smb": 1, "(none)": 1])
        #expect(coverage[3].load == 0 && coverage[3].status == "under")
        #expect(coverage[2].status == "unassigned")
    }

    @Test("definitions are checked: unique keys, only the last segment without conditions, sane bounds")
    func validation() throws {
        try Self.definition.validate()
        try SegmentationDefinition.standard.validate()
        var repeated = Self.definition
        repeated.segments[1].key = "strategic"
        #expect(throws: ValidationError(field: "segments[1].key", "repeats the key strategic")) { try repeated.validate() }
        var early = Self.definition
        early.segments[0].when = nil
        #expect(throws: ValidationError.self) { try early.validate() }
        var zero = Self.definition
        zero.segments[2].accountsPerCSM = 0
        #expect(throws: ValidationError(field: "segments[2].accounts_per_csm", "must be between 1 and 1000000")) { try zero.validate() }
    }
}
