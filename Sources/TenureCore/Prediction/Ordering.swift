import Foundation

extension RandomAccessCollection {
    /// The first index whose element satisfies `isAfter`, for a collection in which every element
    /// satisfying it follows every element that does not (e.g. "greater than t" over sorted
    /// times); `endIndex` when none does. O(log n).
    func partitionIndex(where isAfter: (Element) -> Bool) -> Index {
        var low = startIndex, count = self.count
        while count > 0 {
            let half = count / 2
            let middle = index(low, offsetBy: half)
            if isAfter(self[middle]) {
                count = half
            } else {
                low = index(after: middle)
                count -= half + 1
            }
        }
        return low
    }
}

extension Array where Element == Double {
    /// The indices of the values in increasing order of value (ties in index order). Sorting
    /// (value, index) pairs keeps every comparison on contiguous memory, which is several times
    /// faster than sorting indices through a closure that looks the values up.
    func ascendingOrder() -> [Int] {
        zip(self, indices).sorted { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }.map(\.1)
    }
}
