import Foundation
import Testing
import TenureCore
@testable import TenureIngest

@Suite("Segment messages")
struct SegmentMessageTests {
    @Test("a batch is read field by field, as Segment's libraries send it; fields Tenure does not use are skipped")
    func batch() throws {
        let body = #"""
            {"batch":[
              {"type":"track","messageId":"m1","userId":42,"event":"Report Created","properties":{"n":3,"plan":{"tier":"pro"}},
               "timestamp":"2026-06-01T10:00:00Z","context":{"library":{"name":"analytics-python"},"groupId":"g1","traits":{"name":"Ann"}},
               "integrations":{},"_metadata":{"bundled":["x"]}},
              {"type":"group","anonymousId":"a-1","groupId":7,"traits":{"name":"Acme","employees":40},"originalTimestamp":"2026-06-01T10:00:01Z",
               "sentAt":"2026-06-01T10:00:02Z","name":null,"properties":null,"context":null}
            ],"sentAt":"2026-06-01T10:00:03Z","writeKey":"ignored"}
            """#
        let batch = try SegmentBatch(json: Data(body.utf8))
        #expect(batch.sentAt == "2026-06-01T10:00:03Z")
        #expect(batch.batch.count == 2)
        let track = batch.batch[0]
        #expect(track.type == "track" && track.messageId == "m1" && track.userId == "42" && track.event == "Report Created")
        #expect(track.properties == ["n": .number(3), "plan": .object(["tier": .string("pro")])])
        #expect(track.timestamp == "2026-06-01T10:00:00Z")
        #expect(track.context?.groupId == "g1" && track.context?.traits == ["name": .string("Ann")])
        let group = batch.batch[1]
        #expect(group.type == "group" && group.anonymousId == "a-1" && group.groupId == "7" && group.userId == nil)
        #expect(group.traits == ["name": .string("Acme"), "employees": .number(40)])
        #expect(group.originalTimestamp == "2026-06-01T10:00:01Z" && group.sentAt == "2026-06-01T10:00:02Z")
        #expect(group.name == nil && group.properties == nil && group.context == nil)
    }

    @Test("a wrong kind of value is refused naming its field", arguments: [
        (#"{"batch":[{"type":"track"},{"type":"track","event":5}]}"#, "batch[1].event", "must be a string"),
        (#"{"batch":[{"type":"track","userId":true}]}"#, "batch[0].userId", "must be a string id"),
        (#"{"batch":[{"type":"track","properties":[1]}]}"#, "batch[0].properties", "must be an object"),
        (#"{"batch":[{"context":{"traits":"x"}}]}"#, "batch[0].context.traits", "must be an object"),
        (#"{"batch":["track"]}"#, "batch[0]", "must be an object"),
        (#"{"batch":{}}"#, "batch", "must be an array"),
        (#"{"batch":null}"#, "batch", "must be an array"),
        (#"{"sentAt":"2026-06-01T10:00:03Z"}"#, "batch", "is required"),
        (#"[]"#, "body", "must be an object"),
        (#"{"batch":[{"type":"track","userId":"u"},]}"#, "batch", "is not valid JSON: has a trailing comma"),
        (#"{"batch":[{"userId":"u","userId":"v"}]}"#, "batch[0].userId", "is not valid JSON: the key appears twice in one object"),
    ])
    func refusals(body: String, field: String, message: String) {
        #expect(throws: ValidationError(field: field, message), "\(body)") { try SegmentBatch(json: Data(body.utf8)) }
    }

    @Test("a single call is read from its own body")
    func single() throws {
        let call = try SegmentMessage(json: Data(#"{"userId":"u1","event":"Signed In","properties":{}}"#.utf8))
        #expect(call.userId == "u1" && call.event == "Signed In" && call.properties == [:] && call.type == nil)
        #expect(throws: ValidationError(field: "name", "must be a string")) { try SegmentMessage(json: Data(#"{"name":1}"#.utf8)) }
    }
}
