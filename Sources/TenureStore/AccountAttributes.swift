import Foundation
import TenureCore

/// The attributes reports group and label accounts by, and segmentation reads.
public struct AccountAttributes: Sendable, Hashable {
    public var id: String
    public var name: String
    public var segment: String?
    public var industry: String?
    public var ownerID: String?
    public var lifecycleStage: LifecycleStage
    public var createdAt: Date
    public var employeeCount: Int?
    public var tags: [String]

    public init(id: String, name: String, segment: String?, industry: String?, ownerID: String?,
                lifecycleStage: LifecycleStage, createdAt: Date, employeeCount: Int? = nil, tags: [String] = []) {
        self.id = id
        self.name = name
        self.segment = segment
        self.industry = industry
        self.ownerID = ownerID
        self.lifecycleStage = lifecycleStage
        self.createdAt = createdAt
        self.employeeCount = employeeCount
        self.tags = tags
    }
}

/// An account attribute facts can be grouped by in SQL.
public enum AccountColumn: String, Sendable, CaseIterable {
    case segment, industry
    case owner = "owner_id"
    case stage = "lifecycle_stage"
}
