/// A string-backed enum whose decoding error lists the values it accepts,
/// e.g. `unknown value 'gold'; expected one of: trial, onboarding, …`.
public protocol StringEnum: RawRepresentable, CaseIterable, Codable, Sendable where RawValue == String {}

extension StringEnum {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        guard let value = Self(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: Self.unknownValueMessage(raw))
        }
        self = value
    }

    /// The message for a value that is not one of the cases.
    public static func unknownValueMessage(_ raw: String) -> String {
        "unknown value '\(raw)'; expected one of: \(allCases.map(\.rawValue).joined(separator: ", "))"
    }
}
