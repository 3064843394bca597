import Crypto
import Foundation

/// Standard Webhooks signing: `v1,` and the base64 HMAC-SHA256 of `id.timestamp.body` under each secret's
/// decoded bytes, space-separated when several secrets sign during a rotation.
public enum WebhookSignature {
    public static func header(id: String, timestamp: Int, body: Data, secrets: [String]) -> String {
        var content = Data("\(id).\(timestamp).".utf8)
        content.append(body)
        return secrets.compactMap { secret -> String? in
            let encoded = secret.hasPrefix("whsec_") ? String(secret.dropFirst(6)) : secret
            guard let key = Data(base64Encoded: encoded) else { return nil }
            let mac = HMAC<SHA256>.authenticationCode(for: content, using: SymmetricKey(data: key))
            return "v1," + Data(mac).base64EncodedString()
        }.joined(separator: " ")
    }
}
