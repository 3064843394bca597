import TenureCore
import TenureStore

extension StoredDefinition {
    /// The health definition this version holds.
    public func healthDefinition() throws -> HealthDefinition {
        try DefinitionDocument.decode(HealthDefinition.self, from: source, format: format)
    }

    /// The segmentation this version holds.
    public func segmentationDefinition() throws -> SegmentationDefinition {
        try DefinitionDocument.decode(SegmentationDefinition.self, from: source, format: format)
    }
}
