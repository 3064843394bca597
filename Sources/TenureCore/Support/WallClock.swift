import Foundation

/// Where Tenure reads the current time: the system clock, or a clock pinned to an instant for reproducible runs and tests.
public struct WallClock: Sendable {
    private let read: @Sendable () -> Date

    public init(_ read: @escaping @Sendable () -> Date) { self.read = read }

    /// The current time by this clock.
    public func now() -> Date { read() }

    /// The machine's clock.
    public static let system = WallClock { Date() }

    /// A clock that always reads `date`.
    public static func fixed(_ date: Date) -> WallClock { WallClock { date } }

    /// A clock that reads `date` now and then runs at the system clock's pace.
    public static func starting(at date: Date) -> WallClock {
        let offset = date.timeIntervalSince(Date())
        return WallClock { Date().addingTimeInterval(offset) }
    }

    /// The clock `TENURE_NOW` names (an ISO 8601 instant or date: the clock starts there and runs on),
    /// or the system clock when it is unset.
    public static func environment(_ variables: [String: String] = ProcessInfo.processInfo.environment) throws(ValidationError) -> WallClock {
        guard let text = variables["TENURE_NOW"], !text.isEmpty else { return .system }
        guard let date = JSONCoding.parse(text) else {
            throw ValidationError(field: "TENURE_NOW", "must be an ISO 8601 instant or date between 1970 and 9999, like 2026-06-15T12:00:00Z")
        }
        return .starting(at: date)
    }
}
