import Foundation

/// Runs blocking work (waiting for a child process to end, say) on a thread of its own and awaits it.
///
/// Swift's concurrency pool has one thread per core: on two cores, two tests blocked in `waitUntilExit`
/// would stall every other test in the process, and their timeouts would fire for nothing.
public func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}
