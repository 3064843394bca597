import Foundation
import Hummingbird
import TenureCore
import TenureNotify
import TenureStore

/// Settings → Notifications (admins only): the endpoints, the form that adds one, the delivery log and one
/// delivery's attempts, and a POST route per action. ``SessionAuthenticator`` has already checked every POST's
/// CSRF token; ``DashboardRoleRequired`` turns away anyone who is not an admin. An action redirects (303) back with
/// what it did in the query string, or renders the page that shows a new signing secret once.
struct NotificationsSettingsController {
    let store: any Store
    let notifier: Notifier
    let clock: WallClock

    func register(on pages: RouterGroup<TenureRequestContext>) {
        let settings = pages.group("settings/notifications").add(middleware: DashboardRoleRequired(role: .admin, to: "see and change notification settings"))
        settings.get(use: show)
        settings.post("endpoints", use: create)
        settings.post("endpoints/:id/test", use: test)
        settings.post("endpoints/:id/enable", use: enable)
        settings.post("endpoints/:id/disable", use: disable)
        settings.post("endpoints/:id/rotate-secret", use: rotate)
        settings.post("endpoints/:id/replay-failed", use: replayFailed)
        settings.get("deliveries", use: deliveries)
        settings.get("deliveries/:id", use: delivery)
        settings.post("deliveries/:id/replay", use: replay)
    }

    private func page(_ title: String, _ context: TenureRequestContext, _ content: HTML, status: HTTPResponse.Status = .ok) -> Response {
        DashboardController.page(title, .settings, context, content, status: status)
    }

    private func notFound(_ what: String, _ context: TenureRequestContext) -> Response {
        page("Not found", context, """
            <h1>Not found</h1><p>There is no \(what). <a href="\(NotificationsPaths.settings)">Back to notification settings</a>.</p>
            """, status: .notFound)
    }

    private func settingsPage(_ context: TenureRequestContext, form: EndpointForm = EndpointForm(kind: "webhook"), formError: ValidationError? = nil,
                              actionError: String? = nil, notice: NotificationsNotice? = nil) async throws -> Response {
        let page = try await NotificationsPage.load(store: store, csrf: context.dashboardUser!.csrfToken, form: form, formError: formError,
                                                    actionError: actionError, notice: notice)
        return self.page("Notifications", context, NotificationsView.render(page),
                         status: formError != nil || actionError != nil ? .unprocessableContent : .ok)
    }

    /// Runs an action on the endpoint in the path: 404 when there is none, the settings page with the reason
    /// (422) when the notifier refuses it.
    private func onEndpoint(_ context: TenureRequestContext, _ action: (String) async throws -> Response) async throws -> Response {
        let id = try context.parameters.decoded("id")
        do {
            return try await action(id)
        } catch let error as StoreError where error.code == .notFound {
            return notFound("endpoint “\(id)”", context)
        } catch let error as ValidationError {
            return try await settingsPage(context, actionError: "\(id): \(error.description)")
        }
    }

    @Sendable func show(_ request: Request, context: TenureRequestContext) async throws -> Response {
        try await settingsPage(context, notice: NotificationsNotice(query: DashboardController.query(request)))
    }

    /// `POST /settings/notifications/endpoints`: a webhook's secret is shown on the page this answers; other kinds
    /// redirect back to the list. A refused form comes back with its values and the field named, 422.
    @Sendable func create(_ request: Request, context: TenureRequestContext) async throws -> Response {
        var request = request
        let body = String(buffer: try await request.collectBody(upTo: 64 * 1024))
        guard let form = URLEncodedFormDecoder.form(EndpointForm.self, from: body) else {
            return try await settingsPage(context, formError: ValidationError(field: nil, "could not be read; reload the page and try again"))
        }
        do {
            let created = try await notifier.create(try form.draft())
            guard let secret = created.secret else {
                return DashboardResponses.redirect(to: NotificationsPaths.settings + NotificationsNotice(.created, endpoint: created.endpoint.id).query())
            }
            return page("Endpoint added", context, NotificationsView.secret(endpoint: created.endpoint, secret: secret, created: true))
        } catch let error as ValidationError {
            return try await settingsPage(context, form: form, formError: error)
        }
    }

