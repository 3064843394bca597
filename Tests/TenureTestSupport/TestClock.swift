import Foundation
import TenureCore

/// The instant every test takes as now, 2026-06-15T12:00:00Z, so that no result depends on the day a test runs.
public enum TestClock {
    public static let now = Date(timeIntervalSince1970: 1_781_524_800)
    /// A clock that always reads ``now``.
    public static let clock = WallClock.fixed(now)
    /// ``now`` as `TENURE_NOW` takes it, for the commands tests run.
    public static let environment = ["TENURE_NOW": "2026-06-15T12:00:00Z"]
}
