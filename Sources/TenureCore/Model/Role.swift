/// What a person or API key may do. Viewer, member and admin each include
/// the ones below them; `writer` is a source's write key, which may only send
/// product events (which admins may also do).
public enum Role: String, StringEnum, Hashable, Comparable {
    /// Send product events to the tracking API, nothing else.
    case writer
    /// Read everything.
    case viewer
    /// Read everything and change customer data (accounts, tasks, notes).
    case member
    /// Everything, including keys, users and configuration.
    case admin

    private var rank: Int { Role.allCases.firstIndex(of: self)! }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }

    /// Whether this role may do what `required` may.
    public func allows(_ required: Role) -> Bool {
        switch (self, required) {
        case (.admin, _), (.writer, .writer): true
        case (.writer, _), (_, .writer): false
        default: self >= required
        }
    }
}
