import Foundation

/// Something the SaaS sells (Stripe's `product`); prices hang off it.
public struct Product: Identifiable, Hashable, Sendable, Codable {
    public var id: String
    public var name: String
    public var active: Bool

    public init(id: String, name: String, active: Bool = true) {
        self.id = id
        self.name = name
        self.active = active
    }
}

extension Product: Validatable {
    public func validate() throws(ValidationError) {
        try Check.nonEmpty(id, "id", maxLength: 200)
        try Check.nonEmpty(name, "name")
    }
}
