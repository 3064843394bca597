import Synchronization

/// Copies committed pages from the write-ahead log back into the database file on a
/// connection of its own, after writes rather than inside them, so that no request
/// waits for a checkpoint (SQLite's own runs in the commit that crosses its threshold).
///
/// At most one checkpoint runs at a time and one starts at most every ``interval``;
/// a commit during a checkpoint or the pause after it asks for one more, so the last
/// write is always copied back. Checkpoints are `PASSIVE`: they never block a writer
/// or a reader, and copy whatever those leave free.
final class SQLiteCheckpointer: Sendable {
    /// Shortest time between the starts of two checkpoints.
    static let interval = Duration.seconds(1)

    private let connection: SQLiteHandle
    private let state = Mutex(State())

    private struct State {
        var running: Task<Void, Never>?
        var requested = false
        var stopped = false
    }

    init(connection: SQLiteHandle) {
        self.connection = connection
    }

    /// Called after each commit: a checkpoint runs soon.
    func committed() {
        state.withLock { state in
            guard !state.stopped else { return }
            guard state.running == nil else {
                state.requested = true
                return
            }
            state.running = Task { await self.work() }
        }
    }

    /// Waits for the running checkpoint, starts no more, and closes the connection.
    func stop() async throws {
        let running = state.withLock { state in
            state.stopped = true
            return state.running
        }
        running?.cancel()
        await running?.value
        try await SQLiteDatabase.onThreadPool { self.connection.close() }
    }

    private func work() async {
        while true {
            // A failed checkpoint (the file busy in another process's exclusive transaction) is retried on the next commit.
            _ = try? await SQLiteDatabase.onThreadPool { try self.connection.run("PRAGMA wal_checkpoint(PASSIVE)", []) }
            try? await Task.sleep(for: Self.interval)
            let again = state.withLock { state in
                if state.requested && !state.stopped && !Task.isCancelled {
                    state.requested = false
                    return true
                }
                state.running = nil
                return false
            }
            guard again else { return }
        }
    }
}
