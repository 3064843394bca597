import Foundation

extension Optional<String> {
    /// A form field's text without surrounding whitespace; `nil` when it is missing or blank.
    var trimmedText: String? {
        guard let text = self?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }
}
