import Foundation
import TenureCore
import TenureStore

/// Reads playbook documents, YAML or JSON, with the same checks as definition documents (size, aliases, strict JSON);
/// a mistake is a ``ValidationError`` naming the field.
public enum PlaybookDocument {
    /// Parses and validates a playbook.
    public static func parse(_ text: String, format: DefinitionFormat) throws -> Playbook {
        let data = try DefinitionDocument.jsonData(from: text, format: format)
        let json: JSONValue
        do {
            json = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw ValidationError(field: nil, "the document is not a playbook: \(error)")
        }
        return try Playbook(json: json)
    }
}
