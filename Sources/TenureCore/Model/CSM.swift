import Foundation

/// A customer success manager: a person who owns a book of accounts.
public struct CSM: Identifiable, Hashable, Sendable, Codable {
    public var id: String
    public var name: String
    public var email: String
    /// Whether the CSM still takes accounts.
    public var active: Bool
    /// The CSM's manager (another CSM's id), whom escalations of overdue tasks reach.
    public var managerID: String?

    public init(id: String, name: String, email: String, active: Bool = true, managerID: String? = nil) {
        self.id = id
        self.name = name
        self.email = email
        self.active = active
        self.managerID = managerID
    }
}

extension CSM: Validatable {
    public func validate() throws(ValidationError) {
        try Check.nonEmpty(id, "id", maxLength: 200)
        try Check.nonEmpty(name, "name")
        try Check.email(email, "email")
        try Check.maxLength(managerID, "manager_id", 200)
    }
}
