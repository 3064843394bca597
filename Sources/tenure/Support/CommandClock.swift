import Foundation
import TenureCore

extension WallClock {
    /// The clock every command reads: pinned by `TENURE_NOW` (for reproducible runs and tests), else the system's.
    static let command: WallClock = {
        do {
            return try WallClock.environment()
        } catch {
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            exit(2)
        }
    }()
}
