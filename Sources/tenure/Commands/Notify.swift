import ArgumentParser
import Foundation
import TenureCore
import TenureNotify
import TenureStore

extension Tenure {
    /// `tenure notify`: notification endpoints, test pings, deliveries, replays and the outbox.
    struct Notify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send Tenure's events to webhooks, Slack and email: manage endpoints, test them, inspect and replay deliveries.",
            discussion: """
                Tenure writes each domain event (account.health.changed, payment.failed, renewal.upcoming, …) to an \
                outbox; every `tenure serve` that runs jobs and every `tenure worker` delivers it to each enabled endpoint \
                that subscribes to its type, retrying with backoff for about a day. Webhooks are signed following the \
                Standard Webhooks specification; their secrets are sealed under secret_key (TENURE_SECRET_KEY), which \
                webhook and Slack endpoints need. Endpoints reaching private addresses must be allowed by outbound_allow.

                Examples:
                  tenure notify endpoints create --kind webhook \\
                      --target https://hooks.example.com/tenure \\
                      --events account.health.changed,payment.failed
                  tenure notify endpoints create --kind email \\
                      --target cs-leads@example.com --events 'account.*' --segment enterprise
                  tenure notify test ep_3f9a0c1d2e4b5a69 --wait
                  tenure notify deliveries --status failed --since 2026-05-01
                  tenure notify replay --endpoint ep_3f9a0c1d2e4b5a69 --status failed
                  tenure notify events --type payment.failed --format json
                """,
            subcommands: [Endpoints.self, Test.self, Deliveries.self, Replay.self, Events.self])

        /// `tenure notify endpoints`: list (the default), create, update, disable, enable, rotate.
        struct Endpoints: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List notification endpoints, or create, change, disable, enable them and rotate a webhook's secret.",
                discussion: """
                    Kinds: webhook (a signed JSON POST to a URL), slack (a Slack incoming-webhook URL) and email (an address, \
                    over smtp_url). Event types are listed with commas; `*` is every type and `account.*` every type under \
                    account. With --segment or --owner an endpoint receives only events about accounts in those segments or \
                    owned by those CSMs.

                    Examples:
                      tenure notify endpoints --format json
                      tenure notify endpoints create --kind slack --events 'account.*' \\
                          --target https://hooks.slack.com/services/T000/B000/XXXX
                      tenure notify endpoints update ep_3f9a0c1d2e4b5a69 --events '*'
                      tenure notify endpoints rotate ep_3f9a0c1d2e4b5a69 --overlap-hours 48
                    """,
                subcommands: [List.self, Create.self, Update.self, Disable.self, Enable.self, Rotate.self],
                defaultSubcommand: List.self)
        }
    }
}

extension Tenure.Notify.Endpoints {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List notification endpoints (never their secrets).")

