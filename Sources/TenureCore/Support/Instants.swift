import Foundation

/// The instants Tenure accepts from the outside world: from 1970-01-01 up to the end of year 9999 (UTC).
public enum Instants {
    /// 1970-01-01T00:00:00Z ..< 10000-01-01T00:00:00Z.
    public static let range = Date(timeIntervalSince1970: 0)..<Date(timeIntervalSince1970: 253_402_300_800)

    /// Whether `seconds` since 1970 is an instant in ``range`` (false for NaN and infinities).
    public static func contains(secondsSince1970 seconds: Double) -> Bool {
        seconds.isFinite && range.contains(Date(timeIntervalSince1970: seconds))
    }

    /// `date` to the whole millisecond, as the store keeps instants: a value compared with one read back stays equal.
    public static func wholeMilliseconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1_000).rounded() / 1_000)
    }
}
