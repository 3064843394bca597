import Testing
@testable import TenureCore

/// The holdout split: fixed values, close to its share, independent between playbooks.
@Suite("Holdout")
struct HoldoutTests {
    @Test("an account's share is a fixed number, the same everywhere")
    func fixedValues() {
        // Computed in Python: FNV-1a 64 of the UTF-8 bytes, MurmurHash3 fmix64, (h >> 11) / 2**53.
        // "renewal-risk\x1facct_0000001": FNV 0x48a76c4d29b0eea1, mixed 0x60da5e8a38c9bab9.
        #expect(Holdout.share(playbook: "renewal-risk", accountID: "acct_0000001") == 0.37833205103451106)
        // "onboarding\x1facct_0000002": FNV 0xdb2e6fa586e6937f, mixed 0xf662e920ba1c20dc.
        #expect(Holdout.share(playbook: "onboarding", accountID: "acct_0000002") == 0.9624467568302042)
        // Non-ASCII ids hash their UTF-8 bytes.
        #expect(Holdout.share(playbook: "onboarding", accountID: "é") == 0.40217498531645135)
        #expect(Holdout.isHeldOut(playbook: "renewal-risk", accountID: "acct_0000001", share: 0.4))
        #expect(!Holdout.isHeldOut(playbook: "renewal-risk", accountID: "acct_0000001", share: 0.3))
        #expect(!Holdout.isHeldOut(playbook: "renewal-risk", accountID: "acct_0000001", share: 0))
    }

    @Test("over 10,000 sequential ids a 0.1 holdout keeps 10 % ± 1 %, and two playbooks' holdouts overlap by about 1 %")
    func split() {
        let ids = (1...10_000).map { "acct_" + String(repeating: "0", count: 7 - String($0).count) + String($0) }
        let renewal = Set(ids.filter { Holdout.isHeldOut(playbook: "renewal-risk", accountID: $0, share: 0.1) })
        let onboarding = Set(ids.filter { Holdout.isHeldOut(playbook: "onboarding", accountID: $0, share: 0.1) })
        #expect(abs(Double(renewal.count) / 10_000 - 0.1) <= 0.01)
        #expect(abs(Double(onboarding.count) / 10_000 - 0.1) <= 0.01)
        // Independent splits overlap by 0.1 × 0.1 = 1 % (binomial standard deviation 0.1 %).
        #expect(abs(Double(renewal.intersection(onboarding).count) / 10_000 - 0.01) <= 0.003)
        #expect(ids.allSatisfy { (0..<1).contains(Holdout.share(playbook: "renewal-risk", accountID: $0)) })
    }
}
