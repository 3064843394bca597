import Foundation

/// One CSM's book against the segmentation's targets: how many accounts of
/// each segment they own, and their load — the sum over segments of accounts
/// ÷ the segment's accounts-per-CSM target. A load of 1.0 is a full book;
/// above 1.0 the CSM carries more than the engagement models allow.
public struct CSMCoverage: Hashable, Sendable, Codable {
    /// The CSM's id; `nil` for accounts nobody owns.
    public var csmID: String?
    /// Accounts owned, by segment key (`(none)` for accounts no segment matched).
    public var accounts: [String: Int]
    public var totalAccounts: Int
    /// Σ accounts ÷ target over the segments (accounts without a segment don't count).
    public var load: Double

    public init(csmID: String?, accounts: [String: Int], totalAccounts: Int, load: Double) {
        self.csmID = csmID
        self.accounts = accounts
        self.totalAccounts = totalAccounts
        self.load = load
    }

    /// `overloaded` above 110 % of a full book, `under` below 70 %, else `balanced`; `unassigned` for unowned accounts.
    public var status: String {
        csmID == nil ? "unassigned" : load > 1.1 ? "overloaded" : load < 0.7 ? "under" : "balanced"
    }
}

extension SegmentationDefinition {
    /// Each owner's coverage, given every account's owner and segment key; CSMs
    /// in `csmIDs` with no accounts are listed with a load of 0, unowned
    /// accounts under a `nil` CSM. Sorted by load, heaviest first.
    public func coverage(owners: [(ownerID: String?, segment: String?)], csmIDs: [String]) -> [CSMCoverage] {
        var books: [String?: [String: Int]] = Dictionary(uniqueKeysWithValues: csmIDs.map { (Optional($0), [:]) })
        for (owner, segment) in owners {
            books[owner, default: [:]][segment ?? "(none)", default: 0] += 1
        }
        return books.map { owner, counts in
            let load = counts.reduce(0.0) { total, entry in
                total + (rule(entry.key).map { Double(entry.value) / Double($0.accountsPerCSM) } ?? 0)
            }
            return CSMCoverage(csmID: owner, accounts: counts, totalAccounts: counts.values.reduce(0, +), load: load)
        }.sorted { ($0.load, $1.csmID ?? "") > ($1.load, $0.csmID ?? "") }
    }
}
