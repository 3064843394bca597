import Foundation
import TenureCore
import TenureStore

/// Renders Settings → Notifications: the endpoints with their actions, the add form, the delivery log, one
/// delivery's attempts, and the page that shows a new signing secret once. Every action is a plain POST form
/// carrying the session's CSRF token; nothing needs JavaScript.
enum NotificationsView {
    static func render(_ page: NotificationsPage) -> HTML {
        var parts: [HTML] = ["""
            <h1>Notifications</h1>\(Layout.settingsMenu(current: NotificationsPaths.settings))<p class="muted">Where Tenure sends what changed: signed webhooks, Slack messages and email. \
            Each endpoint receives the event types it subscribes to, for the accounts in its segments or owned by its CSMs \
            (all accounts when none are chosen). See <code>docs/notifications.md</code> for the payloads and signatures.</p>
            """]
        parts.append(notice(page.notice))
        if let error = page.actionError {
            parts.append("<div class=\"empty\" role=\"alert\"><p class=\"error\">\(error)</p></div>")
        }
        parts.append("<h2 id=\"endpoints-h\">Endpoints</h2>")
        if page.endpoints.isEmpty {
            parts.append(Layout.emptyState("No endpoints yet", "Add one below, or with <code>tenure notify endpoints create</code>."))
        } else {
            parts.append(endpointsTable(page.endpoints, csrf: page.csrf))
        }
        parts.append(addForm(page))
        parts.append("""
            <h2 id="recent-h">Recent deliveries</h2>\
            <p><a href="\(NotificationsPaths.deliveries)">All deliveries, with filters</a> · \
            <a href="\(NotificationsPaths.deliveries)?status=failed">Failed deliveries</a></p>
            """)
        if page.recent.items.isEmpty {
            parts.append(Layout.emptyState("Nothing delivered yet", "Deliveries appear here when an event is sent to an endpoint; try “Send test”."))
        } else {
            parts.append(deliveriesTable(page.recent.items, endpoints: page.endpoints, csrf: page.csrf,
                                         caption: "The \(page.recent.items.count) latest of \(Format.count(page.recent.total)) deliveries"))
        }
        return HTML.join(parts)
    }

    static func notice(_ notice: NotificationsNotice?) -> HTML {
        guard let notice else { return .empty }
        return "<div class=\"panel\" role=\"status\"><p>\(notice.message)</p></div>"
    }

    /// A one-button POST form with the CSRF token.
    static func button(_ label: String, hidden: String? = nil, action: String, csrf: String, primary: Bool = false) -> HTML {
        let extra: HTML = hidden.map { " <span class=\"sr\">\($0)</span>" } ?? .empty
        return """
            <form class="inline" method="post" action="\(action)"><input type="hidden" name="csrf" value="\(csrf)">\
            <button type="submit"\(primary ? HTML(" class=\"primary\"") : .empty)>\(label)\(extra)</button></form>
            """
    }

    static func statusBadge(_ endpoint: NotificationEndpoint) -> HTML {
        switch endpoint.status {
        case .enabled: return "<span class=\"badge green\">Enabled</span>"
        case .disabled:
            return "<span class=\"badge red\">Disabled</span> <span class=\"small muted\">\(endpoint.disabledReason ?? "")</span>"
        }
    }

    static func list(_ values: [String], empty: String) -> String {
        values.isEmpty ? empty : values.joined(separator: ", ")
    }

    static func endpointsTable(_ endpoints: [NotificationEndpoint], csrf: String) -> HTML {
        let rows = endpoints.map { endpoint -> HTML in
            let id = endpoint.id
            var actions: [HTML] = [button("Send test", hidden: "to \(id)", action: NotificationsPaths.endpoint(id, "test"), csrf: csrf)]
            actions.append(endpoint.status == .enabled
                ? button("Disable", hidden: id, action: NotificationsPaths.endpoint(id, "disable"), csrf: csrf)
                : button("Enable", hidden: id, action: NotificationsPaths.endpoint(id, "enable"), csrf: csrf))
            if endpoint.kind == .webhook {
                actions.append(button("Rotate secret", hidden: "of \(id)", action: NotificationsPaths.endpoint(id, "rotate-secret"), csrf: csrf))
            }
            actions.append(button("Replay failed deliveries", hidden: "of \(id)", action: NotificationsPaths.endpoint(id, "replay-failed"), csrf: csrf))
            actions.append("<a href=\"\(NotificationsPaths.deliveries + Layout.query([("endpoint", id)]))\">Deliveries<span class=\"sr\"> of \(id)</span></a>")
            let filters = [endpoint.segments.isEmpty ? nil : "segments: \(endpoint.segments.joined(separator: ", "))",
                           endpoint.owners.isEmpty ? nil : "owners: \(endpoint.owners.joined(separator: ", "))"].compactMap { $0 }
            return """
                <tr data-endpoint="\(id)"><th scope="row">\(endpoint.kind.rawValue) <span class="small muted">\(id)</span></th>\
                <td class="target">\(endpoint.target)</td><td>\(endpoint.description.isEmpty ? "—" : endpoint.description)</td>\
                <td>\(list(endpoint.eventTypes, empty: "—"))</td><td>\(filters.isEmpty ? "all accounts" : filters.joined(separator: "; "))</td>\
                <td>\(endpoint.contactEmail ?? "—")</td><td>\(statusBadge(endpoint))</td><td class="actions">\(actions)</td></tr>
                """
        }
        return """
            \(Layout.scrollRegion("Endpoints table"))<table id="endpoints-table"><caption>\(Format.count(endpoints.count)) \
            endpoint\(endpoints.count == 1 ? "" : "s")</caption><thead><tr><th scope="col">Kind</th><th scope="col">Target</th>\
            <th scope="col">Description</th><th scope="col">Event types</th><th scope="col">Accounts</th><th scope="col">Contact</th>\
            <th scope="col">Status</th><th scope="col">Actions</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """
    }

