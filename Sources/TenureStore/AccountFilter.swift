import Foundation
import TenureCore

/// The filters the account lists share (the API's ``AccountQuery``, the dashboard's ``AccountListQuery`` and
/// ``RenewalQuery``) as SQL conditions on the accounts table.
struct AccountFilter {
    var segment: String?
    /// Owner CSM id; ``AccountQuery/unowned`` for accounts with no owner.
    var ownerID: String?
    var lifecycleStage: LifecycleStage?
    var healthColour: HealthColour?
    /// Case-insensitive substring of the name or the domain.
    var search: String?

    init(segment: String?, ownerID: String?, lifecycleStage: LifecycleStage? = nil, healthColour: HealthColour? = nil,
         search: String? = nil) {
        self.segment = segment
        self.ownerID = ownerID
        self.lifecycleStage = lifecycleStage
        self.healthColour = healthColour
        self.search = search
    }

    init(_ query: AccountQuery) {
        self.init(segment: query.segment, ownerID: query.ownerID, lifecycleStage: query.lifecycleStage,
                  healthColour: query.healthColour, search: query.search)
    }

    init(_ query: AccountListQuery) {
        self.init(segment: query.segment, ownerID: query.ownerID, lifecycleStage: query.lifecycleStage, search: query.search)
    }

    /// One condition per filter given, on the columns of the accounts table called `alias`.
    func conditions(on alias: String, dialect: SQLDialect) -> [SQLQuery] {
        var conditions: [SQLQuery] = []
        if let segment { conditions.append("\(unsafeRaw: alias).segment = \(bind: segment)") }
        if let ownerID {
            conditions.append(ownerID == AccountQuery.unowned
                ? "\(unsafeRaw: alias).owner_id IS NULL" : "\(unsafeRaw: alias).owner_id = \(bind: ownerID)")
        }
        if let lifecycleStage { conditions.append("\(unsafeRaw: alias).lifecycle_stage = \(bind: lifecycleStage)") }
        if let healthColour { conditions.append("\(unsafeRaw: alias).health_colour = \(bind: healthColour)") }
        if let search = search?.trimmingCharacters(in: .whitespaces), !search.isEmpty {
            let pattern = "%\(Self.escapeLike(search))%", like = dialect.caseInsensitiveLike
            conditions.append(
                """
                (\(unsafeRaw: alias).name \(unsafeRaw: like) \(bind: pattern) ESCAPE '\\' \
                OR \(unsafeRaw: alias).domain \(unsafeRaw: like) \(bind: pattern) ESCAPE '\\')
                """)
        }
        return conditions
    }

    /// `text` with LIKE's wildcards and escape character escaped by a backslash.
    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}

extension Array where Element == SQLQuery {
    /// `WHERE` and the conditions joined by `AND`, or nothing when there are none.
    var whereClause: SQLQuery { isEmpty ? "" : "WHERE \(joined(separator: " AND "))" }
}
