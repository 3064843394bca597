import Foundation

/// Consecutive account ids in the database's order: from `from` (included) up to `before` (left out), an end
/// open when `nil`, optionally narrowed to some of them. Work over a whole book (the nightly health recompute
/// and churn predictions) reads and writes one range at a time, so its memory grows with the range instead of the book.
public struct AccountRange: Sendable, Hashable {
    public var from: String?
    public var before: String?
    /// When set, only these ids of the range (see ``narrowed(to:)``).
    public private(set) var ids: [String]?

    public init(from: String?, before: String?) {
        self.from = from
        self.before = before
    }

    /// Every account.
    public static let all = AccountRange(from: nil, before: nil)

    /// Most ids ``narrowed(to:)`` lists: a query binds each of them, once per column it states the range on.
    public static let mostListed = 2_000

    /// The range's accounts among `ids` only, so that reads of a few accounts of a large range (a training's
    /// sample) find them by key instead of reading the whole range; the whole range when `ids` are more than
    /// ``mostListed``.
    public func narrowed(to ids: some Collection<String>) -> AccountRange {
        guard ids.count <= Self.mostListed else { return self }
        var narrowed = self
        narrowed.ids = ids.sorted()
        return narrowed
    }

    /// The conditions that `column`, an account id, lies in the range (none for ``all``).
    func conditions(on column: String) -> [SQLQuery] {
        var conditions: [SQLQuery] = []
        if let from { conditions.append("\(unsafeRaw: column) >= \(bind: from)") }
        if let before { conditions.append("\(unsafeRaw: column) < \(bind: before)") }
        if let ids { conditions.append(ids.isEmpty ? "1 = 0" : "\(unsafeRaw: column) IN (\(bindEach: ids))") }
        return conditions
    }

    /// `AND` and the conditions on `column`, or nothing for ``all``: for appending to a `WHERE`.
    func and(_ column: String) -> SQLQuery {
        let conditions = conditions(on: column)
        return conditions.isEmpty ? "" : " AND \(conditions.joined(separator: " AND "))"
    }
}
