import Foundation

/// What segmentation reads about one account.
public struct SegmentSubject: Hashable, Sendable {
    public var accountID: String
    /// Annual recurring revenue in minor units of the reporting currency.
    public var arr: Int64
    /// The current plan: the product name of the account's largest subscription item.
    public var planName: String?
    public var employeeCount: Int?
    public var industry: String?
    public var tags: [String]
    /// Counts of events over the definition's usage windows.
    public var usage: [UsageCondition.Window: Int64]

    public init(accountID: String, arr: Int64, planName: String? = nil, employeeCount: Int? = nil,
                industry: String? = nil, tags: [String] = [], usage: [UsageCondition.Window: Int64] = [:]) {
        self.accountID = accountID
        self.arr = arr
        self.planName = planName
        self.employeeCount = employeeCount
        self.industry = industry
        self.tags = tags
        self.usage = usage
    }
}

extension SegmentationDefinition {
    /// The first segment whose conditions `subject` meets, or `nil` when none does.
    /// `minorUnitDigits` is the reporting currency's (2 for USD) to read ARR in major units.
    public func segment(of subject: SegmentSubject, minorUnitDigits: Int) -> SegmentRule? {
        let arr = Double(subject.arr) / pow(10, Double(minorUnitDigits))
        return segments.first { rule in rule.when?.holds(for: subject, arr: arr) ?? true }
    }
}

extension SegmentCondition {
    /// Whether every condition holds; `arr` is in major units.
    func holds(for subject: SegmentSubject, arr: Double) -> Bool {
        func within<T: Comparable>(_ value: T?, atLeast: T?, below: T?) -> Bool {
            if atLeast == nil && below == nil { return true }
            guard let value else { return false }
            return atLeast.map { value >= $0 } ?? true && below.map { value < $0 } ?? true
        }
        func matches(_ value: String?, _ options: [String]?) -> Bool {
            guard let options else { return true }
            guard let value = value?.lowercased() else { return false }
            return options.contains { $0.lowercased() == value }
        }
        return within(arr, atLeast: arrAtLeast, below: arrBelow)
            && within(subject.employeeCount, atLeast: employeesAtLeast, below: employeesBelow)
            && matches(subject.planName, plans)
            && matches(subject.industry, industries)
            && (tagsAny.map { tags in subject.tags.contains { tags.contains($0) } } ?? true)
            && (usage.map { within(subject.usage[$0.window] ?? 0, atLeast: $0.atLeast, below: $0.below) } ?? true)
    }
}
