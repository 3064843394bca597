/// The quoted-printable transfer encoding of RFC 2045 §6.7, for UTF-8 text bodies.
///
/// Printable ASCII but `=` stays as it is; every other byte becomes `=XX`; a space or tab that would end a line
/// is encoded too; line breaks (LF, CRLF or a lone CR) become CRLF; a longer line is cut by soft line breaks
/// (`=` then CRLF) so that no encoded line passes 76 characters.
enum QuotedPrintable {
    /// The longest encoded line, CRLF not counted.
    static let lineLength = 76

    /// `text` quoted-printable encoded, its lines joined by CRLF (no CRLF after the last one).
    static func encode(_ text: String) -> String {
        lines(of: Array(text.utf8)).map(encodeLine).joined(separator: "\r\n")
    }

    /// One line (without its break), soft-wrapped.
    private static func encodeLine(_ bytes: ArraySlice<UInt8>) -> String {
        var lines: [String] = [""]
        for (offset, byte) in bytes.enumerated() {
            let isLast = offset == bytes.count - 1
            let token = encode(byte, endsLine: isLast)
            // A line that continues needs room for the `=` of its soft break; the last piece does not.
            let room = isLast ? lineLength : lineLength - 1
            if lines[lines.count - 1].count + token.count > room {
                lines[lines.count - 1] += "="
                lines.append("")
            }
            lines[lines.count - 1] += token
        }
        return lines.joined(separator: "\r\n")
    }

    private static func encode(_ byte: UInt8, endsLine: Bool) -> String {
        let isWhitespace = byte == 0x20 || byte == 0x09
        if (33...126).contains(byte) && byte != UInt8(ascii: "=") || isWhitespace && !endsLine {
            return String(UnicodeScalar(byte))
        }
        let digits = Array("0123456789ABCDEF")
        return "=\(digits[Int(byte >> 4)])\(digits[Int(byte & 0x0F)])"
    }

    /// The lines of `bytes`, split at LF, CRLF or a lone CR.
    private static func lines(of bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0, index = 0
        while index < bytes.count {
            switch bytes[index] {
            case 0x0A:
                lines.append(bytes[start..<index])
                start = index + 1
            case 0x0D:
                lines.append(bytes[start..<index])
                if index + 1 < bytes.count && bytes[index + 1] == 0x0A { index += 1 }
                start = index + 1
            default:
                break
            }
            index += 1
        }
        lines.append(bytes[start...])
        return lines
    }
}
