import TenureCore

/// Which accounts to list and in what order: filters, a search term, a sort
/// and a page window.
public struct AccountQuery: Sendable, Hashable {
    public var segment: String?
    /// Owner CSM id; ``AccountQuery/unowned`` for accounts with no owner.
    public var ownerID: String?
    public var lifecycleStage: LifecycleStage?
    /// Colour of the current health score.
    public var healthColour: HealthColour?
    /// Case-insensitive substring of the name or the domain.
    public var search: String?
    public var sort: Sort
    public var descending: Bool
    /// Page size, 1...``AccountQuery/maximumLimit``.
    public var limit: Int
    public var offset: Int

    /// The `owner` value that selects accounts without an owner.
    public static let unowned = "none"
    public static let maximumLimit = 500

    public init(segment: String? = nil, ownerID: String? = nil, lifecycleStage: LifecycleStage? = nil,
                healthColour: HealthColour? = nil, search: String? = nil, sort: Sort = .name, descending: Bool = false, limit: Int = 50, offset: Int = 0) {
        self.segment = segment
        self.ownerID = ownerID
        self.lifecycleStage = lifecycleStage
        self.healthColour = healthColour
        self.search = search
        self.sort = sort
        self.descending = descending
        self.limit = limit
        self.offset = offset
    }

    /// Columns accounts can be sorted by.
    public enum Sort: String, Sendable, Hashable, CaseIterable {
        case name
        case mrr
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case employeeCount = "employee_count"
        /// The current health score; accounts without one come last either way.
        case health = "health_score"
    }
}

/// One page of a longer list.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    /// Items matching the query across all pages.
    public var total: Int
    public var limit: Int
    public var offset: Int

    public init(items: [Item], total: Int, limit: Int, offset: Int) {
        self.items = items
        self.total = total
        self.limit = limit
        self.offset = offset
    }
}

extension Page: Equatable where Item: Equatable {}
