import Foundation
import TenureCore

/// Tenure's configuration kept in the database, as text by key.
public protocol SettingStore: Sendable {
    func setting(_ key: String) async throws -> String?
    func setSetting(_ key: String, to value: String) async throws
}

extension SettingStore {
    /// A setting stored as JSON, decoded; `nil` when unset.
    public func decodedSetting<T: Decodable>(_ key: String, as type: T.Type = T.self) async throws -> T? {
        guard let text = try await setting(key) else { return nil }
        do {
            return try JSONCoding.decoder.decode(T.self, from: Data(text.utf8))
        } catch {
            throw StoreError(.corrupt, "setting \(key) does not hold a valid \(T.self): \(error)")
        }
    }

    /// Stores `value` as JSON under `key`.
    public func setEncodedSetting<T: Encodable>(_ key: String, to value: T) async throws {
        try await setSetting(key, to: String(decoding: try JSONCoding.encoder.encode(value), as: UTF8.self))
    }
}
