import Testing
@testable import TenureStore

/// Parsing database URLs: what is accepted, and the message for what is not.
@Suite("Database URLs")
struct DatabaseURLTests {
    static func location(_ text: String) throws -> PostgresLocation {
        guard case .postgres(let location) = try DatabaseURL(text) else { throw StoreError(.configuration, "not postgres: \(text)") }
        return location
    }

    static func refusal(_ text: String) -> String? {
        do {
            _ = try DatabaseURL(text)
            return nil
        } catch {
            return (error as? StoreError)?.message
        }
    }

    @Test("pool_size and connect_timeout size the pool and bound the wait; without them 10 connections and 5 s")
    func poolParameters() throws {
        let tuned = try Self.location("postgres://ana@db.example:6543/tenure?pool_size=40&connect_timeout=2&sslmode=disable")
        #expect(tuned.poolSize == 40 && tuned.connectTimeout == 2 && tuned.port == 6543 && tuned.sslMode == "disable")
        #expect(tuned.clientConfiguration.options.maximumConnections == 40)
        #expect(tuned.clientConfiguration.options.connectTimeout == .seconds(2))
        let plain = try Self.location("postgresql://ana@db.example/tenure")
        #expect(plain.poolSize == 10 && plain.connectTimeout == 5 && plain.port == 5432)
    }

    @Test("unknown parameters, bad pool sizes and ports that are not numbers are refused, naming the problem", arguments: [
        ("postgres://ana@db/tenure?poolsize=5", "unknown parameter 'poolsize'"),
        ("postgres://ana@db/tenure?sslmode=disable&application_name=x", "unknown parameter 'application_name'"),
        ("postgres://ana@db/tenure?pool_size=0", "pool_size must be a whole number from 1 to 1000"),
        ("postgres://ana@db/tenure?pool_size=ten", "pool_size must be a whole number"),
        ("postgres://ana@db/tenure?connect_timeout=-1", "connect_timeout (seconds) must be a whole number"),
        ("postgres://ana:secret@db:port/tenure", "the port 'port' is not a number between 1 and 65535"),
        ("postgres://ana@db:99999/tenure", "the port '99999' is not a number"),
    ])
    func refusals(url: String, message: String) {
        let refusal = Self.refusal(url)
        #expect(refusal?.contains(message) == true, "\(refusal ?? "accepted")")
    }

    @Test("a password containing a colon is not mistaken for a port")
    func passwordWithColon() throws {
        #expect(try Self.location("postgres://ana:se:cret@db/tenure").port == 5432)
        #expect(try Self.location("postgres://ana:se:cret@db/tenure").password == "se:cret")
    }
}
