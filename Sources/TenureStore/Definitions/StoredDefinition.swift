import Foundation
import TenureCore

/// What a stored definition configures.
public enum DefinitionKind: String, StringEnum, Hashable {
    case health, segmentation
}

/// One version of a health score or segmentation definition, kept exactly as
/// written. Versions count up from 1 per kind and are never changed or
/// removed; at most one version per kind is active.
public struct StoredDefinition: Sendable, Hashable, Codable {
    public var kind: DefinitionKind
    public var version: Int
    public var name: String
    public var format: DefinitionDocument.Format
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

    public init(kind: DefinitionKind, version: Int = 0, name: String, format: DefinitionDocument.Format, source: String,
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

    /// The health definition this version holds.
    public func healthDefinition() throws -> HealthDefinition {
        try DefinitionDocument.decode(HealthDefinition.self, from: source, format: format)
    }

    /// The segmentation this version holds.
    public func segmentationDefinition() throws -> SegmentationDefinition {
        try DefinitionDocument.decode(SegmentationDefinition.self, from: source, format: format)
    }
}
