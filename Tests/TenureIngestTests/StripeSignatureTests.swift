import Foundation
import Testing
@testable import TenureIngest

@Suite("Stripe signatures")
struct StripeSignatureTests {
    let secret = "whsec_test_secret"
    let payload = Data(#"{"id":"evt_1","type":"customer.created"}"#.utf8)
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func header(_ timestamp: Int64, _ signatures: [String]) -> String {
        "t=\(timestamp)," + signatures.map { "v1=\($0)" }.joined(separator: ",")
    }

    @Test("a correct signature within the tolerance passes, among several v1 signatures too")
    func valid() throws {
        let signature = StripeSignature.sign(payload: payload, timestamp: 1_800_000_000, secret: secret)
        let checker = StripeSignature(secret: secret)
        try checker.verify(header: header(1_800_000_000, [signature]), payload: payload, now: now)
        try checker.verify(header: header(1_800_000_000, ["deadbeef", signature]) + ",v0=ignored", payload: payload, now: now)
        try checker.verify(header: header(1_800_000_000 - 299, [StripeSignature.sign(payload: payload, timestamp: 1_800_000_000 - 299, secret: secret)]),
                           payload: payload, now: now)
    }

    @Test("the signature is HMAC-SHA256 of \"t.payload\" (value computed independently with Python's hmac)")
    func knownVector() {
        #expect(StripeSignature.sign(payload: Data("{}".utf8), timestamp: 1_492_774_577, secret: "secret")
            == "2ddb0fdc1ad242a0eece9d964270ad86442b7381d25d1f99cd41a46999919e32")
    }

    @Test("timestamps that are not Unix seconds between 1970 and 9999 are refused without overflowing", arguments: [
        "\(Int64.min)", "\(Int64.max)", "99999999999999999999999", "253402300800", "-1", "-9223372036854775807", "abc", "1e9", "+1800000000.5",
    ])
    func hostileTimestamps(timestamp: String) {
        let checker = StripeSignature(secret: secret)
        #expect(throws: StripeSignature.Failure.invalidTimestamp(timestamp)) {
            try checker.verify(header: "t=\(timestamp),v1=00", payload: payload, now: now)
        }
        #expect(throws: StripeSignature.Failure.expired(seconds: 1_800_000_000)) {
            try checker.verify(header: "t=0,v1=00", payload: payload, now: now)
        }
    }

    @Test("tampered, expired, unsigned and malformed requests are refused with the reason")
    func invalid() {
        let checker = StripeSignature(secret: secret)
        let signature = StripeSignature.sign(payload: payload, timestamp: 1_800_000_000, secret: secret)
        let tampered = Data(#"{"id":"evt_1","type":"customer.deleted"}"#.utf8)
        #expect(throws: StripeSignature.Failure.mismatch) { try checker.verify(header: header(1_800_000_000, [signature]), payload: tampered, now: now) }
        #expect(throws: StripeSignature.Failure.expired(seconds: 301)) {
            try checker.verify(header: header(1_800_000_000 - 301, [StripeSignature.sign(payload: payload, timestamp: 1_800_000_000 - 301, secret: secret)]),
                               payload: payload, now: now)
        }
        #expect(throws: StripeSignature.Failure.missingHeader) { try checker.verify(header: nil, payload: payload, now: now) }
        #expect(throws: StripeSignature.Failure.noSignature) { try checker.verify(header: "t=1800000000", payload: payload, now: now) }
        #expect(throws: StripeSignature.Failure.malformedHeader) { try checker.verify(header: "v1=abc", payload: payload, now: now) }
        let other = StripeSignature(secret: "whsec_other")
        #expect(throws: StripeSignature.Failure.mismatch) { try other.verify(header: header(1_800_000_000, [signature]), payload: payload, now: now) }
    }
}
