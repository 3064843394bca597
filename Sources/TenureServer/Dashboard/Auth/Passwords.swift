import Foundation
import HummingbirdBcrypt
import NIOPosix

/// Hashes and checks passwords with bcrypt, off the request threads. A sign-in
/// for an unknown email still checks the password against a fixed hash of the
/// same cost, so both failures take the same time.
public enum Passwords {
    /// bcrypt's work factor: 2¹² rounds, about a quarter of a second per check.
    public static let cost: UInt8 = 12
    /// Shortest password accepted for a new user.
    public static let minimumLength = 10

    /// A bcrypt hash of `password`.
    public static func hash(_ password: String, cost: UInt8 = cost) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` matches `storedHash`; with `nil` (no such user) checks against a decoy and returns false.
    public static func verify(_ password: String, against storedHash: String?) async throws -> Bool {
        let target = storedHash ?? decoy
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: target) }
        return matches && storedHash != nil
    }

    /// A hash of a random password at the default cost, for the unknown-user path.
    static let decoy: String = Bcrypt.hash(SessionTokens.randomToken(), cost: cost)

    /// Why `password` is not acceptable for a new user, or `nil` when it is.
    public static func problem(with password: String) -> String? {
        if password.count < minimumLength { return "must be at least \(minimumLength) characters" }
        if password.utf8.count > 72 { return "must be at most 72 bytes (bcrypt reads no further)" }
        return nil
    }

    /// A random password people can type: 20 letters and digits, in groups of five.
    public static func generate() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        let characters = (0..<20).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] }
        return stride(from: 0, to: 20, by: 5).map { String(characters[$0..<$0 + 5]) }.joined(separator: "-")
    }
}