    /// Labels of the form's fields, to name the one a validation error is about.
    static let fieldLabels = ["kind": "Kind", "target": "Target", "description": "Description", "event_types": "Event types",
                              "segments": "Segments", "owners": "Owners", "contact_email": "Contact email",
                              "TENURE_SECRET_KEY": "Server setting TENURE_SECRET_KEY"]

    static func addForm(_ page: NotificationsPage) -> HTML {
        let form = page.form
        let error = FormErrorView(error: page.formError, labels: fieldLabels, id: "form-error")
        func checked(_ on: Bool) -> HTML { on ? " checked" : .empty }
        let kinds = NotificationEndpoint.Kind.allCases.map { kind -> HTML in
            let words = switch kind {
            case .webhook: "Webhook (signed POSTs to your URL)"
            case .slack: "Slack (an incoming-webhook URL)"
            case .email: "Email (one address)"
            }
            return "<label><span><input type=\"radio\" name=\"kind\" value=\"\(kind.rawValue)\"\(checked(form.kind == kind.rawValue))\(error.marks("kind"))> \(words)</span></label>"
        }
        let chosen = Set(form.eventTypes ?? [])
        let types = [("*", "All events (*)")] + EventType.allCases.filter { $0 != .ping }.map { ($0.rawValue, $0.rawValue) }
        let typeBoxes = types.map { value, label -> HTML in
            "<label><span><input type=\"checkbox\" name=\"event_types[]\" value=\"\(value)\"\(checked(chosen.contains(value)))\(error.marks("event_types"))> \(label)</span></label>"
        }
        let segmentsChosen = Set(form.segments ?? []), ownersChosen = Set(form.owners ?? [])
        let segmentBoxes = page.segments.map { segment -> HTML in
            "<label><span><input type=\"checkbox\" name=\"segments[]\" value=\"\(segment)\"\(checked(segmentsChosen.contains(segment)))\(error.marks("segments"))> \(Format.words(segment))</span></label>"
        }
        let ownerBoxes = page.owners.map { owner -> HTML in
            "<label><span><input type=\"checkbox\" name=\"owners[]\" value=\"\(owner.id)\"\(checked(ownersChosen.contains(owner.id)))\(error.marks("owners"))> \(owner.name)</span></label>"
        }
        return """
            <h2 id="add-h">Add an endpoint</h2>
            \(error.alert)<form class="panel endpoint-form" method="post" action="\(NotificationsPaths.settings)/endpoints" aria-labelledby="add-h">
            <input type="hidden" name="csrf" value="\(page.csrf)">
            <fieldset class="filters"><legend>Kind</legend>\(kinds)</fieldset>
            <p class="filters"><label for="ep-target">Target: the webhook or Slack URL, or the email address \
            <input id="ep-target" name="target" type="text" size="60" maxlength="2000" value="\(form.target)"\(error.marks("target"))></label></p>
            <p class="filters"><label for="ep-description">Description (optional) \
            <input id="ep-description" name="description" type="text" size="60" maxlength="500" value="\(form.description)"\(error.marks("description"))></label></p>
            <fieldset class="filters"><legend>Event types</legend>\(typeBoxes)</fieldset>
            <fieldset class="filters"><legend>Only accounts in these segments (none: all segments)</legend>\
            \(segmentBoxes.isEmpty ? HTML("<p class=\"muted\">No segments yet.</p>") : HTML.join(segmentBoxes))</fieldset>
            <fieldset class="filters"><legend>Only accounts these CSMs own (none: every owner)</legend>\
            \(ownerBoxes.isEmpty ? HTML("<p class=\"muted\">No CSMs yet.</p>") : HTML.join(ownerBoxes))</fieldset>
            <p class="filters"><label for="ep-contact">Contact email, told when Tenure disables the endpoint (optional) \
            <input id="ep-contact" name="contact_email" type="email" autocomplete="email" size="40" value="\(form.contactEmail)"\(error.marks("contact_email"))></label></p>
            <p><button type="submit" class="primary">Add endpoint</button></p>
            <p class="small muted">A webhook's signing secret is shown once, on the next page. Webhook and Slack endpoints need \
            <code>TENURE_SECRET_KEY</code> set on the server.</p>
            </form>
            """
    }

