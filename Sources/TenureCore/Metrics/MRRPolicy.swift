/// Choices that change what counts as monthly recurring revenue. Tools
/// disagree on these (see METRICS.md in the repository); the defaults follow
/// ChartMogul except where noted.
public struct MRRPolicy: Hashable, Sendable, Codable {
    /// Which coupons reduce MRR while they are active.
    public var discounts: DiscountTreatment
    /// Whether a subscription in dunning (`past_due`) still counts. Default
    /// `true`: it is recurring revenue until dunning gives up (ProfitWell's
    /// "delinquent churn" comes at cancellation, not at the first failure).
    public var countsPastDue: Bool
    /// When a cancelled subscription stops counting.
    public var churnRecognition: ChurnRecognition

    public init(discounts: DiscountTreatment = .recurring, countsPastDue: Bool = true,
                churnRecognition: ChurnRecognition = .atPeriodEnd) {
        self.discounts = discounts
        self.countsPastDue = countsPastDue
        self.churnRecognition = churnRecognition
    }

    /// The default policy.
    public static let standard = MRRPolicy()

    private enum CodingKeys: String, CodingKey { case discounts, countsPastDue, churnRecognition }

    /// Decodes a policy; fields left out keep their defaults.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            discounts: try container.decodeIfPresent(DiscountTreatment.self, forKey: .discounts) ?? .recurring,
            countsPastDue: try container.decodeIfPresent(Bool.self, forKey: .countsPastDue) ?? true,
            churnRecognition: try container.decodeIfPresent(ChurnRecognition.self, forKey: .churnRecognition) ?? .atPeriodEnd)
    }

    /// When a cancelled subscription stops counting as MRR.
    public enum ChurnRecognition: String, StringEnum, Hashable {
        /// When the paid period ends and the subscription stops: at `ended_at`, or at a
        /// scheduled `cancel_at` once it has passed (ProfitWell; default).
        case atPeriodEnd = "at_period_end"
        /// As soon as the customer asks to cancel (`canceled_at`), though paid to a later date.
        case atCancellation = "at_cancellation"
    }

    /// How coupons enter MRR.
    public enum DiscountTreatment: String, StringEnum, Hashable {
        /// Every active discount, one-off coupons included (ProfitWell).
        case all
        /// `forever` and `repeating` coupons while active; a `once` coupon is a
        /// one-off price cut, not a change in the recurring rate (default).
        case recurring
        /// Only `forever` coupons (Stripe's own MRR figure).
        case foreverOnly = "forever_only"
        /// List price, ignoring coupons.
        case none
    }
}
