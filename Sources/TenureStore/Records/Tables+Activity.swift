import TenureCore

/// Table mappings of product usage, tickets and survey answers.
extension Tables {
    static let usageEvents = Table<UsageEvent>(
        name: "usage_events",
        columns: ["message_id", "type", "account_id", "user_id", "anonymous_id", "event", "occurred_at",
                  "received_at", "properties", "day"],
        key: ["message_id"], onConflict: .keep,
        encode: { event in
            [SQLValue(event.messageID), SQLValue(event.type), SQLValue(event.accountID), SQLValue(event.userID),
             SQLValue(event.anonymousID), SQLValue(event.event), SQLValue(event.timestamp),
             SQLValue(event.receivedAt), .json(event.properties), SQLValue(UTCCalendar.startOfDay(event.timestamp))]
        },
        decode: { row in
            UsageEvent(
                messageID: try row["message_id"], type: try row["type"], accountID: try row["account_id"],
                userID: try row["user_id"], anonymousID: try row["anonymous_id"], event: try row["event"],
                timestamp: try row["occurred_at"], receivedAt: try row["received_at"], properties: try row.json("properties"))
        })

    static let usageRollups = Table<UsageRollup>(
        name: "usage_rollups", columns: ["account_id", "day", "event", "count", "users", "last_at"],
        key: ["account_id", "day", "event"],
        encode: { rollup in
            [SQLValue(rollup.accountID), SQLValue(rollup.day), SQLValue(rollup.event), .integer(rollup.count),
             .integer(rollup.users), SQLValue(rollup.lastAt)]
        },
        decode: { row in
            UsageRollup(
                accountID: try row["account_id"], day: try row["day"], event: try row["event"], count: try row["count"],
                users: try row["users"], lastAt: try row["last_at"])
        })

    static let tickets = Table<Ticket>(
        name: "tickets",
        columns: ["id", "account_id", "subject", "priority", "status", "category", "opened_at", "resolved_at"],
        key: ["id"],
        encode: { ticket in
            [SQLValue(ticket.id), SQLValue(ticket.accountID), SQLValue(ticket.subject), SQLValue(ticket.priority),
             SQLValue(ticket.status), SQLValue(ticket.category), SQLValue(ticket.openedAt), SQLValue(ticket.resolvedAt)]
        },
        decode: { row in
            Ticket(
                id: try row["id"], accountID: try row["account_id"], subject: try row["subject"],
                priority: try row["priority"], status: try row["status"], category: try row["category"],
                openedAt: try row["opened_at"], resolvedAt: try row["resolved_at"])
        })

    static let surveyResponses = Table<SurveyResponse>(
        name: "survey_responses",
        columns: ["id", "account_id", "contact_id", "kind", "score", "comment", "responded_at"],
        key: ["id"],
        encode: { response in
            [SQLValue(response.id), SQLValue(response.accountID), SQLValue(response.contactID),
             SQLValue(response.kind), SQLValue(response.score), SQLValue(response.comment),
             SQLValue(response.respondedAt)]
        },
        decode: { row in
            SurveyResponse(
                id: try row["id"], accountID: try row["account_id"], contactID: try row["contact_id"],
                kind: try row["kind"], score: try row["score"], comment: try row["comment"],
                respondedAt: try row["responded_at"])
        })
}
