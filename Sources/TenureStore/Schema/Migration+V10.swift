extension Migration {
    /// `/v1/batch` finds a user's contact by Segment user id on every call; without an index each lookup read every contact.
    static let v10ContactsBySegmentUser = Migration(version: 10, name: "index contacts by Segment user id") { _ in
        ["CREATE INDEX contacts_segment_user ON contacts (segment_user_id)"]
    }
}
