import Foundation

/// The features a churn model reads, each a number computed from a
/// ``AccountState`` at its cut-off, and each explainable in plain words.
///
/// Counts enter as log(1 + count) so one busy account does not dominate;
/// trends as log ratios (+1 smoothed); flags as 0 or 1. A value may be
/// missing (no NPS answer, no seats): the model fills it with the training
/// mean and, for NPS, also reads a "no answer" flag. Segments enter as
/// one-hot flags against the first segment seen in training.
public enum ChurnFeatures {
    /// Every fixed feature, in model order (segment flags follow).
    public static let fixed = [
        "engagement_30d", "engagement_change_30d", "engagement_change_90d", "login_trend", "days_since_last_activity",
        "core_feature_share", "core_intensity", "active_seat_share", "first_value_reached", "tickets_60d", "latest_nps",
        "no_nps_answer", "csat_90d", "failed_payments_90d", "days_to_renewal", "executive_sponsor", "qbrs_180d", "tenure_days",
        "mrr", "seats", "annual_contract", "cancellation_scheduled", "past_due", "discount_active",
    ]

    /// The prefix of segment flags, e.g. `segment=enterprise`.
    public static let segmentPrefix = "segment="

    /// The subject's value of every fixed feature that has one, and a flag for its segment.
    public static func values(of subject: AccountState) -> [String: Double] {
        let activity = subject.activity
        let signals = subject.signals
        func logRatio(_ now: Int64, _ before: Int64) -> Double { log(Double(now + 1) / Double(before + 1)) }
        func log1p(_ value: Double?) -> Double? { value.map { Foundation.log1p(max(0, $0)) } }
        var values: [String: Double] = [:]
        values["engagement_30d"] = log1p(Double(activity.engagementLast30Days))
        values["engagement_change_30d"] = logRatio(activity.engagementLast30Days, activity.engagementPrevious30Days)
        values["engagement_change_90d"] = logRatio(activity.engagementLast30Days, activity.engagement60To90Days)
        values["login_trend"] = log1p(signals[.loginTrend])
        values["days_since_last_activity"] = log1p(signals[.daysSinceLastActivity])
        values["core_feature_share"] = signals[.coreFeatureShare]
        values["core_intensity"] = log1p(signals[.coreIntensity])
        values["active_seat_share"] = signals[.activeSeatShare].map { min(2, $0) }
        values["first_value_reached"] = signals[.firstValueReached]
        values["tickets_60d"] = log1p(signals[.tickets60Days])
        values["latest_nps"] = signals[.latestNPS]
        values["no_nps_answer"] = signals[.latestNPS] == nil ? 1 : 0
        values["csat_90d"] = signals[.csat90Days]
        values["failed_payments_90d"] = log1p(signals[.failedPayments90Days])
        values["days_to_renewal"] = min(365, signals[.daysToRenewal] ?? 365)
        values["executive_sponsor"] = signals[.executiveSponsor]
        values["qbrs_180d"] = log1p(signals[.qbrs180Days])
        values["tenure_days"] = log1p(subject.firstPaidAt.map { subject.cutoff.timeIntervalSince($0) / 86_400 } ?? 0)
        values["mrr"] = log1p(Double(subject.mrr) / pow(10, Double(subject.minorUnitDigits)))
        values["seats"] = log1p(Double(activity.seats))
        values["annual_contract"] = subject.billingMonths >= 12 ? 1 : 0
        values["cancellation_scheduled"] = subject.cancellationScheduledAt == nil ? 0 : 1
        values["past_due"] = subject.pastDue ? 1 : 0
        values["discount_active"] = subject.discountActive ? 1 : 0
        if let segment = subject.segment { values[segmentPrefix + segment] = 1 }
        return values
    }

