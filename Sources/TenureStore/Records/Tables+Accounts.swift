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
                id: try row["id"], name: try row["name"], domain: try row["domain"],
                stripeCustomerID: try row["stripe_customer_id"], segmentGroupID: try row["segment_group_id"],
                industry: try row["industry"], employeeCount: try row["employee_count"],
                ownerID: try row["owner_id"], lifecycleStage: try row["lifecycle_stage"],
                segment: try row["segment"], currency: try row["currency"], tags: try row.json("tags"),
                traits: try row.json("traits"), createdAt: try row["created_at"], updatedAt: try row["updated_at"])
        })

    static let csms = Table<CSM>(
        name: "csms", columns: ["id", "name", "email", "active", "manager_id"], key: ["id"],
        encode: { [SQLValue($0.id), SQLValue($0.name), SQLValue($0.email), SQLValue($0.active), SQLValue($0.managerID)] },
        decode: { row in
            CSM(id: try row["id"], name: try row["name"], email: try row["email"], active: try row["active"], managerID: try row["manager_id"])
        })

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
                id: try row["id"], accountID: try row["account_id"], name: try row["name"],
                email: try row["email"], title: try row["title"], role: try row["role"],
                segmentUserID: try row["segment_user_id"], createdAt: try row["created_at"])
        })

    static let touchpoints = Table<Touchpoint>(
        name: "touchpoints",
        columns: ["id", "account_id", "csm_id", "kind", "occurred_at", "summary", "executive_sponsor_present", "attendees", "next_step"],
        key: ["id"],
        encode: { touchpoint in
            [SQLValue(touchpoint.id), SQLValue(touchpoint.accountID), SQLValue(touchpoint.csmID),
             SQLValue(touchpoint.kind), SQLValue(touchpoint.occurredAt), SQLValue(touchpoint.summary),
             SQLValue(touchpoint.executiveSponsorPresent), .json(touchpoint.attendees), SQLValue(touchpoint.nextStep)]
        },
        decode: { row in
            Touchpoint(
                id: try row["id"], accountID: try row["account_id"], csmID: try row["csm_id"],
                kind: try row["kind"], occurredAt: try row["occurred_at"], summary: try row["summary"],
                executiveSponsorPresent: try row["executive_sponsor_present"], attendees: try row.json("attendees"),
                nextStep: try row["next_step"])
        })
}
