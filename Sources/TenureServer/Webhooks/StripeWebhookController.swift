import Foundation
import Hummingbird
import HTTPTypes
import TenureCore
import TenureIngest
import TenureStore

/// `POST /webhooks/stripe`: Stripe's events, accepted only with a valid
/// `Stripe-Signature` (checked before the body is parsed). A replayed event
/// is acknowledged and changes nothing; an event that cannot become facts is
/// a 400 naming the field, and Stripe's retry of it is read again.
struct StripeWebhookController {
    let ingestor: StripeIngestor
    /// The endpoint's signing secret; without one the route answers 503.
    let signature: StripeSignature?
    /// Now, for the signature's timestamp.
    let clock: WallClock

    /// Largest event body accepted (Stripe's events are far smaller).
    static let maximumBody = 2 << 20

    func register(on router: RouterGroup<TenureRequestContext>) {
        router.post("webhooks/stripe", use: receive)
    }

    struct Receipt: ResponseEncodable {
        var received: Bool
        var outcome: String
    }

    @Sendable func receive(_ request: Request, context: TenureRequestContext) async throws -> Receipt {
        guard let signature else {
            throw APIError(.serviceUnavailable, code: "not_configured",
                           "Stripe webhooks are not configured: start the server with --stripe-webhook-secret or TENURE_STRIPE_WEBHOOK_SECRET")
        }
        let body = try await request.body.collect(limit: Self.maximumBody)
        let payload = Data(buffer: body)
        do {
            try signature.verify(header: request.headers[.stripeSignature], payload: payload, now: clock.now())
        } catch {
            throw APIError(.badRequest, code: "invalid_signature", error.description, field: "Stripe-Signature")
        }
        do {
            let outcome = try await ingestor.receive(payload: payload)
            OperatorMetrics.eventsIngested(source: "stripe", outcome: outcome == .duplicate ? "duplicate" : "new")
            return Receipt(received: true, outcome: outcome.rawValue)
        } catch let error as StripeMappingError {
            throw APIError(.badRequest, code: "invalid_event", error.message, field: error.field)
        }
    }
}

extension HTTPField.Name {
    static let stripeSignature = Self("Stripe-Signature")!
}
