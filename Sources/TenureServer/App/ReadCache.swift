import Foundation
import Hummingbird
import Synchronization
import TenureCore
import TenureStore

/// Read models kept between requests while the store's ``DataVersion`` stays
/// where it was when they were built, and for at most `maximumAge` (so that
/// figures that move with the clock alone, like renewals due in 30 days, stay
/// current). A write of facts or derived numbers on any node moves the version,
/// and the next request builds again. Concurrent requests for one missing
/// entry share one build; the cache holds at most `capacity` entries.
final class ReadCache: Sendable {
    let store: any Store
    let clock: WallClock
    let maximumAge: TimeInterval
    let capacity: Int
    private let entries = Mutex<[String: Entry]>([:])
    /// The version a build in progress was started for: reads nested in a build use it instead of asking the store again.
    @TaskLocal private static var buildingVersion: DataVersion?

    private struct Entry {
        let version: DataVersion
        let builtAt: Date
        let value: Task<any Sendable, any Error>
    }

    init(store: any Store, clock: WallClock, maximumAge: TimeInterval = 60, capacity: Int = 512) {
        self.store = store
        self.clock = clock
        self.maximumAge = maximumAge
        self.capacity = capacity
    }

    /// A `200` whose body is the JSON of the value `build` makes, encoded once per version: encoding a page of
    /// resources costs more than reading it.
    func json<Value: Encodable & Sendable>(_ key: String, build: @escaping @Sendable () async throws -> Value) async throws -> Response {
        let body = try await value(key) { ByteBuffer(data: try JSONCoding.encoder.encode(try await build())) }
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: ResponseBody(byteBuffer: body))
    }

    /// The value cached under `key` for the store's current version, built by `build` when there is none.
    func value<Value: Sendable>(_ key: String, build: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let version = if let building = Self.buildingVersion { building } else { try await store.dataVersion() }
        let now = clock.now()
        let task = entries.withLock { entries -> Task<any Sendable, any Error> in
            if let entry = entries[key], entry.version == version, now.timeIntervalSince(entry.builtAt) < maximumAge {
                return entry.value
            }
            if entries.count >= capacity {
                entries = entries.filter { $0.value.version == version && now.timeIntervalSince($0.value.builtAt) < maximumAge }
                if entries.count >= capacity { entries.removeAll() }
            }
            let task = Task<any Sendable, any Error> { try await Self.$buildingVersion.withValue(version) { try await build() } }
            entries[key] = Entry(version: version, builtAt: now, value: task)
            return task
        }
        do {
            guard let value = try await task.value as? Value else { throw StoreError(.statementFailed, "read cache entry \(key) has another type") }
            return value
        } catch {
            // A failed build is not kept: the next request tries again.
            entries.withLock { entries in
                if entries[key]?.value == task { entries[key] = nil }
            }
            throw error
        }
    }
}
