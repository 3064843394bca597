import Crypto
import Foundation
import TenureCore

/// An endpoint's credentials: its signing secrets (`whsec_…`, newest first; an older one keeps signing until it
/// expires, so receivers can rotate) or, for Slack, the incoming-webhook URL, which is itself the credential.
public struct EndpointSecrets: Codable, Hashable, Sendable {
    /// One signing secret and until when it still signs (`nil`: until replaced).
    public struct Secret: Codable, Hashable, Sendable {
        public var value: String
        public var createdAt: Date
        public var expiresAt: Date?
    }

    public var signing: [Secret] = []
    public var slackURL: String?

    /// A new `whsec_` secret: 32 random bytes, base64.
    public static func newSigningSecret() -> String {
        "whsec_" + Data(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }).base64EncodedString()
    }

    /// The secrets that sign at `now`, newest first.
    public func signingSecrets(at now: Date) -> [String] {
        signing.filter { $0.expiresAt.map { $0 > now } ?? true }.map(\.value)
    }

    /// Adds `secret` as the newest; the others keep signing for `overlap` (24 hours by default).
    public mutating func rotate(to secret: String, at now: Date, overlap: TimeInterval = 86_400) {
        signing = [Secret(value: secret, createdAt: now, expiresAt: nil)] + signing.compactMap { old in
            guard old.expiresAt.map({ $0 > now }) ?? true else { return nil }
            var kept = old
            kept.expiresAt = min(old.expiresAt ?? .distantFuture, now.addingTimeInterval(overlap))
            return kept
        }
    }
}

/// Seals endpoint secrets with AES-GCM under the key of `TENURE_SECRET_KEY` (32 random bytes, base64), so that
/// the database alone reveals no secret.
public struct SecretBox: Sendable {
    private let keyBytes: Data
    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }

    /// The box for a base64 key of 32 bytes; `ValidationError` naming `TENURE_SECRET_KEY` otherwise.
    public init(base64Key: String) throws {
        guard let bytes = Data(base64Encoded: base64Key.trimmingCharacters(in: .whitespacesAndNewlines)), bytes.count == 32 else {
            throw ValidationError(field: "TENURE_SECRET_KEY", "must be 32 random bytes in base64 (make one with: openssl rand -base64 32)")
        }
        keyBytes = bytes
    }

    public func seal(_ secrets: EndpointSecrets) throws -> String {
        let sealed = try AES.GCM.seal(try JSONEncoder().encode(secrets), using: key)
        return "v1:" + sealed.combined!.base64EncodedString()
    }

    public func open(_ text: String) throws -> EndpointSecrets {
        guard text.hasPrefix("v1:"), let combined = Data(base64Encoded: String(text.dropFirst(3))) else {
            throw ValidationError(field: "TENURE_SECRET_KEY", "the stored secrets are not sealed by this version of Tenure")
        }
        do {
            let box = try AES.GCM.SealedBox(combined: combined)
            return try JSONDecoder().decode(EndpointSecrets.self, from: try AES.GCM.open(box, using: key))
        } catch {
            throw ValidationError(field: "TENURE_SECRET_KEY", "cannot open the endpoint's secrets: is this the key they were sealed with?")
        }
    }
}

extension SecretBox {
    /// The token of `address`'s unsubscribe link: an HMAC-SHA256 of the lower-cased address, base64url.
    public func unsubscribeToken(for address: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("unsubscribe:\(address.lowercased())".utf8), using: key)
        return Data(mac).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Whether `token` is `address`'s unsubscribe token, compared in constant time.
    public func isUnsubscribeToken(_ token: String, for address: String) -> Bool {
        let expected = Array(unsubscribeToken(for: address).utf8), given = Array(token.utf8)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
