import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import TenureCore
import TenureStore

/// Reads a Stripe account with a restricted read-only key: products, prices,
/// customers, subscriptions (every status) and invoices, page by page with
/// Stripe's cursor pagination. Each object becomes a synthetic event
/// (`<object>.synced`, id derived from the object's content, so an unchanged
/// object is a duplicate on the next sync) and goes through the same
/// derivation as webhooks. Rate limits (429) and server errors are retried,
/// honouring `Retry-After`; the cursor of each list is saved after every
/// page, so an interrupted sync resumes where it stopped.
public struct StripeSync: Sendable {
    public var apiKey: String
    /// `https://api.stripe.com` by default; tests point it at a local server.
    public var baseURL: String
    public var pageSize: Int
    /// How many times a 429 or 5xx answer is retried before the sync gives up.
    public var maximumRetries: Int
    let store: any Store
    let ingestor: StripeIngestor

    public init(apiKey: String, baseURL: String = "https://api.stripe.com", pageSize: Int = 100, maximumRetries: Int = 8,
                store: any Store) {
        self.apiKey = apiKey
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.pageSize = pageSize
        self.maximumRetries = maximumRetries
        self.store = store
        self.ingestor = StripeIngestor(store: store)
    }

    /// The lists synced, in dependency order, with their query.
    public static let resources: [(name: String, query: String)] = [
        ("products", ""), ("prices", ""), ("customers", ""), ("subscriptions", "&status=all"), ("invoices", ""),
    ]

    /// Where an unfinished sync stopped: the list it was reading and the last object id read.
    struct Position: Codable, Sendable {
        var list: String
        var after: String?
    }

    /// Setting key of the saved position.
    public static let positionKey = "stripe.sync.position"

    /// Forgets a saved position, so the next sync starts from the first list.
    public static func restart(in store: any Store) async throws {
        try await store.setSetting(positionKey, to: "null")
    }

    /// A failure a person can act on.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Syncs every list; `progress` gets (list, objects read so far in it). Returns objects read per list.
    public func run(progress: @Sendable (String, Int) -> Void = { _, _ in }) async throws -> [String: Int] {
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        defer { _ = client.shutdown() }
        let started = Int64(Date().timeIntervalSince1970)
        var counts: [String: Int] = [:]
        let saved = (try await store.decodedSetting(Self.positionKey, as: Position?.self)) ?? nil
        let resumeAt = saved.flatMap { position in Self.resources.firstIndex { $0.name == position.list } } ?? 0
        for (index, resource) in Self.resources.enumerated() where index >= resumeAt {
            var cursor = index == resumeAt ? saved?.after : nil
            var read = 0
            while true {
                let page = try await fetch(resource, after: cursor, client: client)
                let records = try page.objects.map { try Self.record(for: $0, syncedAt: started) }
                try await ingestor.ingest(records)
                read += records.count
                progress(resource.name, read)
                cursor = page.lastID
                guard page.hasMore, cursor != nil else { break }
                try await store.setEncodedSetting(Self.positionKey, to: Position(list: resource.name, after: cursor))
            }
            counts[resource.name] = read
            if index + 1 < Self.resources.count {
                try await store.setEncodedSetting(Self.positionKey, to: Position(list: Self.resources[index + 1].name, after: nil))
            }
        }
        try await store.setSetting(Self.positionKey, to: "null")
        return counts
    }

    struct Page {
        var objects: [[String: Any]]
        var hasMore: Bool
        var lastID: String?
    }

    private func fetch(_ resource: (name: String, query: String), after cursor: String?, client: HTTPClient) async throws -> Page {
        var url = "\(baseURL)/v1/\(resource.name)?limit=\(pageSize)\(resource.query)"
        if let cursor { url += "&starting_after=\(cursor.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? cursor)" }
        var attempt = 0
        while true {
            var request = HTTPClientRequest(url: url)
            request.headers.add(name: "Authorization", value: "Bearer \(apiKey)")
            request.headers.add(name: "User-Agent", value: "Tenure/1 (stripe sync)")
            let response: HTTPClientResponse
            do {
                response = try await client.execute(request, timeout: .seconds(60))
            } catch {
                throw Failure(description: "could not reach \(baseURL): \(error)")
            }
            let body = try await response.body.collect(upTo: 64 << 20)
            let status = response.status.code
            if status == 429 || status >= 500 {
                attempt += 1
                guard attempt <= maximumRetries else {
                    throw Failure(description: "Stripe answered \(status) to \(resource.name) \(attempt) times; try again later")
                }
                let retryAfter = response.headers.first(name: "Retry-After").flatMap(Double.init) ?? pow(2, Double(attempt - 1))
                try await Task.sleep(for: .milliseconds(Int(min(retryAfter, 60) * 1000)))
                continue
            }
            guard status == 200 else {
                let message = (try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any])
                    .flatMap { ($0["error"] as? [String: Any])?["message"] as? String } ?? "HTTP \(status)"
                throw Failure(description: "Stripe refused listing \(resource.name): \(message)"
                    + (status == 401 || status == 403 ? " (use a restricted key with read access to it)" : ""))
            }
            guard let list = try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any],
                  let data = list["data"] as? [[String: Any]]
            else { throw Failure(description: "Stripe's answer for \(resource.name) is not a list") }
            return Page(objects: data, hasMore: list["has_more"] as? Bool ?? false, lastID: data.last?["id"] as? String)
        }
    }

    /// The synthetic event for a synced object.
    static func record(for object: [String: Any], syncedAt: Int64) throws -> StripeEventRecord {
        let objectJSON = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        guard let id = object["id"] as? String, let type = object["object"] as? String else {
            throw Failure(description: "a synced object has no id or object type")
        }
        let digest = Hex.string(SHA256.hash(data: objectJSON).prefix(8))
        let eventID = "sync_\(id)_\(digest)"
        var payload = Data(#"{"id":"\#(eventID)","object":"event","type":"\#(type).synced","created":\#(syncedAt),"data":{"object":"#.utf8)
        payload.append(objectJSON)
        payload.append(Data("}}".utf8))
        return try StripeIngestor.record(fromEvent: payload, receivedAt: Date())
    }
}
