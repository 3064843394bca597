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
                messageID: try row.string(), type: try row.enumeration(), accountID: try row.optionalString(),
                userID: try row.optionalString(), anonymousID: try row.optionalString(), event: try row.optionalString(),
                timestamp: try row.date(), receivedAt: try row.date(), properties: try row.json())
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
                accountID: try row.string(), day: try row.date(), event: try row.string(), count: try row.int64(),
                users: try row.int64(), lastAt: try row.date())
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
                id: try row.string(), accountID: try row.string(), subject: try row.string(),
                priority: try row.enumeration(), status: try row.enumeration(), category: try row.optionalString(),
                openedAt: try row.date(), resolvedAt: try row.optionalDate())
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
                id: try row.string(), accountID: try row.string(), contactID: try row.optionalString(),
                kind: try row.enumeration(), score: try row.int(), comment: try row.optionalString(),
                respondedAt: try row.date())
        })
}
