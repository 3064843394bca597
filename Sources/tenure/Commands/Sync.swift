import ArgumentParser
import Foundation
import Synchronization
import TenureIngest
import TenureStore

extension Tenure {
    /// `tenure sync`: pull data from connected systems.
    struct Sync: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pull billing data from a connected system.",
            subcommands: [Stripe.self])

        struct Stripe: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Read products, prices, customers, subscriptions and invoices from Stripe.",
                discussion: """
                    Use a restricted key with read access only (Stripe dashboard → Developers → API keys → \
                    Create restricted key). The sync pages through every list, retries rate limits, and saves \
                    its place after each page: run it again after an interruption and it resumes. Objects \
                    that have not changed since the last sync change nothing.

                    Example:
                      tenure sync stripe --api-key rk_live_… --database sqlite:tenure.sqlite
                    """)

            @Option(help: ArgumentHelp("Stripe API key (rk_… read-only recommended).", discussion: "Falls back to STRIPE_API_KEY."))
            var apiKey: String?

            @Option(help: "Stripe API base URL (for tests and proxies).")
            var baseURL = "https://api.stripe.com"

            @Flag(help: "Start from the first page instead of resuming an interrupted sync.")
            var restart = false

            @OptionGroup var database: DatabaseOptions

            func validate() throws {
                guard (apiKey ?? ProcessInfo.processInfo.environment["STRIPE_API_KEY"]) != nil else {
                    throw ValidationError("pass --api-key or set STRIPE_API_KEY")
                }
                guard URL(string: baseURL)?.scheme != nil else { throw ValidationError("--base-url must be a URL such as https://api.stripe.com") }
            }

            func run() async throws {
                let key = apiKey ?? ProcessInfo.processInfo.environment["STRIPE_API_KEY"]!
                let status = StatusLine()
                do {
                    let counts = try await database.withStore { store in
                        if restart { try await StripeSync.restart(in: store) }
                        return try await StripeSync(apiKey: key, baseURL: baseURL, store: store).run { list, read in
                            status.show("syncing \(list): \(read) read")
                        }
                    }
                    status.finish()
                    print(TextTable(columns: ["list", "objects"], rows: StripeSync.resources.map { [$0.name, String(counts[$0.name] ?? 0)] })
                        .render(.table))
                } catch let failure as StripeSync.Failure {
                    status.finish()
                    throw CommandFailure(failure.description + " (run the command again to resume)")
                }
            }
        }
    }

    /// `tenure reprocess`: rebuild derived facts from stored raw events.
    struct Reprocess: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rebuild accounts, subscriptions, their history and invoices from every stored Stripe event.",
            discussion: """
                Every webhook and synced object is kept as received. After an upgrade that changes how \
                Stripe data is read, or to repair derived state, this re-derives every object from its events. \
                An event that cannot become facts is marked failed and the others go on; the failed events \
                are listed at the end with the reason (and by GET /api/v1/stripe/events?status=failed).
                """)

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let progress = ProgressBar(total: 1, label: "objects")
            let (total, failed) = try await database.withStore { store in
                let total = try await StripeIngestor(store: store, clock: .command).reprocess { done, total in
                    progress.total = total
                    progress.update(done)
                }
                return (total, try await store.failedStripeEvents(limit: 1_000))
            }
            print("Re-derived \(total) Stripe objects.")
            guard !failed.isEmpty else { return }
            print("\(failed.count) events could not become facts:")
            print(TextTable(columns: ["event", "type", "object", "error"], rows: failed.map { [$0.id, $0.type, $0.objectID, $0.error ?? ""] })
                .render(.table))
        }
    }
}

/// One line of status on standard error, rewritten in place on a terminal.
final class StatusLine: Sendable {
    private let interactive = isatty(STDERR_FILENO) == 1
    private let last = Mutex("")

    func show(_ text: String) {
        last.withLock { last in
            if interactive {
                FileHandle.standardError.write(Data("\r\u{1B}[2K\(text)".utf8))
            } else if text.split(separator: ":").first != last.split(separator: ":").first {
                FileHandle.standardError.write(Data("\(text)\n".utf8))
            }
            last = text
        }
    }

    func finish() {
        last.withLock { last in
            if interactive && !last.isEmpty { FileHandle.standardError.write(Data("\n".utf8)) }
        }
    }
}
