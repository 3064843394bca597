import TenureCore

/// Table mappings of accounts and the people around them.
enum Tables {
    static let accounts = Table<Account>(
        name: "accounts",
        columns: ["id", "name", "domain", "stripe_customer_id", "segment_group_id", "industry", "employee_count",
                  "owner_id", "lifecycle_stage", "segment", "currency", "tags", "traits", "created_at", "updated_at"],
        key: ["id"],
        encode: { account in
            [SQLValue(account.id), SQLValue(account.name), SQLValue(account.domain), SQLValue(account.stripeCustomerID),
             SQLValue(account.segmentGroupID), SQLValue(account.industry), SQLValue(account.employeeCount),
             SQLValue(account.ownerID), SQLValue(account.lifecycleStage), SQLValue(account.segment),
             SQLValue(account.currency.code), .json(account.tags), .json(account.traits),
             SQLValue(account.createdAt), SQLValue(account.updatedAt)]
        },
        decode: { row in
            Account(
                id: try row.string(), name: try row.string(), domain: try row.optionalString(),
                stripeCustomerID: try row.optionalString(), segmentGroupID: try row.optionalString(),
                industry: try row.optionalString(), employeeCount: try row.optionalInt(),
                ownerID: try row.optionalString(), lifecycleStage: try row.enumeration(),
                segment: try row.optionalString(), currency: try row.currency(), tags: try row.json(),
                traits: try row.json(), createdAt: try row.date(), updatedAt: try row.date())
        })

    static let csms = Table<CSM>(
        name: "csms", columns: ["id", "name", "email", "active"], key: ["id"],
        encode: { [SQLValue($0.id), SQLValue($0.name), SQLValue($0.email), SQLValue($0.active)] },
        decode: { row in CSM(id: try row.string(), name: try row.string(), email: try row.string(), active: try row.bool()) })

    static let contacts = Table<Contact>(
        name: "contacts",
        columns: ["id", "account_id", "name", "email", "title", "role", "segment_user_id", "created_at"],
        key: ["id"],
        encode: { contact in
            [SQLValue(contact.id), SQLValue(contact.accountID), SQLValue(contact.name), SQLValue(contact.email),
             SQLValue(contact.title), SQLValue(contact.role), SQLValue(contact.segmentUserID), SQLValue(contact.createdAt)]
        },
        decode: { row in
            Contact(
                id: try row.string(), accountID: try row.string(), name: try row.optionalString(),
                email: try row.optionalString(), title: try row.optionalString(), role: try row.enumeration(),
                segmentUserID: try row.optionalString(), createdAt: try row.date())
        })

    static let touchpoints = Table<Touchpoint>(
        name: "touchpoints",
        columns: ["id", "account_id", "csm_id", "kind", "occurred_at", "summary", "executive_sponsor_present"],
        key: ["id"],
        encode: { touchpoint in
            [SQLValue(touchpoint.id), SQLValue(touchpoint.accountID), SQLValue(touchpoint.csmID),
             SQLValue(touchpoint.kind), SQLValue(touchpoint.occurredAt), SQLValue(touchpoint.summary),
             SQLValue(touchpoint.executiveSponsorPresent)]
        },
        decode: { row in
            Touchpoint(
                id: try row.string(), accountID: try row.string(), csmID: try row.optionalString(),
                kind: try row.enumeration(), occurredAt: try row.date(), summary: try row.string(),
                executiveSponsorPresent: try row.bool())
        })

    static let tasks = Table<SuccessTask>(
        name: "tasks",
        columns: ["id", "account_id", "owner_id", "title", "details", "status", "priority", "due_at", "created_at",
                  "completed_at", "source"],
        key: ["id"],
        encode: { task in
            [SQLValue(task.id), SQLValue(task.accountID), SQLValue(task.ownerID), SQLValue(task.title),
             SQLValue(task.details), SQLValue(task.status), SQLValue(task.priority), SQLValue(task.dueAt),
             SQLValue(task.createdAt), SQLValue(task.completedAt), SQLValue(task.source)]
        },
        decode: { row in
            SuccessTask(
                id: try row.string(), accountID: try row.optionalString(), ownerID: try row.optionalString(),
                title: try row.string(), details: try row.optionalString(), status: try row.enumeration(),
                priority: try row.enumeration(), dueAt: try row.optionalDate(), createdAt: try row.date(),
                completedAt: try row.optionalDate(), source: try row.string())
        })
}
