/// What a person or API key may do. Each role includes the ones below it.
public enum Role: String, StringEnum, Hashable, Comparable {
    /// Read everything.
    case viewer
    /// Read everything and change customer data (accounts, tasks, notes).
    case member
    /// Everything, including keys, users and configuration.
    case admin

    private var rank: Int { Role.allCases.firstIndex(of: self)! }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }

    /// Whether this role may do what `required` may.
    public func allows(_ required: Role) -> Bool { self >= required }
}
