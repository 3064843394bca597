import Foundation
import Testing
import TenureTestSupport
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What an operator sees of a running `tenure serve`: `/prometheus` read by the
/// official `prometheus-client` parser, and JSON log lines that carry each
/// request's id.
@Suite("Operations end to end")
struct OperationsEndToEndTests {
    struct Sample: Decodable {
        var family: String
        var type: String
        var name: String
        var labels: [String: String]
        var value: Double
    }

    static func status(_ request: URLRequest) async throws -> Int {
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    @Test("/prometheus parses, counts requests by route and status, times them in buckets, counts ingested events and job runs; logs are JSON lines with request ids")
    func metricsAndLogs() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = ["--database", "sqlite:\(directory.path)/o.sqlite"]
        let writer = try await CommandRunner.run(["keys", "create", "--role", "writer"] + database).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let server = try CommandRunner(["serve", "--port", "0", "--log-format", "json"] + database,
                                       environment: ["TENURE_METRICS_TOKEN": "scrape-secret"])
        let base = try await server.waitForOutput(#"at (http://127\.0\.0\.1:\d+)"#)
        for _ in 0..<3 { #expect(try await getJSON("\(base)/healthz").status == 200) }
        #expect(try await getJSON("\(base)/api/v1/accounts").status == 401)
        var track = URLRequest(url: URL(string: "\(base)/v1/track")!)
        track.httpMethod = "POST"
        track.setValue("Basic \(Data("\(writer):".utf8).base64EncodedString())", forHTTPHeaderField: "Authorization")
        track.setValue("application/json", forHTTPHeaderField: "Content-Type")
        track.httpBody = Data(#"{"userId":"user_1","event":"report_created","messageId":"m-1"}"#.utf8)
        #expect(try await Self.status(track) == 200)
        #expect(try await Self.status(track) == 200)
        #expect(try await getJSON("\(base)/prometheus").status == 401)
        #expect(try await getJSON("\(base)/prometheus", token: "wrong").status == 401)

        // The health job is due at start: wait for its run to be counted.
        let samples = try await Self.scrape("\(base)/prometheus", token: "scrape-secret", until: "tenure_job_runs_total")
        func value(_ name: String, _ labels: [String: String]) -> Double? {
            samples.first { sample in sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value } }?.value
        }
        let healthz = ["http_route": "/healthz", "http_request_method": "GET", "http_response_status_code": "200"]
        #expect(value("hb_requests_total", healthz) == 3)
        #expect(value("hb_requests_total", ["http_route": "/api/v1/accounts", "http_response_status_code": "401"]) == 1)
        let buckets = samples.filter { $0.name == "http_server_request_duration_bucket" && $0.labels["http_route"] == "/healthz" }
        #expect(samples.first { $0.name == "http_server_request_duration_bucket" }?.type == "histogram")
        #expect(buckets.count >= 5 && buckets.contains { $0.labels["le"] == "+Inf" && $0.value == 3 })
        #expect(value("http_server_request_duration_count", healthz) == 3)
        #expect(value("tenure_events_ingested_total", ["source": "tracking", "outcome": "new"]) == 1)
        #expect(value("tenure_events_ingested_total", ["source": "tracking", "outcome": "duplicate"]) == 1)
        #expect(value("tenure_job_runs_total", ["job": "health", "outcome": "success"]) == 1)
        #expect(value("tenure_job_duration_seconds_count", ["job": "health"]) == 1)

        let result = try await server.interrupt()
        let lines = result.stderr.split(separator: "\n").filter { !$0.isEmpty }
        let entries = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(!lines.isEmpty && entries.count == lines.count, "every log line is one JSON object: \(result.stderr)")
        #expect(entries.allSatisfy { $0["time"] is String && $0["level"] is String && $0["message"] is String })
        let requests = entries.filter { $0["hb.request.path"] != nil }
        #expect(requests.filter { $0["hb.request.path"] as? String == "/healthz" }.count == 3)
        #expect(requests.filter { $0["hb.request.path"] as? String == "/v1/track" }.count == 2)
        let ids = requests.compactMap { $0["hb.request.id"] as? String }
        #expect(ids.count == requests.count && Set(ids).count == ids.count && ids.allSatisfy { !$0.isEmpty })
    }

    /// Samples of the Prometheus text at `url`, parsed by `prometheus-client`, once one named `name` is there (30 s at most).
    static func scrape(_ url: String, token: String, until name: String) async throws -> [Sample] {
        var samples: [Sample] = []
        for _ in 0..<60 {
            let output = try await Python.run("prometheus_scrape.py", [url, token])
            samples = try JSONDecoder().decode([Sample].self, from: Data(output.utf8))
            if samples.contains(where: { $0.name == name }) { break }
            try await Task.sleep(for: .milliseconds(500))
        }
        return samples
    }

    @Test("a worker with --metrics-port answers /healthz, /readyz and /prometheus (token-guarded) with the job runs it made; without it, no port")
    func workerMetrics() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = ["--database", "sqlite:\(directory.path)/w.sqlite"]
        #expect(try await CommandRunner.run(["migrate"] + database).status == 0)
        let refused = try await CommandRunner.run(["worker", "--metrics-port", "70000"] + database)
        #expect(refused.status != 0 && refused.stderr.contains("--metrics-port must be between 0 and 65535"), "\(refused.stderr)")
        let worker = try CommandRunner(["worker", "--metrics-port", "0"] + database, environment: ["TENURE_METRICS_TOKEN": "scrape-secret"])
        let base = try await worker.waitForOutput(#"Worker metrics at (http://127\.0\.0\.1:\d+)/prometheus"#)
        #expect(try await getJSON("\(base)/healthz").status == 200)
        #expect(try await getJSON("\(base)/readyz").status == 200)
        #expect(try await getJSON("\(base)/prometheus").status == 401)
        #expect(try await getJSON("\(base)/").status == 404, "a worker serves the operations routes only")
        #expect(try await getJSON("\(base)/api/v1/accounts").status != 200)
        let samples = try await Self.scrape("\(base)/prometheus", token: "scrape-secret", until: "tenure_job_runs_total")
        #expect(samples.contains { $0.name == "tenure_job_runs_total" && $0.labels["job"] == "health" && $0.labels["outcome"] == "success" && $0.value == 1 },
                "\(samples.map(\.name))")
        #expect(samples.contains { $0.name == "tenure_job_duration_seconds_count" && $0.labels["job"] == "health" })
        let result = try await worker.interrupt()
        #expect(result.status == 0, "\(result.stderr)")
    }
}
