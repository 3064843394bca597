import Crypto
import Foundation
import TenureCore
import TenureStore

/// Makes and checks dashboard session tokens and the CSRF tokens tied to them.
///
/// A session token is 256 random bits (base64url) carried in an HttpOnly,
/// SameSite=Lax cookie; the store keeps only its SHA-256 hash. Each session's
/// CSRF token is an HMAC of a fixed label keyed by the session token, so it
/// needs no storage, differs per session, and cannot be computed without the
/// cookie. Every comparison runs in constant time.
public enum SessionTokens {
    /// Name of the session cookie.
    public static let cookieName = "tenure_session"
    /// Name of the cookie that carries the sign-in form's CSRF token before a session exists.
    public static let signInCookieName = "tenure_signin"
    /// How long a session lasts after sign-in: twelve hours, a working day.
    public static let lifetime: TimeInterval = 12 * 3600

    /// A new session: the token for the cookie and the record to store.
    public struct Issued: Sendable {
        public var token: String
        public var record: SessionRecord
    }

    /// Issues a session for `userID` that expires `lifetime` after `now`.
    public static func issue(userID: String, at now: Date, lifetime: TimeInterval = lifetime) -> Issued {
        let token = randomToken()
        return Issued(token: token, record: SessionRecord(tokenHash: hash(token), userID: userID, createdAt: now,
                                                          expiresAt: now.addingTimeInterval(lifetime)))
    }

    /// 256 random bits, base64url without padding (43 characters).
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<4).flatMap { _ in withUnsafeBytes(of: generator.next() as UInt64) { Array($0) } }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Whether `token` is shaped like one of ours (43 base64url characters): cheap rejection before hashing.
    public static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == 43 && token.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D || byte == 0x5F
        }
    }

    /// Hex SHA-256 of a token: what the store keeps.
    public static func hash(_ token: String) -> String {
        Hex.string(SHA256.hash(data: Data(token.utf8)))
    }

    /// The CSRF token of the session whose cookie carries `sessionToken`.
    public static func csrfToken(forSession sessionToken: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("tenure-csrf-v1".utf8), using: SymmetricKey(data: Data(sessionToken.utf8)))
        return Hex.string(Data(mac))
    }

    /// Whether a submitted CSRF token matches the session's, in constant time.
    public static func verifyCSRF(_ submitted: String?, sessionToken: String) -> Bool {
        guard let submitted else { return false }
        return APIKeys.constantTimeEquals(Array(submitted.utf8), Array(csrfToken(forSession: sessionToken).utf8))
    }

    /// Whether two tokens are equal, in time that depends only on their lengths.
    public static func equal(_ lhs: String?, _ rhs: String?) -> Bool {
        guard let lhs, let rhs, !lhs.isEmpty else { return false }
        return APIKeys.constantTimeEquals(Array(lhs.utf8), Array(rhs.utf8))
    }
}
