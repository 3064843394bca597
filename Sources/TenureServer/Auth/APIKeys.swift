import Crypto
import Foundation
import TenureCore
import TenureStore

/// Makes and checks API keys of the form `tnr_<id>_<secret>`: the id finds
/// the stored record, the secret is kept only as a SHA-256 hash and compared
/// in constant time. Secrets carry 190 bits of randomness, so a fast hash is
/// the right tool (a slow password hash would only slow every request).
public enum APIKeys {
    /// A newly made key: the full secret token (shown once) and the record to store.
    public struct Issued: Sendable {
        public var token: String
        public var record: APIKeyRecord
    }

    /// Makes a key with `role`; store `record` and show `token` to its owner once.
    public static func issue(name: String, role: Role, at now: Date) -> Issued {
        let id = randomString(length: 12)
        let secret = randomString(length: 32)
        let record = APIKeyRecord(id: id, name: name, role: role, secretHash: hash(secret), createdAt: now)
        return Issued(token: "tnr_\(id)_\(secret)", record: record)
    }

    /// Splits a token into its id and secret; `nil` when it is not shaped like a Tenure key.
    public static func parse(_ token: String) -> (id: String, secret: String)? {
        let parts = token.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "tnr", parts[1].count == 12, parts[2].count == 32,
              (parts[1] + parts[2]).allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
        else { return nil }
        return (String(parts[1]), String(parts[2]))
    }

    /// Whether `secret` matches the stored hash, compared in constant time.
    public static func verify(secret: String, against storedHash: String) -> Bool {
        constantTimeEquals(Array(hash(secret).utf8), Array(storedHash.utf8))
    }

    static func hash(_ secret: String) -> String {
        Hex.string(SHA256.hash(data: Data(secret.utf8)))
    }

    /// Compares two byte strings in time that depends only on their lengths.
    public static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

    private static func randomString(length: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }
}
