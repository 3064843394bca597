extension SegmentationDefinition {
    /// The ARR bands and engagement models customer success practice uses:
    /// enterprise from $100K ARR (high touch, 1 CSM : 15 accounts), mid-market
    /// from $25K (mid touch, 1 : 40), SMB from $5K (tech touch, 1 : 300) and
    /// self-serve below (community touch, 1 : 1000). Amounts are in major
    /// units of the reporting currency.
    public static let standard = SegmentationDefinition(
        name: "Standard ARR bands",
        description: "Enterprise ≥ 100K ARR, mid-market ≥ 25K, SMB ≥ 5K, self-serve below.",
        segments: [
            SegmentRule(key: "enterprise", engagementModel: .highTouch, accountsPerCSM: 15, when: SegmentCondition(arrAtLeast: 100_000)),
            SegmentRule(key: "mid_market", engagementModel: .midTouch, accountsPerCSM: 40, when: SegmentCondition(arrAtLeast: 25_000)),
            SegmentRule(key: "smb", engagementModel: .techTouch, accountsPerCSM: 300, when: SegmentCondition(arrAtLeast: 5_000)),
            SegmentRule(key: "self_serve", engagementModel: .communityTouch, accountsPerCSM: 1_000),
        ])
}