    /// A UTC time to the second, `2026-06-15 12:00:00`; `—` for `nil`.
    static func time(_ date: Date?) -> String {
        guard let date else { return "—" }
        return String(JSONCoding.format(date).prefix(19)).replacingOccurrences(of: "T", with: " ")
    }

    static func deliveryBadge(_ status: DeliveryStatus) -> HTML {
        let colour = switch status {
        case .succeeded: "green"
        case .pending: "yellow"
        case .failed: "red"
        }
        return "<span class=\"badge \(colour)\">\(status.rawValue)</span>"
    }

    /// The last answer in words: a status code, an error, or both.
    static func lastResult(_ code: Int?, _ error: String?) -> String {
        [code.map { "HTTP \($0)" }, error].compactMap { $0 }.joined(separator: " · ").nonEmpty ?? "—"
    }

    static func deliveriesTable(_ deliveries: [DeliveryRecord], endpoints: [NotificationEndpoint], csrf: String, caption: String) -> HTML {
        let names = Dictionary(endpoints.map { ($0.id, "\($0.kind.rawValue) \($0.description.isEmpty ? $0.id : $0.description)") }) { first, _ in first }
        let rows = deliveries.map { delivery -> HTML in
            let account: HTML = delivery.accountID.map { "<a href=\"\(Layout.accountPath($0))\">\($0)</a>" } ?? "—"
            let replay = delivery.status == .failed
                ? button("Replay", hidden: delivery.id, action: NotificationsPaths.delivery(delivery.id, "replay"), csrf: csrf) : .empty
            return """
                <tr data-delivery="\(delivery.id)"><th scope="row"><a href="\(NotificationsPaths.delivery(delivery.id))">\(time(delivery.createdAt))</a></th>\
                <td>\(delivery.eventType.rawValue)</td><td>\(account)</td><td>\(names[delivery.endpointID] ?? delivery.endpointID)</td>\
                <td>\(deliveryBadge(delivery.status))</td><td class="num">\(delivery.attempts)</td>\
                <td>\(lastResult(delivery.lastStatusCode, delivery.lastError))</td><td>\(time(delivery.nextAttemptAt))</td><td>\(replay)</td></tr>
                """
        }
        return """
            \(Layout.scrollRegion("Deliveries table"))<table id="deliveries-table"><caption>\(caption)</caption><thead><tr>\
            <th scope="col">Created (UTC)</th><th scope="col">Event type</th><th scope="col">Account</th><th scope="col">Endpoint</th>\
            <th scope="col">Status</th><th scope="col" class="num">Attempts</th><th scope="col">Last result</th>\
            <th scope="col">Next attempt (UTC)</th><th scope="col">Actions</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """
    }

    static func deliveries(_ page: DeliveriesPage) -> HTML {
        let filters = page.filters
        let endpoints = [Layout.option("", "All endpoints", selected: filters.endpoint)]
            + page.endpoints.map { Layout.option($0.id, "\($0.kind.rawValue) \($0.id)\($0.description.isEmpty ? "" : " — \($0.description)")", selected: filters.endpoint) }
        let statuses = [Layout.option("", "Any status", selected: filters.status?.rawValue)]
            + DeliveryStatus.allCases.map { Layout.option($0.rawValue, $0.rawValue, selected: filters.status?.rawValue) }
        var parts: [HTML] = ["""
            <h1>Deliveries</h1><p><a href="\(NotificationsPaths.settings)">← Notification settings</a></p>
            \(notice(page.notice))\
            <form class="filters" method="get" action="\(NotificationsPaths.deliveries)" aria-label="Filter deliveries">
            <label>Endpoint <select name="endpoint">\(endpoints)</select></label>
            <label>Status <select name="status">\(statuses)</select></label>
            <button type="submit" class="primary">Apply</button></form>
            """]
        if let endpoint = filters.endpoint {
            parts.append("<p>\(button("Replay failed deliveries of this endpoint", action: NotificationsPaths.endpoint(endpoint, "replay-failed"), csrf: page.csrf))</p>")
        }
        if page.deliveries.items.isEmpty {
            parts.append(Layout.emptyState("No deliveries match", "Widen the filters, or send a test from the notification settings."))
        } else {
            parts.append(deliveriesTable(page.deliveries.items, endpoints: page.endpoints, csrf: page.csrf,
                                         caption: "\(Format.count(page.deliveries.total)) deliveries, newest first"))
            parts.append(Layout.pager(total: page.deliveries.total, offset: filters.offset, limit: DeliveriesPage.pageSize) { filters.link(offset: $0) })
        }
        return HTML.join(parts)
    }

