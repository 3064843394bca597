import Foundation
import TenureCore

/// An account's stored score of one day, with the definition version that computed it.
public struct HealthRecord: Sendable, Hashable, Codable {
    /// Midnight UTC of the day the score is for.
    public var day: Date
    public var definitionVersion: Int
    /// The score with its signal breakdown and adoption.
    public var health: HealthScore
    public var computedAt: Date

    public init(day: Date, definitionVersion: Int, health: HealthScore, computedAt: Date) {
        self.day = day
        self.definitionVersion = definitionVersion
        self.health = health
        self.computedAt = computedAt
    }
}

/// One point of an account's score history.
public struct HealthPoint: Sendable, Hashable, Codable {
    public var day: Date
    public var score: Double
    public var colour: HealthColour
    public var adoption: Double
    public var definitionVersion: Int

    public init(day: Date, score: Double, colour: HealthColour, adoption: Double, definitionVersion: Int) {
        self.day = day
        self.score = score
        self.colour = colour
        self.adoption = adoption
        self.definitionVersion = definitionVersion
    }
}

/// A stored score-drop alert, with the account it is about.
public struct StoredHealthAlert: Sendable, Hashable, Codable {
    public var alert: HealthAlert
    public var accountName: String
    public var ownerID: String?
    public var definitionVersion: Int

    public init(alert: HealthAlert, accountName: String, ownerID: String?, definitionVersion: Int) {
        self.alert = alert
        self.accountName = accountName
        self.ownerID = ownerID
        self.definitionVersion = definitionVersion
    }
}

/// A stored backtest of one definition version.
public struct StoredBacktest: Sendable, Hashable, Codable {
    public var definitionVersion: Int
    public var runAt: Date
    public var report: HealthBacktestReport

    public init(definitionVersion: Int, runAt: Date, report: HealthBacktestReport) {
        self.definitionVersion = definitionVersion
        self.runAt = runAt
        self.report = report
    }
}

/// An account's segment from `at` on, as segmentation assigned it.
public struct SegmentChange: Sendable, Hashable, Codable {
    public var accountID: String
    public var at: Date
    /// `nil` when no segment matched.
    public var segment: String?
    public var engagementModel: EngagementModel?
    public var definitionVersion: Int

    public init(accountID: String, at: Date, segment: String?, engagementModel: EngagementModel?, definitionVersion: Int) {
        self.accountID = accountID
        self.at = at
        self.segment = segment
        self.engagementModel = engagementModel
        self.definitionVersion = definitionVersion
    }
}
