import Foundation

/// Consecutive account ids in the database's order: from `from` (included) up to `before` (left out), an end
/// open when `nil`. Work over a whole book (the nightly health recompute and churn predictions) reads and
/// writes one range at a time, so its memory grows with the range instead of the book.
public struct AccountRange: Sendable, Hashable {
    public var from: String?
    public var before: String?

    public init(from: String?, before: String?) {
        self.from = from
        self.before = before
    }

    /// Every account.
    public static let all = AccountRange(from: nil, before: nil)

    /// The conditions that `column`, an account id, lies in the range (none for ``all``).
    func conditions(on column: String) -> [SQLQuery] {
        var conditions: [SQLQuery] = []
        if let from { conditions.append("\(unsafeRaw: column) >= \(bind: from)") }
        if let before { conditions.append("\(unsafeRaw: column) < \(bind: before)") }
        return conditions
    }

    /// `AND` and the conditions on `column`, or nothing for ``all``: for appending to a `WHERE`.
    func and(_ column: String) -> SQLQuery {
        let conditions = conditions(on: column)
        return conditions.isEmpty ? "" : " AND \(conditions.joined(separator: " AND "))"
    }
}
