import Foundation
import TenureCore

/// What a stored definition configures.
public enum DefinitionKind: String, StringEnum, Hashable {
    case health, segmentation
}

/// The text format a definition is written in.
public enum DefinitionFormat: String, StringEnum, Hashable {
    case yaml, json

    /// The format a file name's extension implies (`.json` is JSON, anything else YAML).
    public init(fileName: String) {
        self = fileName.lowercased().hasSuffix(".json") ? .json : .yaml
    }
}

/// One version of a health score or segmentation definition, kept exactly as
/// written. Versions count up from 1 per kind and are never changed or
/// removed; at most one version per kind is active.
public struct StoredDefinition: Sendable, Hashable, Codable {
    public var kind: DefinitionKind
    public var version: Int
    public var name: String
    public var format: DefinitionFormat
    /// The document as it was written (comments and all).
    public var source: String
    public var note: String?
    public var origin: Origin
    public var createdAt: Date
    public var active: Bool
    public var activatedAt: Date?

    /// Where a version came from.
    public enum Origin: String, StringEnum, Hashable {
        /// Tenure's default, stored on first use.
        case builtin
        /// Written by a person (API, CLI).
        case user
        /// Proposed by `tenure health calibrate`.
        case calibration
    }

    public init(kind: DefinitionKind, version: Int = 0, name: String, format: DefinitionFormat, source: String,
                note: String? = nil, origin: Origin, createdAt: Date, active: Bool = false, activatedAt: Date? = nil) {
        self.kind = kind
        self.version = version
        self.name = name
        self.format = format
        self.source = source
        self.note = note
        self.origin = origin
        self.createdAt = createdAt
        self.active = active
        self.activatedAt = activatedAt
    }
}