        @Option(help: "Output format: table, json or csv.")
        var format: OutputFormat = .table

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let endpoints = try await database.withStore { try await $0.endpoints().map(\.endpoint) }
            print(NotifyTables.endpoints(endpoints).render(format))
        }
    }

    /// The settings `create` and `update` share.
    struct EndpointSettings: ParsableArguments {
        @Option(help: "The webhook or Slack URL, or the email address.")
        var target: String?

        @Option(help: "Event types or patterns, separated by commas: account.health.changed,payment.failed; * for all; account.* for a prefix.")
        var events: String?

        @Option(help: "Only events about accounts in this segment (repeat for several).")
        var segment: [String] = []

        @Option(help: "Only events about accounts this CSM owns, by CSM id (repeat for several).")
        var owner: [String] = []

        @Option(help: "Who is emailed when Tenure disables the endpoint after its deliveries keep failing.")
        var contact: String?

        @Option(help: "A note to recognise the endpoint by.")
        var description: String?

        func draft(kind: NotificationEndpoint.Kind?, allSegments: Bool = false, allOwners: Bool = false) -> Notifier.EndpointDraft {
            Notifier.EndpointDraft(
                kind: kind, target: target, description: description,
                eventTypes: events.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } },
                segments: allSegments ? [] : segment.isEmpty ? nil : segment, owners: allOwners ? [] : owner.isEmpty ? nil : owner,
                contactEmail: contact)
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an endpoint; a webhook's signing secret is printed this once.",
            discussion: """
                Examples:
                  tenure notify endpoints create --kind webhook \\
                      --target https://hooks.example.com/tenure \\
                      --events account.health.changed,payment.failed
                  tenure notify endpoints create --kind email --target csm@example.com \\
                      --events renewal.upcoming --owner csm_ana
                """)

        @Option(help: "webhook, slack or email.")
        var kind: NotificationEndpoint.Kind

        @OptionGroup var settings: EndpointSettings

        @Option(help: "Output format: table or json (json includes the secret).")
        var format: OutputFormat = .table

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard settings.target != nil else { throw ArgumentParser.ValidationError("--target is required: the URL, or the email address") }
            guard settings.events != nil else { throw ArgumentParser.ValidationError("--events is required, e.g. --events account.health.changed,payment.failed or --events '*'") }
        }

        func run() async throws {
            let created = try await NotifyContext.withNotifier(database) { try await $0.notifier.create(settings.draft(kind: kind)) }
            if format == .json {
                print(NotifyTables.json(NotifyTables.endpointObject(created.endpoint, secret: created.secret)))
            } else {
                print(NotifyTables.endpoints([created.endpoint]).render(format))
                if let secret = created.secret { print("\nSigning secret: \(secret)") }
            }
            if created.secret != nil {
                FileHandle.standardError.write(Data("Store the signing secret now: it cannot be shown again (`tenure notify endpoints rotate \(created.endpoint.id)` makes a new one).\n".utf8))
            }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change an endpoint; what is not given keeps its value.",
            discussion: "Example:\n  tenure notify endpoints update ep_3f9a0c1d2e4b5a69 --events 'account.*' --all-segments")

        @Argument(help: "The endpoint's id (ep_…).")
        var id: String

        @OptionGroup var settings: EndpointSettings

        @Flag(help: "Receive events about accounts in every segment again.")
        var allSegments = false

        @Flag(help: "Receive events about accounts of every owner again.")
        var allOwners = false

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let draft = settings.draft(kind: nil, allSegments: allSegments, allOwners: allOwners)
            let endpoint = try await NotifyContext.withNotifier(database) { try await $0.notifier.update(id: id, draft) }
            print(NotifyTables.endpoints([endpoint]).render(.table))
        }
    }

    /// The endpoint `disable` and `enable` act on.
    struct EndpointSwitch: ParsableArguments {
        @Argument(help: "The endpoint's id (ep_…).")
        var id: String

        @OptionGroup var database: DatabaseOptions

        func set(enabled: Bool) async throws {
            _ = try await NotifyContext.withNotifier(database) { try await $0.notifier.update(id: id, Notifier.EndpointDraft(enabled: enabled)) }
            print("\(enabled ? "Enabled" : "Disabled") endpoint \(id).")
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop deliveries to an endpoint; pending ones wait until it is enabled.")

        @OptionGroup var endpoint: EndpointSwitch

        func run() async throws { try await endpoint.set(enabled: false) }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Deliver to an endpoint again; its failed deliveries stay failed until replayed (tenure notify replay --endpoint ID).")

        @OptionGroup var endpoint: EndpointSwitch

        func run() async throws { try await endpoint.set(enabled: true) }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give a webhook endpoint a new signing secret, printed this once; the old one keeps signing for the overlap.",
            discussion: "Example:\n  tenure notify endpoints rotate ep_3f9a0c1d2e4b5a69 --overlap-hours 48")

        @Argument(help: "The endpoint's id (ep_…).")
        var id: String

        @Option(help: "Hours the old secrets keep signing, so receivers can switch (0 to 168).")
        var overlapHours = 24

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard (0...168).contains(overlapHours) else { throw ArgumentParser.ValidationError("--overlap-hours must be between 0 and 168") }
        }

        func run() async throws {
            let secret = try await NotifyContext.withNotifier(database) {
                try await $0.notifier.rotateSecret(id: id, overlap: TimeInterval(overlapHours * 3_600))
            }
            print(secret)
            FileHandle.standardError.write(Data("Store the new signing secret now: it cannot be shown again. The old one signs for \(overlapHours) more hours.\n".utf8))
        }
    }
}

/// A store, the notification settings of the configuration file and environment, and a Notifier over them.
struct NotifyContext {
    var store: any Store
    var configuration: NotifyConfiguration
    var notifier: Notifier

    static func withNotifier<T>(_ database: DatabaseOptions, _ body: (NotifyContext) async throws -> T) async throws -> T {
        let file = try database.configuration()
        let configuration = try file.notify(defaultPublicURL: Tenure.Worker.serverURL(file))
        return try await database.withStore { store in
            try await body(NotifyContext(store: store, configuration: configuration,
                                         notifier: Notifier(store: store, configuration: configuration, clock: .command)))
        }
    }
}

extension NotificationEndpoint.Kind: ExpressibleByArgument {}
extension DeliveryStatus: ExpressibleByArgument {}
extension EventType: ExpressibleByArgument {}
