import Foundation

/// Text with `{{ path }}` placeholders (`{{account.name}}`, `{{response.score}}`) filled from a run's context.
/// Rendering escapes nothing: escaping happens where the text meets Slack or HTML.
public struct PlaybookTemplate: Hashable, Sendable {
    /// The text as written.
    public let text: String
    private let parts: [Part]

    private enum Part: Hashable, Sendable {
        case literal(String)
        /// A dotted path into the context.
        case variable(String)
    }

    /// Reads `text`, refusing an unclosed `{{` and variables outside ``TemplateContext``'s roots and fields;
    /// `field` names the text in errors.
    public init(_ text: String, field: String) throws(ValidationError) {
        var parts: [Part] = []
        var rest = text[...]
        while let open = rest.range(of: "{{") {
            parts.append(.literal(String(rest[..<open.lowerBound])))
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw ValidationError(field: field, "has a {{ without its closing }}")
            }
            let path = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            try TemplateContext.check(path, field: field)
            parts.append(.variable(path))
            rest = rest[close.upperBound...]
        }
        parts.append(.literal(String(rest)))
        self.text = text
        self.parts = parts.filter { $0 != .literal("") }
    }

    /// The text with each placeholder replaced by its value in `context`: missing values as nothing, whole numbers
    /// without `.0`, lists joined with commas.
    public func render(_ context: [String: JSONValue]) -> String {
        parts.map { part in
            switch part {
            case .literal(let text): text
            case .variable(let path): TemplateContext.text(context.value(atPath: path))
            }
        }.joined()
    }
}

/// The values a playbook's templates can name: `account`, `event` (the trigger's data, also called `response`),
/// `playbook` and `run`.
public enum TemplateContext {
    /// The roots a placeholder may start with.
    public static let roots = ["account", "event", "response", "playbook", "run"]

    /// The fields of each root; `nil` for the trigger's data, whose fields depend on the event.
    static let fields: [String: [String]?] = [
        "account": ["id", "name", "segment", "stage", "owner_id", "mrr", "currency", "health_score", "health_colour",
                    "churn_probability", "tags", "traits", "renewal_at"],
        "event": nil, "response": nil, "playbook": ["name"], "run": ["id"],
    ]

    /// The context of a run of `playbook` for `subject`, started by `occurrence`. MRR is written with two decimals
    /// (`820.00`), the renewal date as `yyyy-MM-dd`.
    public static func make(subject: PlaybookSubject, occurrence: TriggerOccurrence, playbook: String, runID: String?) -> [String: JSONValue] {
        func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
        let account: [String: JSONValue] = [
            "id": .string(subject.accountID), "name": .string(subject.name), "segment": optional(subject.segment),
            "stage": .string(subject.stage.rawValue), "owner_id": optional(subject.ownerID),
            "mrr": .string(PlaybookText.money(Double(subject.mrr))), "currency": .string(subject.currency.code),
            "health_score": subject.healthScore.map(JSONValue.number) ?? .null, "health_colour": optional(subject.healthColour?.rawValue),
            "churn_probability": subject.churnProbability.map(JSONValue.number) ?? .null,
            "tags": .array(subject.tags.map(JSONValue.string)), "traits": .object(subject.traits),
            "renewal_at": optional(subject.renewalAt.map(PlaybookText.day)),
        ]
        return ["account": .object(account), "event": .object(occurrence.data), "response": .object(occurrence.data),
                "playbook": .object(["name": .string(playbook)]), "run": .object(["id": optional(runID)])]
    }

    /// Refuses a placeholder path that is not `root.field` (deeper only into traits and the trigger's data).
    static func check(_ path: String, field: String) throws(ValidationError) {
        let components = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let wellFormed = components.count >= 2
            && components.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" } }
        guard wellFormed else { throw ValidationError(field: field, "{{\(path)}} is not a variable such as {{account.name}}") }
        guard let known = fields[components[0]] else {
            throw ValidationError(field: field, "unknown template variable '\(path)'; it must start with one of: \(roots.joined(separator: ", "))")
        }
        if let known, !known.contains(components[1]) || (components.count > 2 && components[1] != "traits") {
            throw ValidationError(field: field, "unknown template variable '\(path)'; \(components[0]) has: \(known.joined(separator: ", "))")
        }
    }

    /// A value as template text: nothing for missing, null and mappings; lists joined with commas.
    static func text(_ value: JSONValue?) -> String {
        if case .array(let items)? = value { return items.map(text).filter { !$0.isEmpty }.joined(separator: ", ") }
        return value?.stringValue ?? ""
    }
}

extension DocumentField {
    /// Text of at most `maxLength` characters read as a template.
    func template(maxLength: Int) throws(ValidationError) -> PlaybookTemplate {
        try PlaybookTemplate(text(maxLength: maxLength), field: path)
    }
}
