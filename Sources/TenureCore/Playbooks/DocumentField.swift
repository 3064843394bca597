import Foundation

/// One value of a playbook document and the path that names it in errors (`steps[2].task.due_days`).
struct DocumentField {
    let value: JSONValue
    /// The field's path; empty for the whole document.
    let path: String

    init(_ value: JSONValue, path: String) {
        self.value = value
        self.path = path
    }

    /// The value as a mapping whose keys are among `known` (any keys when `known` is `nil`).
    func object(known: [String]?) throws(ValidationError) -> DocumentObject {
        guard case .object(let fields) = value else { throw refusal("must be a mapping (an object)") }
        if let known, let unknown = fields.keys.sorted().first(where: { !known.contains($0) }) {
            throw ValidationError(field: DocumentObject.path(path, unknown), "unknown key; known: \(known.joined(separator: ", "))")
        }
        return DocumentObject(path: path, fields: fields)
    }

    /// The items of a list, each named by its index.
    func items() throws(ValidationError) -> [DocumentField] {
        guard case .array(let items) = value else { throw refusal("must be a list") }
        return items.enumerated().map { DocumentField($1, path: "\(path)[\($0)]") }
    }

    /// Non-empty text of at most `maxLength` characters, without control characters (line breaks allowed past 1,000).
    func text(maxLength: Int) throws(ValidationError) -> String {
        guard case .string(let text) = value else { throw refusal("must be text") }
        try Check.nonEmpty(text, path, maxLength: maxLength)
        return text
    }

    /// One text, or a non-empty list of them.
    func texts(maxLength: Int) throws(ValidationError) -> [String] {
        if case .string = value { return [try text(maxLength: maxLength)] }
        guard case .array = value else { throw refusal("must be text or a list of text") }
        let items = try items()
        guard !items.isEmpty else { throw refusal("must list at least one value") }
        var texts: [String] = []
        for item in items { texts.append(try item.text(maxLength: maxLength)) }
        return texts
    }

    /// A whole number within `range`.
    func integer(in range: ClosedRange<Int>) throws(ValidationError) -> Int {
        guard case .number(let number) = value, number == number.rounded(), abs(number) < 1e15 else {
            throw refusal("must be a whole number")
        }
        let integer = Int(number)
        try Check.range(integer, path, range)
        return integer
    }

    /// A number within `range`.
    func number(in range: ClosedRange<Double>) throws(ValidationError) -> Double {
        guard case .number(let number) = value, number.isFinite else { throw refusal("must be a number") }
        try Check.range(number, path, range)
        return number
    }

    func flag() throws(ValidationError) -> Bool {
        guard case .bool(let flag) = value else { throw refusal("must be true or false") }
        return flag
    }

    /// One of the enum's values, written as its raw text.
    func choice<Choice: StringEnum>(_: Choice.Type) throws(ValidationError) -> Choice {
        guard case .string(let raw) = value else { throw refusal("must be text") }
        guard let choice = Choice(rawValue: raw) else { throw refusal(Choice.unknownValueMessage(raw)) }
        return choice
    }

    /// One of the enum's values, or a non-empty list of them.
    func choices<Choice: StringEnum>(_: Choice.Type) throws(ValidationError) -> [Choice] {
        if case .string = value { return [try choice(Choice.self)] }
        guard case .array = value else { throw refusal("must be text or a list of text") }
        let items = try items()
        guard !items.isEmpty else { throw refusal("must list at least one value") }
        var choices: [Choice] = []
        for item in items { choices.append(try item.choice(Choice.self)) }
        return choices
    }

    /// The error naming this field.
    func refusal(_ message: String) -> ValidationError {
        ValidationError(field: path.isEmpty ? nil : path, message)
    }
}

/// A mapping of a playbook document whose fields are read by key.
struct DocumentObject {
    let path: String
    let fields: [String: JSONValue]

    /// The keys present, sorted.
    var keys: [String] { fields.keys.sorted() }

    /// The field `key`, or `nil` when it is absent or null.
    func optional(_ key: String) -> DocumentField? {
        guard let value = fields[key], value != .null else { return nil }
        return DocumentField(value, path: Self.path(path, key))
    }

    /// The field `key`, refused when absent or null.
    func required(_ key: String) throws(ValidationError) -> DocumentField {
        guard let field = optional(key) else { throw ValidationError(field: Self.path(path, key), "is required") }
        return field
    }

    /// The path of `key` inside the mapping at `parent`.
    static func path(_ parent: String, _ key: String) -> String {
        parent.isEmpty ? key : "\(parent).\(key)"
    }
}
