/// Random identifiers: `count` random bytes as lowercase hexadecimal (`RandomHex.make(12)` has 24 digits).
public enum RandomHex {
    public static func make(_ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in
            let byte = UInt8.random(in: .min ... .max, using: &generator)
            return (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }.joined()
    }
}