    @Sendable func test(_ request: Request, context: TenureRequestContext) async throws -> Response {
        try await onEndpoint(context) { id in
            let delivery = try await notifier.sendTest(id: id)
            return DashboardResponses.redirect(to: NotificationsPaths.settings + NotificationsNotice(.tested, endpoint: id, delivery: delivery.id).query())
        }
    }

    @Sendable func enable(_ request: Request, context: TenureRequestContext) async throws -> Response {
        try await setEnabled(true, context)
    }

    @Sendable func disable(_ request: Request, context: TenureRequestContext) async throws -> Response {
        try await setEnabled(false, context)
    }

    private func setEnabled(_ enabled: Bool, _ context: TenureRequestContext) async throws -> Response {
        try await onEndpoint(context) { id in
            _ = try await notifier.update(id: id, Notifier.EndpointDraft(enabled: enabled))
            return DashboardResponses.redirect(to: NotificationsPaths.settings + NotificationsNotice(enabled ? .enabled : .disabled, endpoint: id).query())
        }
    }

    /// `POST …/endpoints/{id}/rotate-secret`: the new secret, shown on the page this answers; the old one keeps
    /// signing for 24 hours.
    @Sendable func rotate(_ request: Request, context: TenureRequestContext) async throws -> Response {
        try await onEndpoint(context) { id in
            let secret = try await notifier.rotateSecret(id: id)
            guard let endpoint = try await store.endpoint(id: id)?.endpoint else { return notFound("endpoint “\(id)”", context) }
            return page("Signing secret rotated", context, NotificationsView.secret(endpoint: endpoint, secret: secret, created: false))
        }
    }

    /// `POST …/endpoints/{id}/replay-failed`: every failed delivery of the endpoint, pending and due now.
    @Sendable func replayFailed(_ request: Request, context: TenureRequestContext) async throws -> Response {
        try await onEndpoint(context) { id in
            guard try await store.endpoint(id: id) != nil else { return notFound("endpoint “\(id)”", context) }
            let count = try await store.replayDeliveries(DeliveryQuery(endpointID: id, status: .failed), at: clock.now())
            return DashboardResponses.redirect(
                to: NotificationsPaths.deliveries + NotificationsNotice(.replayedFailed, endpoint: id, count: count).query())
        }
    }

    @Sendable func deliveries(_ request: Request, context: TenureRequestContext) async throws -> Response {
        let query = DashboardController.query(request)
        let page = try await DeliveriesPage.load(store: store, filters: DeliveriesPage.Filters(query: query),
                                                 csrf: context.dashboardUser!.csrfToken, notice: NotificationsNotice(query: query))
        return self.page("Deliveries", context, NotificationsView.deliveries(page))
    }

    @Sendable func delivery(_ request: Request, context: TenureRequestContext) async throws -> Response {
        let id = try context.parameters.decoded("id")
        guard let delivery = try await store.delivery(id: id) else { return notFound("delivery “\(id)”", context) }
        async let attempts = store.deliveryAttempts(deliveryID: id)
        async let endpoint = store.endpoint(id: delivery.endpointID)
        let page = DeliveryDetailPage(delivery: delivery, attempts: try await attempts, endpoint: try await endpoint?.endpoint,
                                      notice: NotificationsNotice(query: DashboardController.query(request)), csrf: context.dashboardUser!.csrfToken)
        return self.page("Delivery \(id)", context, NotificationsView.delivery(page))
    }

    /// `POST …/deliveries/{id}/replay`: the delivery, pending and due now, with the same `webhook-id`.
    @Sendable func replay(_ request: Request, context: TenureRequestContext) async throws -> Response {
        let id = try context.parameters.decoded("id")
        guard let delivery = try await store.delivery(id: id) else { return notFound("delivery “\(id)”", context) }
        // One delivery per event and endpoint, so the pair selects exactly this one.
        _ = try await store.replayDeliveries(DeliveryQuery(endpointID: delivery.endpointID, eventID: delivery.eventID), at: clock.now())
        return DashboardResponses.redirect(to: NotificationsPaths.delivery(id) + NotificationsNotice(.replayed, delivery: id).query())
    }
}