    /// The fact behind `feature` for `subject`, in words a CSM reads aloud,
    /// e.g. "engagement down 60% vs the previous 30 days".
    public static func describe(_ feature: String, of subject: AccountState) -> String {
        let activity = subject.activity
        let signals = subject.signals
        func change(_ now: Int64, _ before: Int64, _ span: String) -> String {
            guard before > 0 else { return now > 0 ? "engagement started in the last 30 days (\(now) events)" : "no engagement \(span)" }
            let percent = Int((Double(now) / Double(before) - 1) * 100)
            return percent == 0 ? "engagement flat vs \(span)" : "engagement \(percent > 0 ? "up" : "down") \(abs(percent))% vs \(span)"
        }
        func count(_ value: Double?, _ one: String, _ many: String) -> String {
            let number = Int(value ?? 0)
            return "\(number) \(number == 1 ? one : many)"
        }
        switch feature {
        case "engagement_30d": return count(Double(activity.engagementLast30Days), "engagement event", "engagement events") + " in the last 30 days"
        case "engagement_change_30d": return change(activity.engagementLast30Days, activity.engagementPrevious30Days, "the previous 30 days")
        case "engagement_change_90d": return change(activity.engagementLast30Days, activity.engagement60To90Days, "two months earlier")
        case "login_trend":
            guard let trend = signals[.loginTrend], activity.firstEngagementAt != nil else { return "never active" }
            let percent = Int((trend - 1) * 100)
            return "logins \(percent >= 0 ? "up" : "down") \(abs(percent))% vs the first month"
        case "days_since_last_activity": return "last active \(count(signals[.daysSinceLastActivity], "day", "days")) ago"
        case "core_feature_share":
            return "uses \(activity.coreFeaturesUsed) of \(subject.coreFeatureCount) core features"
        case "core_intensity": return String(format: "%.0f core-feature events per active user in 30 days", signals[.coreIntensity] ?? 0)
        case "active_seat_share":
            return "\(activity.peakActiveUsers) of \(activity.seats) paid seats active"
        case "first_value_reached": return signals[.firstValueReached] == 1 ? "reached first value" : "has not reached first value"
        case "tickets_60d": return count(signals[.tickets60Days], "support ticket", "support tickets") + " in 60 days"
        case "latest_nps", "no_nps_answer":
            guard let nps = activity.latestNPS else { return "no NPS answer in a year" }
            return "latest NPS \(nps) (\(nps <= 6 ? "detractor" : nps <= 8 ? "passive" : "promoter"))"
        case "csat_90d": return signals[.csat90Days].map { String(format: "CSAT %.1f of 5", $0) } ?? "no CSAT answer in 90 days"
        case "failed_payments_90d": return count(signals[.failedPayments90Days], "failed payment", "failed payments") + " in 90 days"
        case "days_to_renewal": return signals[.daysToRenewal].map { "renews in \(Int($0)) days" } ?? "not set to renew"
        case "executive_sponsor": return signals[.executiveSponsor] == 1 ? "executive sponsor engaged" : "no executive sponsor seen in 180 days"
        case "qbrs_180d": return count(signals[.qbrs180Days], "business review", "business reviews") + " in 180 days"
        case "tenure_days":
            let days = subject.firstPaidAt.map { Int(subject.cutoff.timeIntervalSince($0) / 86_400) } ?? 0
            return days >= 60 ? "customer for \(days / 30) months" : "customer for \(days) days"
        case "mrr": return "MRR \(Money.formatMajorUnits(subject.mrr, digits: subject.minorUnitDigits))"
        case "seats": return "\(activity.seats) paid seats"
        case "annual_contract": return subject.billingMonths >= 12 ? "annual contract" : "billed every \(max(1, subject.billingMonths)) month(s)"
        case "cancellation_scheduled":
            return subject.cancellationScheduledAt.map { "cancellation scheduled for \(JSONCoding.format($0).prefix(10))" } ?? "no cancellation scheduled"
        case "past_due": return subject.pastDue ? "payment past due" : "payments up to date"
        case "discount_active": return subject.discountActive ? "on a discount" : "paying full price"
        default:
            if feature.hasPrefix(segmentPrefix) { return "in the \(feature.dropFirst(segmentPrefix.count)) segment" }
            return feature
        }
    }
}
