import Foundation
import TenureCore

/// How many accounts, with how much MRR, one health colour holds.
public struct HealthBandTotals: Sendable, Hashable, Codable {
    public var accounts: Int
    public var mrr: Int64

    public init(accounts: Int, mrr: Int64) {
        self.accounts = accounts
        self.mrr = mrr
    }
}

/// An account's latest health score (0–100) and its colour.
public struct CurrentHealth: Sendable, Hashable, Codable {
    public var score: Double
    public var colour: HealthColour

    public init(score: Double, colour: HealthColour) {
        self.score = score
        self.colour = colour
    }
}
