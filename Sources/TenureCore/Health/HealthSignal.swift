import Foundation

/// A measurable fact about an account that a health score can weigh. Each
/// signal has one raw unit (a count, a ratio, days); a definition maps the raw
/// value to 0–100 with a ``SignalTransform``.
public enum HealthSignal: String, StringEnum, Hashable, Comparable {
    /// Engagement events in the last 30 days ÷ those in the account's first 30 days of activity,
    /// each plus one (ratio; 0 for an account never active).
    case loginTrend = "login_trend"
    /// Engagement events in the last 30 days (count).
    case engagement30Days = "engagement_30d"
    /// Days since the account's last tracked event (for an account never active: since it was created).
    case daysSinceLastActivity = "days_since_last_activity"
    /// Share of the configured core features used in the last 30 days (0–1).
    case coreFeatureShare = "core_feature_share"
    /// Core-feature events in the last 30 days per peak active user (count; 0 when nobody was active).
    case coreIntensity = "core_intensity"
    /// Most users active on one day (one rollup) in the last 30 days ÷ paid seats (ratio; missing without seats).
    case activeSeatShare = "active_seat_share"
    /// Whether the first-value milestone has been reached (1 or 0; missing without a configured milestone).
    case firstValueReached = "first_value_reached"
    /// Support tickets opened in the last 60 days (count).
    case tickets60Days = "tickets_60d"
    /// The latest NPS answer of the last 365 days (0–10; missing without one).
    case latestNPS = "latest_nps"
    /// Average CSAT answer of the last 90 days (1–5; missing without one).
    case csat90Days = "csat_90d"
    /// Failed payment attempts in the last 90 days (count).
    case failedPayments90Days = "failed_payments_90d"
    /// Days until the earliest renewal of a live subscription (missing without one).
    case daysToRenewal = "days_to_renewal"
    /// Whether an executive sponsor attended a touchpoint in the last 180 days (1 or 0).
    case executiveSponsor = "executive_sponsor"
    /// Quarterly business reviews held in the last 180 days (count).
    case qbrs180Days = "qbrs_180d"

    public static func < (lhs: HealthSignal, rhs: HealthSignal) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// What the signal measures, in words for a report.
    public var summary: String {
        switch self {
        case .loginTrend: "engagement last 30 days vs the first 30 days (ratio)"
        case .engagement30Days: "engagement events in the last 30 days"
        case .daysSinceLastActivity: "days since the last tracked event"
        case .coreFeatureShare: "share of core features used in the last 30 days"
        case .coreIntensity: "core-feature events per active user, last 30 days"
        case .activeSeatShare: "peak active users ÷ paid seats, last 30 days"
        case .firstValueReached: "first-value milestone reached (1 = yes)"
        case .tickets60Days: "support tickets opened in the last 60 days"
        case .latestNPS: "latest NPS answer (0–10)"
        case .csat90Days: "average CSAT answer, last 90 days (1–5)"
        case .failedPayments90Days: "failed payments in the last 90 days"
        case .daysToRenewal: "days until the next renewal"
        case .executiveSponsor: "executive sponsor seen in the last 180 days (1 = yes)"
        case .qbrs180Days: "business reviews held in the last 180 days"
        }
    }
}
