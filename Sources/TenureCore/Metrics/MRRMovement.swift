import Foundation

/// One net change in an account's MRR within one grouping window, classified
/// the way ChartMogul does: new, expansion, contraction, churn, reactivation.
/// Amounts are minor units of the reporting currency.
public struct MRRMovement: Hashable, Sendable, Codable {
    public var accountID: String
    public var kind: Kind
    /// Start of the window (day, hour or instant) the movement happened in.
    public var at: Date
    public var mrrBefore: Int64
    public var mrrAfter: Int64

    public init(accountID: String, kind: Kind, at: Date, mrrBefore: Int64, mrrAfter: Int64) {
        self.accountID = accountID
        self.kind = kind
        self.at = at
        self.mrrBefore = mrrBefore
        self.mrrAfter = mrrAfter
    }

    /// `mrrAfter − mrrBefore`: positive for new, expansion and reactivation.
    public var amount: Int64 { mrrAfter - mrrBefore }

    /// The five movement types.
    public enum Kind: String, StringEnum, Hashable {
        /// The account's first move to paying.
        case new
        /// More MRR from an account that was already paying.
        case expansion
        /// Less MRR from an account that keeps paying.
        case contraction
        /// The account stops paying.
        case churn
        /// An account that had churned pays again.
        case reactivation

        /// The kind of a move from `before` to `after` MRR, given whether the account ever paid before.
        static func classify(before: Int64, after: Int64, paidBefore: Bool) -> Kind? {
            switch (before > 0, after > 0) {
            case (false, true): paidBefore ? .reactivation : .new
            case (true, false): .churn
            case (true, true) where after > before: .expansion
            case (true, true) where after < before: .contraction
            default: nil
            }
        }
    }
}

/// Sums of the five movement types over some period, each a non-negative
/// magnitude in minor units of the reporting currency.
public struct MovementTotals: Hashable, Sendable, Codable {
    public var new: Int64 = 0
    public var expansion: Int64 = 0
    public var contraction: Int64 = 0
    public var churn: Int64 = 0
    public var reactivation: Int64 = 0

    public init() {}

    public mutating func add(_ movement: MRRMovement) {
        let size = abs(movement.amount)
        switch movement.kind {
        case .new: new += size
        case .expansion: expansion += size
        case .contraction: contraction += size
        case .churn: churn += size
        case .reactivation: reactivation += size
        }
    }

    /// Adds every total of `other` to `totals`.
    public static func += (totals: inout MovementTotals, other: MovementTotals) {
        totals.new += other.new
        totals.expansion += other.expansion
        totals.contraction += other.contraction
        totals.churn += other.churn
        totals.reactivation += other.reactivation
    }

    /// `new + expansion + reactivation − contraction − churn`.
    public var net: Int64 { new + expansion + reactivation - contraction - churn }

    public subscript(kind: MRRMovement.Kind) -> Int64 {
        switch kind {
        case .new: new
        case .expansion: expansion
        case .contraction: contraction
        case .churn: churn
        case .reactivation: reactivation
        }
    }
}
