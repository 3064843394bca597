import Foundation

/// Logo and revenue retention of accounts grouped by the month they first paid.
public struct CohortRow: Hashable, Sendable, Codable {
    /// The month the accounts first paid, e.g. `2025-03`.
    public var cohort: String
    /// Accounts in the cohort.
    public var accounts: Int
    /// Paying accounts at the end of month 0, 1, 2, … after the cohort month.
    public var paying: [Int]
    /// The cohort's MRR at the end of month 0, 1, 2, …
    public var mrr: [Int64]

    /// Share of the cohort still paying at the end of each month.
    public var logoRetention: [Double] { paying.map { accounts > 0 ? Double($0) / Double(accounts) : 0 } }
    /// The cohort's MRR at the end of each month ÷ its MRR at the end of its first month.
    public var revenueRetention: [Double] {
        let first = mrr.first ?? 0
        return mrr.map { first > 0 ? Double($0) / Double(first) : 0 }
    }

    private enum CodingKeys: String, CodingKey { case cohort, accounts, paying, mrr, logoRetention, revenueRetention }

    public init(cohort: String, accounts: Int, paying: [Int], mrr: [Int64]) {
        self.cohort = cohort
        self.accounts = accounts
        self.paying = paying
        self.mrr = mrr
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(cohort: try container.decode(String.self, forKey: .cohort), accounts: try container.decode(Int.self, forKey: .accounts),
                  paying: try container.decode([Int].self, forKey: .paying), mrr: try container.decode([Int64].self, forKey: .mrr))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(cohort, forKey: .cohort)
        try container.encode(accounts, forKey: .accounts)
        try container.encode(paying, forKey: .paying)
        try container.encode(mrr, forKey: .mrr)
        try container.encode(logoRetention, forKey: .logoRetention)
        try container.encode(revenueRetention, forKey: .revenueRetention)
    }
}

extension RevenueLedger {
    /// One row per month in `months` in which accounts (of `filter`, all when `nil`)
    /// first paid; each row runs to the last of `months`.
    public func cohorts(_ months: [ReportingPeriod], accounts filter: Set<String>? = nil) -> [CohortRow] {
        var members: [Int: [AccountRevenue]] = [:]
        for account in accounts.values where filter?.contains(account.accountID) ?? true {
            guard let first = account.firstPaidAt,
                  let index = months.firstIndex(where: { $0.start <= first && first < $0.end }) else { continue }
            members[index, default: []].append(account)
        }
        return months.indices.compactMap { index in
            guard let group = members[index] else { return nil }
            var row = CohortRow(cohort: months[index].label, accounts: group.count, paying: [], mrr: [])
            for month in months[index...] {
                let values = group.map { $0.mrr(before: month.end) }
                row.paying.append(values.filter { $0 > 0 }.count)
                row.mrr.append(values.reduce(0, +))
            }
            return row
        }
    }
}
