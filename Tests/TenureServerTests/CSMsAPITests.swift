import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TenureCore
import TenureServer
import TenureStore
import TenureTestSupport

/// `PUT /api/v1/csms/{id}`: admins add and edit the CSMs who own accounts.
@Suite("CSMs API")
struct CSMsAPITests {
    static func put(_ client: any TestClientProtocol, _ harness: APIHarness, _ id: String, _ body: String, role: Role = .admin)
        async throws -> (status: HTTPResponse.Status, json: [String: Any])
    {
        try await client.execute(uri: "/api/v1/csms/\(id)", method: .put, headers: harness.headers(role, json: true),
                                 body: ByteBuffer(string: body)) { ($0.status, $0.json) }
    }

    static func csms(_ client: any TestClientProtocol, _ harness: APIHarness) async throws -> [String: [String: Any]] {
        let list = try await client.execute(uri: "/api/v1/csms", method: .get, headers: harness.headers(.viewer)) { $0.json }
        return Dictionary(uniqueKeysWithValues: (list["data"] as? [[String: Any]] ?? []).map { ($0["id"] as? String ?? "", $0) })
    }

    @Test("admins add and edit CSMs; members may not; bad emails, unknown managers and loops are 422s that change nothing",
          arguments: Backend.allCases)
    func addAndEdit(_ backend: Backend) async throws {
        try await APIHarness.run(backend) { harness, client in
            let before = try await Self.csms(client, harness)
            #expect(before["csm_1"] != nil)
            #expect(try await Self.put(client, harness, "csm_ana", #"{"name":"Ana Ruiz","email":"ana@example.com"}"#, role: .member).status
                == .forbidden)

            let added = try await Self.put(client, harness, "csm_ana", #"{"name":"Ana Ruiz","email":"ana@example.com","manager_id":"csm_1"}"#)
            #expect(added.status == .ok)
            #expect(added.json["id"] as? String == "csm_ana" && added.json["active"] as? Bool == true && added.json["manager_id"] as? String == "csm_1")
            let listed = try await Self.csms(client, harness)
            #expect(listed.count == before.count + 1)
            #expect(listed["csm_ana"]?["email"] as? String == "ana@example.com")

            let edited = try await Self.put(client, harness, "csm_ana", #"{"name":"Ana Ruiz-Lee","email":"ana@example.com","active":false}"#)
            #expect(edited.status == .ok)
            let after = try await Self.csms(client, harness)
            #expect(after["csm_ana"]?["name"] as? String == "Ana Ruiz-Lee" && after["csm_ana"]?["active"] as? Bool == false)
            #expect(after["csm_ana"]?["manager_id"] == nil, "PUT replaces: the manager left out is removed")

            for (body, field) in [
                (#"{"name":"Bo","email":"not-an-email"}"#, "email"),
                (#"{"name":"Bo","email":"bo@example.com","manager_id":"csm_nobody"}"#, "manager_id"),
                (#"{"name":"Bo","email":"bo@example.com","manager_id":"csm_bo"}"#, "manager_id"),
            ] {
                let refused = try await Self.put(client, harness, "csm_bo", body)
                #expect(refused.status == .unprocessableContent)
                #expect((refused.json["error"] as? [String: Any])?["field"] as? String == field, "\(body)")
            }
            // csm_1 reporting to csm_ana, who reports to csm_1, would be a loop.
            _ = try await Self.put(client, harness, "csm_ana", #"{"name":"Ana","email":"ana@example.com","manager_id":"csm_1"}"#)
            let csm1 = try #require(before["csm_1"])
            let loop = try await Self.put(client, harness, "csm_1",
                                          #"{"name":"\#(csm1["name"] as? String ?? "")","email":"\#(csm1["email"] as? String ?? "")","manager_id":"csm_ana"}"#)
            #expect(loop.status == .unprocessableContent && (loop.json["error"] as? [String: Any])?["field"] as? String == "manager_id")
            let final = try await Self.csms(client, harness)
            #expect(final["csm_bo"] == nil && final["csm_1"]?["manager_id"] == nil)
            #expect(try await Self.put(client, harness, "csm_bo", #"{"name":"Bo","email":"bo@example.com","extra":1,}"#).status == .badRequest)
        }
    }

    @Test("twenty concurrent PUTs of one CSM leave one CSM, as one of them wrote it", arguments: Backend.allCases)
    func concurrentPuts(_ backend: Backend) async throws {
        try await APIHarness.run(backend) { harness, client in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        try await Self.put(client, harness, "csm_race", #"{"name":"Racer \#(index)","email":"race\#(index)@example.com"}"#).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .ok })
            let race = try #require(try await Self.csms(client, harness)["csm_race"])
            let name = try #require(race["name"] as? String)
            #expect(name.hasPrefix("Racer ") && race["email"] as? String == "race\(name.dropFirst(6))@example.com")
        }
    }
}
