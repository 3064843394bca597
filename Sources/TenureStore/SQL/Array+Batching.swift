/// Helpers for cutting writes into statements.
extension Array {
    /// The array cut into consecutive pieces of at most `size` elements.
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }

    /// The elements with duplicates by `key` removed, keeping the last copy
    /// (in the first copy's place) or the first.
    func removingDuplicates<Key: Hashable>(keepingLast: Bool = true, by key: (Element) -> Key) -> [Element] {
        var positions: [Key: Int] = [:]
        var result: [Element] = []
        result.reserveCapacity(count)
        for element in self {
            let elementKey = key(element)
            if let position = positions[elementKey] {
                if keepingLast { result[position] = element }
            } else {
                positions[elementKey] = result.count
                result.append(element)
            }
        }
        return result
    }
}
