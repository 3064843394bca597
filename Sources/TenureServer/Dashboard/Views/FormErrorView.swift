import TenureCore

/// A refused form's error as the form shows it: an alert naming the field by its label, and marks on that field.
struct FormErrorView: Sendable {
    let error: ValidationError?
    /// Labels of the form's fields by name.
    let labels: [String: String]
    /// The alert's element id, which the marked field refers to.
    let id: String

    /// The form field the error names (`event_types[2]` is about `event_types`).
    var field: String? { error?.field.map { String($0.prefix { $0 != "[" }) } }

    /// The alert above the fields; empty without an error.
    var alert: HTML {
        guard let error else { return .empty }
        let label = field.flatMap { labels[$0] } ?? error.field ?? "The form"
        return "<div class=\"empty\" role=\"alert\" id=\"\(id)\"><p class=\"error\">\(label): \(error.message)</p></div>"
    }

    /// `aria-invalid` and the alert's id, for the field `name` when the error names it.
    func marks(_ name: String) -> HTML {
        field == name ? " aria-invalid=\"true\" aria-describedby=\"\(id)\"" : .empty
    }
}
