import Foundation
import TenureCore

// Stripe's object shapes, as much of them as Tenure reads. Every field is
// optional unless Stripe always sends it, so older and newer API versions
// both decode; keys arrive snake_case and are read with Tenure's JSON
// conventions (`current_period_end` → `currentPeriodEnd`). Timestamps are
// Unix seconds.

/// An event envelope: what happened, when, and the object as it was then.
public struct StripeEvent<Object: Decodable & Sendable>: Decodable, Sendable {
    public var id: String
    public var type: String
    /// Unix seconds.
    public var created: Int64
    public var data: Payload

    public struct Payload: Decodable, Sendable {
        public var object: Object
    }
}

/// Just enough of any Stripe object to route it: its type and id, and the
/// objects it belongs to.
public struct StripeObjectHeader: Decodable, Sendable {
    public var object: String
    public var id: String?
    public var customer: StripeExpandable?
    public var invoice: StripeExpandable?
    public var subscription: StripeExpandable?
}

/// A field Stripe sends either as an id or, when expanded, as the object.
public struct StripeExpandable: Decodable, Sendable, Hashable {
    public var id: String

    public init(id: String) { self.id = id }

    private struct Object: Decodable { var id: String }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let id = try? container.decode(String.self) {
            self.id = id
        } else {
            self.id = try container.decode(Object.self).id
        }
    }
}

public struct StripeCustomer: Decodable, Sendable {
    public var id: String
    public var name: String?
    public var email: String?
    public var currency: String?
    public var created: Int64?
    public var deleted: Bool?
    public var metadata: [String: String]?
}

public struct StripeProduct: Decodable, Sendable {
    public var id: String
    public var name: String?
    public var active: Bool?
    public var deleted: Bool?
}

public struct StripePrice: Decodable, Sendable {
    public var id: String
    public var product: StripeExpandable?
    public var nickname: String?
    public var active: Bool?
    public var currency: String
    public var unitAmount: Int64?
    /// Legacy `plan` objects carry `amount` and the recurrence at the top level.
    public var amount: Int64?
    public var interval: String?
    public var intervalCount: Int?
    public var usageType: String?
    public var recurring: Recurring?
    public var billingScheme: String?
    public var deleted: Bool?

    public struct Recurring: Decodable, Sendable {
        public var interval: String
        public var intervalCount: Int?
        public var usageType: String?
    }
}

public struct StripeCoupon: Decodable, Sendable {
    public var id: String
    public var percentOff: Double?
    public var amountOff: Int64?
    public var currency: String?
    public var duration: String
    public var durationInMonths: Int?
}

public struct StripeDiscount: Decodable, Sendable {
    public var coupon: StripeCoupon?
    public var source: Source?
    public var start: Int64?
    public var end: Int64?

    /// Newer API versions put the coupon under `source`.
    public struct Source: Decodable, Sendable {
        public var coupon: StripeCoupon?
    }

    public var resolvedCoupon: StripeCoupon? { coupon ?? source?.coupon }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        coupon = try? container.decodeIfPresent(StripeCoupon.self, forKey: .coupon)
        source = try? container.decodeIfPresent(Source.self, forKey: .source)
        start = try container.decodeIfPresent(Int64.self, forKey: .start)
        end = try container.decodeIfPresent(Int64.self, forKey: .end)
    }

    private enum CodingKeys: String, CodingKey { case coupon, source, start, end }
}

public struct StripeSubscription: Decodable, Sendable {
    public var id: String
    public var customer: StripeExpandable
    public var status: String
    public var currency: String?
    public var created: Int64?
    public var startDate: Int64?
    public var trialStart: Int64?
    public var trialEnd: Int64?
    public var currentPeriodStart: Int64?
    public var currentPeriodEnd: Int64?
    public var cancelAt: Int64?
    public var canceledAt: Int64?
    public var endedAt: Int64?
    public var cancelAtPeriodEnd: Bool?
    public var cancellationDetails: CancellationDetails?
    public var pauseCollection: PauseCollection?
    public var discount: StripeDiscount?
    public var discounts: [DiscountReference]?
    public var items: ItemList

    public struct ItemList: Decodable, Sendable {
        public var data: [Item]
    }

    public struct Item: Decodable, Sendable {
        public var id: String
        public var price: StripePrice?
        public var plan: StripePrice?
        public var quantity: Int64?
        public var currentPeriodStart: Int64?
        public var currentPeriodEnd: Int64?
    }

    public struct CancellationDetails: Decodable, Sendable {
        public var reason: String?
        public var feedback: String?
        public var comment: String?
    }

    public struct PauseCollection: Decodable, Sendable {
        public var behavior: String?
        public var resumesAt: Int64?
    }

    /// An entry of `discounts`: an id, or the discount itself when expanded.
    public struct DiscountReference: Decodable, Sendable {
        public var discount: StripeDiscount?

        public init(from decoder: any Decoder) throws {
            discount = try? decoder.singleValueContainer().decode(StripeDiscount.self)
        }
    }
}

public struct StripeInvoice: Decodable, Sendable {
    public var id: String
    public var customer: StripeExpandable?
    public var subscription: StripeExpandable?
    public var parent: Parent?
    public var status: String?
    public var currency: String
    public var subtotal: Int64?
    public var subtotalExcludingTax: Int64?
    public var total: Int64
    public var totalExcludingTax: Int64?
    public var tax: Int64?
    public var amountDue: Int64?
    public var amountPaid: Int64?
    public var periodStart: Int64?
    public var periodEnd: Int64?
    public var created: Int64
    public var statusTransitions: StatusTransitions?

    public struct Parent: Decodable, Sendable {
        public var subscriptionDetails: SubscriptionDetails?
        public struct SubscriptionDetails: Decodable, Sendable {
            public var subscription: StripeExpandable?
        }
    }

    public struct StatusTransitions: Decodable, Sendable {
        public var paidAt: Int64?
    }
}

public struct StripeCharge: Decodable, Sendable {
    public var id: String
    public var amountRefunded: Int64?
    public var invoice: StripeExpandable?
    public var currency: String?
}

extension Date {
    /// The instant `seconds` after 1970, as Stripe writes timestamps; refused, naming `field`,
    /// outside ``Instants/range`` (an absurd instant would overflow the store's milliseconds).
    init(stripeSeconds seconds: Int64, field: String) throws(StripeMappingError) {
        guard Instants.contains(secondsSince1970: TimeInterval(seconds)) else {
            throw StripeMappingError(field: field, "\(seconds) is not an instant between 1970 and 9999 (Unix seconds)")
        }
        self.init(timeIntervalSince1970: TimeInterval(seconds))
    }
}
