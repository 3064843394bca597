/// Escaping for text placed in the HTML of an email.
public enum HTMLEscaping {
    /// `text` with `&`, `<`, `>`, `"` and `'` as entities, safe in element content and in quoted attributes.
    public static func escape(_ text: String) -> String {
        // Most text (names, ids, figures) has nothing to escape: hand it back without copying.
        guard text.utf8.contains(where: { entities[Int($0)] != nil }) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            if let entity = entities[Int(byte)] { bytes += entity.utf8 } else { bytes.append(byte) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The entity of each byte that needs one, by byte (all are ASCII, so UTF-8 bytes can be scanned alone).
    private static let entities: [String?] = (0...255).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "\""): "&quot;"
        case UInt8(ascii: "'"): "&#39;"
        default: nil
        }
    }
}
