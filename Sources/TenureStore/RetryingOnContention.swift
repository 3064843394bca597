/// Runs `work`, and again after a short, growing pause while it fails with
/// ``StoreError/Code/contention`` (a serialization failure or deadlock), at most
/// `attempts` times in all; the last failure is thrown. `work` must be safe to repeat.
public func retryingOnContention<T: Sendable>(
    attempts: Int = 5, isolation: isolated (any Actor)? = #isolation, _ work: () async throws -> T
) async throws -> T {
    var attempt = 1
    while true {
        do {
            return try await work()
        } catch let error as StoreError where error.code == .contention && attempt < attempts {
            try await Task.sleep(for: .milliseconds(Int.random(in: 5...20) << attempt))
            attempt += 1
        }
    }
}