    static func delivery(_ page: DeliveryDetailPage) -> HTML {
        let delivery = page.delivery
        let endpoint: HTML = page.endpoint.map { "\($0.kind.rawValue) \($0.id) — \($0.target)" } ?? HTML(text: delivery.endpointID)
        let account: HTML = delivery.accountID.map { "<a href=\"\(Layout.accountPath($0))\">\($0)</a>" } ?? "—"
        func fact(_ term: String, _ value: HTML) -> HTML { "<dl><dt>\(term)</dt><dd>\(value)</dd></dl>" }
        let facts: [HTML] = [
            fact("Status", deliveryBadge(delivery.status)), fact("Event", "\(delivery.eventType.rawValue) \(delivery.eventID)"),
            fact("Account", account), fact("Endpoint", endpoint), fact("Attempts", "\(delivery.attempts)"),
            fact("Last result", HTML(text: lastResult(delivery.lastStatusCode, delivery.lastError))),
            fact("Next attempt (UTC)", HTML(text: time(delivery.nextAttemptAt))), fact("Created (UTC)", HTML(text: time(delivery.createdAt))),
        ]
        let replay = delivery.status == .pending ? HTML.empty
            : "<p>\(button("Replay this delivery", action: NotificationsPaths.delivery(delivery.id, "replay"), csrf: page.csrf))</p>"
        var parts: [HTML] = ["""
            <h1>Delivery \(delivery.id)</h1><p><a href="\(NotificationsPaths.deliveries)">← All deliveries</a></p>
            \(notice(page.notice))<div class="panel facts">\(facts)</div>\(replay)<h2 id="attempts-h">Attempts</h2>
            """]
        if page.attempts.isEmpty {
            parts.append(Layout.emptyState("Not attempted yet", "The delivery worker sends pending deliveries within a second or two."))
        }
        for attempt in page.attempts {
            let heading = "attempt-\(attempt.attempt)"
            parts.append("""
                <section class="panel" aria-labelledby="\(heading)"><h3 id="\(heading)">Attempt \(attempt.attempt): \
                \(lastResult(attempt.statusCode, attempt.error))</h3><div class="facts">\
                \(fact("Started (UTC)", HTML(text: time(attempt.startedAt))))\(fact("Duration", HTML(text: "\(Int((attempt.duration * 1000).rounded())) ms")))\
                \(fact("Status code", HTML(text: attempt.statusCode.map(String.init) ?? "—")))\(fact("Error", HTML(text: attempt.error ?? "—")))\
                \(fact("Node", HTML(text: attempt.node)))</div>
                <h4>Request line and headers</h4>\(Layout.scrollRegion("Request of attempt \(attempt.attempt)"))<pre>\(attempt.request)</pre></div>
                <h4>Start of the response</h4>\(Layout.scrollRegion("Response of attempt \(attempt.attempt)"))<pre>\(attempt.response.isEmpty ? "(empty)" : attempt.response)</pre></div>
                </section>
                """)
        }
        return HTML.join(parts)
    }

    /// The page that shows a webhook's signing secret, this once.
    static func secret(endpoint: NotificationEndpoint, secret: String, created: Bool) -> HTML {
        """
        <h1>\(created ? "Endpoint added" : "Signing secret rotated")</h1>
        <div class="empty" role="alert"><p class="empty-title">Copy the signing secret now: it is shown only this once.</p>\
        <p>Tenure keeps it sealed and cannot show it again; \(created ? "to get a new one, rotate the secret." : "the old secret keeps signing for 24 hours, so your receiver can switch without dropping a delivery.")</p></div>
        <div class="panel"><p><label for="new-secret">Signing secret of \(endpoint.id) (\(endpoint.target))</label></p>\
        <p><input id="new-secret" type="text" readonly size="60" value="\(secret)" autocomplete="off" spellcheck="false"></p>\
        <p class="small muted">Verify each request's <code>webhook-signature</code> with it (Standard Webhooks).</p></div>
        <p><a href="\(NotificationsPaths.settings)">Back to notification settings</a></p>
        """
    }
}
