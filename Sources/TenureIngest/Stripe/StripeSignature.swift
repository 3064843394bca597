import Crypto
import Foundation
import TenureCore

/// Verifies Stripe's `Stripe-Signature` header exactly as Stripe specifies:
/// `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.payload" with the endpoint
/// secret>[,v1=…]`; any one matching `v1` signature is enough, compared in
/// constant time, and the timestamp must be within the tolerance (300 s by
/// default) of now, so a captured request cannot be replayed later.
public struct StripeSignature: Sendable {
    /// The endpoint's signing secret (`whsec_…`).
    public var secret: String
    /// Largest accepted distance between the signed timestamp and now, in seconds.
    public var tolerance: TimeInterval

    public init(secret: String, tolerance: TimeInterval = 300) {
        self.secret = secret
        self.tolerance = tolerance
    }

    /// Why a signature was rejected.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case missingHeader
        case malformedHeader
        case invalidTimestamp(String)
        case noSignature
        case expired(seconds: Int)
        case mismatch

        public var description: String {
            switch self {
            case .missingHeader: "the Stripe-Signature header is missing"
            case .malformedHeader: "the Stripe-Signature header has no t= timestamp"
            case .invalidTimestamp(let text): "the Stripe-Signature timestamp t=\(text.prefix(40)) is not Unix seconds between 1970 and 9999"
            case .noSignature: "the Stripe-Signature header has no v1 signature"
            case .expired(let seconds): "the signature is \(seconds) s old, beyond the tolerance"
            case .mismatch: "no v1 signature matches the payload"
            }
        }
    }

    /// Throws unless `header` signs `payload` (the raw request body bytes) within the tolerance of `now`.
    public func verify(header: String?, payload: some DataProtocol, now: Date = Date()) throws(Failure) {
        guard let header else { throw .missingHeader }
        var timestampText: String?
        var signatures: [String] = []
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            if pair[0] == "t" { timestampText = pair[1] }
            if pair[0] == "v1" { signatures.append(pair[1].lowercased()) }
        }
        guard let timestampText else { throw .malformedHeader }
        // Bounded before any arithmetic, so no header value can overflow the age below.
        guard let timestamp = Int64(timestampText), Instants.contains(secondsSince1970: TimeInterval(timestamp)) else {
            throw .invalidTimestamp(timestampText)
        }
        guard !signatures.isEmpty else { throw .noSignature }
        let age = now.timeIntervalSince1970 - TimeInterval(timestamp)
        guard abs(age) <= tolerance else { throw .expired(seconds: Int(age.rounded())) }
        let expected = Array(Self.sign(payload: payload, timestamp: timestamp, secret: secret).utf8)
        guard signatures.contains(where: { Self.constantTimeEquals(Array($0.utf8), expected) }) else { throw .mismatch }
    }

    /// The hex `v1` signature of `payload` at `timestamp`.
    public static func sign(payload: some DataProtocol, timestamp: Int64, secret: String) -> String {
        var message = Data("\(timestamp).".utf8)
        message.append(contentsOf: payload)
        let code = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Data(secret.utf8)))
        return Hex.string(code)
    }

    static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }
}
