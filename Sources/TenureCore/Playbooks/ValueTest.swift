import Foundation

/// A test on one value, written as a scalar (equal to it), a list (one of them) or a mapping of comparisons
/// that must all hold (`{gte: 50000, lt: 100000}`). Numbers compare numerically, text by equality.
public struct ValueTest: Hashable, Sendable {
    public var comparisons: [Comparison]

    public init(_ comparisons: [Comparison]) {
        self.comparisons = comparisons
    }

    /// Equal to `value`.
    public static func equals(_ value: JSONValue) -> ValueTest { ValueTest([Comparison(.eq, value)]) }

    /// Equal to one of `values`.
    public static func oneOf(_ values: [JSONValue]) -> ValueTest { ValueTest([Comparison(.oneOf, .array(values))]) }

    /// One comparison of a test: a relation and the value on its right.
    public struct Comparison: Hashable, Sendable {
        public var relation: Relation
        /// The value compared with; a list for ``Relation/oneOf``, a number for the orderings.
        public var operand: JSONValue

        public init(_ relation: Relation, _ operand: JSONValue) {
            self.relation = relation
            self.operand = operand
        }

        /// Whether `value` (missing when `nil`) stands in the relation to the operand.
        public func holds(for value: JSONValue?) -> Bool {
            switch relation {
            case .eq: return Self.equal(value, operand)
            case .ne: return !Self.equal(value, operand)
            case .oneOf:
                guard case .array(let options) = operand else { return false }
                return options.contains { Self.equal(value, $0) }
            case .lt, .lte, .gt, .gte:
                guard let actual = value?.doubleValue, case .number(let bound) = operand else { return false }
                switch relation {
                case .lt: return actual < bound
                case .lte: return actual <= bound
                case .gt: return actual > bound
                default: return actual >= bound
                }
            }
        }

        private static func equal(_ value: JSONValue?, _ expected: JSONValue) -> Bool {
            switch expected {
            case .number(let number): value?.doubleValue == number
            case .string(let text): value?.stringValue == text
            case .null: value == nil || value == .null
            default: value == expected
            }
        }
    }

    /// How a value is compared, with its YAML key.
    public enum Relation: String, StringEnum, Hashable {
        case eq, ne, lt, lte, gt, gte
        case oneOf = "in"

        /// The sign a trace writes: `≥`, `≠`, `one of`.
        public var symbol: String {
            switch self {
            case .eq: "="
            case .ne: "≠"
            case .lt: "<"
            case .lte: "≤"
            case .gt: ">"
            case .gte: "≥"
            case .oneOf: "one of"
            }
        }
    }

    /// Whether every comparison holds for `value` (missing when `nil`).
    public func passes(_ value: JSONValue?) -> Bool {
        comparisons.allSatisfy { $0.holds(for: value) }
    }

    /// The test applied to `actual`, in words: `segment=enterprise`, `MRR 820.00 ≥ 500.00` when it passes,
    /// `segment=smb, not one of mid_market, enterprise` or `MRR 320.00, not ≥ 500.00` (the first failing
    /// comparison) when it fails. `money` writes numbers as minor units with two decimals.
    public func describe(_ subject: String, actual: JSONValue?, money: Bool) -> String {
        let shown = PlaybookText.value(actual, money: money)
        func operand(_ comparison: Comparison) -> String { PlaybookText.value(comparison.operand, money: money) }
        if let failing = comparisons.first(where: { !$0.holds(for: actual) }) {
            switch failing.relation {
            case .eq: return "\(subject)=\(shown), not \(operand(failing))"
            case .oneOf:
                let single = if case .array(let options) = failing.operand { options.count == 1 } else { false }
                return "\(subject)=\(shown), not \(single ? "" : "one of ")\(operand(failing))"
            default: return "\(subject) \(shown), not \(failing.relation.symbol) \(operand(failing))"
            }
        }
        if comparisons.allSatisfy({ $0.relation == .eq || $0.relation == .oneOf }) { return "\(subject)=\(shown)" }
        return "\(subject) \(shown) " + comparisons.map { "\($0.relation.symbol) \(operand($0))" }.joined(separator: " and ")
    }
}

extension ValueTest {
    /// Reads a test from a document; `numeric` requires numbers (for money, scores and probabilities).
    init(_ field: DocumentField, numeric: Bool) throws(ValidationError) {
        switch field.value {
        case .object:
            let tests = try field.object(known: Relation.allCases.map(\.rawValue))
            let relations = Relation.allCases.filter { tests.fields[$0.rawValue] != nil }
            guard !relations.isEmpty else {
                throw field.refusal("must hold at least one of \(Relation.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            var comparisons: [Comparison] = []
            for relation in relations {
                let operand = DocumentField(tests.fields[relation.rawValue]!, path: DocumentObject.path(field.path, relation.rawValue))
                comparisons.append(Comparison(relation, try Self.operand(operand, for: relation, numeric: numeric)))
            }
            self.init(comparisons)
        case .array:
            self.init([Comparison(.oneOf, try Self.operand(field, for: .oneOf, numeric: numeric))])
        default:
            self.init([Comparison(.eq, try Self.operand(field, for: .eq, numeric: numeric))])
        }
    }

    private static func operand(_ field: DocumentField, for relation: Relation, numeric: Bool) throws(ValidationError) -> JSONValue {
        switch relation {
        case .oneOf:
            let items = try field.items()
            guard !items.isEmpty else { throw field.refusal("must list at least one value") }
            for item in items { _ = try scalar(item, numeric: numeric) }
            return field.value
        case .lt, .lte, .gt, .gte:
            return try scalar(field, numeric: true)
        case .eq, .ne:
            return try scalar(field, numeric: numeric)
        }
    }

    private static func scalar(_ field: DocumentField, numeric: Bool) throws(ValidationError) -> JSONValue {
        switch field.value {
        case .number(let number): guard number.isFinite else { throw field.refusal("must be a number") }
        case .array, .object: throw field.refusal("must be a single value (text, a number, true or false)")
        case .string, .bool, .null: if numeric { throw field.refusal("must be a number") }
        }
        return field.value
    }
}
