import Foundation

/// Tenure's JSON conventions, shared by the API, the store's JSON columns and
/// the CLI: snake_case keys, ISO 8601 UTC instants with milliseconds.
public enum JSONCoding {
    /// Encoder with Tenure's conventions; keys sorted so output is stable.
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(format(date))
        }
        return encoder
    }

    /// Decoder with Tenure's conventions. Instants may be ISO 8601 with or
    /// without fractional seconds, or a plain date (`2024-05-01`, midnight UTC).
    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .custom { path in AnyKey(camelCase(path.last!.stringValue)) }
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "'\(text.prefix(100))' is not an ISO 8601 instant between 1970 and 9999 such as 2024-05-01T12:00:00Z")
            }
            return date
        }
        return decoder
    }

    /// `date` as `2024-05-01T12:00:00.000Z`, rounded to the millisecond as the store keeps instants, so that an answer
    /// shows what a later read returns (the formatter alone cuts the fraction off).
    public static func format(_ date: Date) -> String {
        guard let milliseconds = Int64(exactly: (date.timeIntervalSince1970 * 1000).rounded()) else {
            return date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        }
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let fraction = String(milliseconds - seconds * 1000)
        let whole = Date(timeIntervalSince1970: Double(seconds)).formatted(Date.ISO8601FormatStyle())
        return "\(whole.dropLast()).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)Z"
    }

    /// Parses an ISO 8601 instant (fractional seconds optional, `Z` or an offset)
    /// or a plain `YYYY-MM-DD` date between 1970 and 9999 (``Instants/range``); `nil` otherwise.
    public static func parse(_ text: String) -> Date? {
        guard let date = parseAnyYear(text), Instants.range.contains(date) else { return nil }
        return date
    }

    private static func parseAnyYear(_ text: String) -> Date? {
        if let date = parseWholeSeconds(text) { return date }
        // Pick the style up front: a failed parse throws, and throwing is slow on hot paths.
        if text.utf8.contains(UInt8(ascii: ".")) {
            if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
        } else if text.count > 10, let date = try? Date.ISO8601FormatStyle().parse(text) {
            return date
        }
        if text.count == 10, let date = try? Date.ISO8601FormatStyle().year().month().day().parse(text) { return date }
        return nil
    }

    /// `YYYY-MM-DDTHH:MM:SS` then `Z` or `±HH:MM`, the commonest shape, read without a formatter (ingestion reads one
    /// per event); `nil` for any other text, which the formatters decide on.
    private static func parseWholeSeconds(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            guard bytes.count == 20 || bytes.count == 25 else { return nil }
            func number(_ start: Int, _ length: Int) -> Int? {
                var value = 0
                for byte in bytes[start..<start + length] {
                    guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                    value = value * 10 + Int(byte - UInt8(ascii: "0"))
                }
                return value
            }
            guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
                  bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
                  let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
                  let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
                  (1...12).contains(month), day >= 1, day <= UTCCalendar.days(inMonth: month, of: year),
                  hour < 24, minute < 60, second < 60
            else { return nil }
            var offset = 0
            if bytes.count == 20 {
                guard bytes[19] == UInt8(ascii: "Z") else { return nil }
            } else {
                guard bytes[19] == UInt8(ascii: "+") || bytes[19] == UInt8(ascii: "-"), bytes[22] == UInt8(ascii: ":"),
                      let hours = number(20, 2), let minutes = number(23, 2), hours <= 14, minutes < 60
                else { return nil }
                offset = (hours * 3_600 + minutes * 60) * (bytes[19] == UInt8(ascii: "+") ? 1 : -1)
            }
            let days = UTCCalendar.daysSince1970(year: year, month: month, day: day)
            return Date(timeIntervalSince1970: Double(days * 86_400 + hour * 3_600 + minute * 60 + second - offset))
        }
    }

    /// The snake_case spelling of a camelCase key, as the encoder writes it
    /// (`stripeCustomerID` → `stripe_customer_id`).
    public static func snakeCase(_ key: String) -> String {
        let characters = Array(key)
        var result = ""
        for (index, character) in characters.enumerated() {
            if character.isUppercase && index > 0 {
                let previousIsLower = characters[index - 1].isLowercase || characters[index - 1].isNumber
                let nextIsLower = index + 1 < characters.count && characters[index + 1].isLowercase
                if previousIsLower || (characters[index - 1].isUppercase && nextIsLower) { result.append("_") }
            }
            result.append(contentsOf: character.lowercased())
        }
        return result
    }

    /// The Swift property name of a snake_case key, with Tenure's `ID`
    /// spelling (`stripe_customer_id` → `stripeCustomerID`).
    public static func camelCase(_ key: String) -> String {
        guard key.contains("_") else { return key }
        let words = key.split(separator: "_", omittingEmptySubsequences: true)
        guard let first = words.first else { return key }
        return String(first) + words.dropFirst().map { word in
            word == "id" ? "ID" : word.prefix(1).uppercased() + word.dropFirst()
        }.joined()
    }
}

/// A coding key made from any string.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}
