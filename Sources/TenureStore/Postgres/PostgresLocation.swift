import NIOCore
import NIOSSL
import PostgresNIO

/// Connection details of a PostgreSQL server, parsed from a `postgres://` URL.
public struct PostgresLocation: Sendable, Hashable {
    public var host: String
    public var port: Int
    public var unixSocketPath: String?
    public var username: String
    public var password: String?
    public var database: String
    /// `disable`, `prefer` or `require`.
    public var sslMode: String
    /// Most connections the pool opens (`?pool_size=`).
    public var poolSize: Int
    /// Longest wait, in seconds, to connect or to get a pooled connection (`?connect_timeout=`).
    public var connectTimeout: Int

    /// The URL query parameters Tenure understands; any other is refused.
    static let parameters = ["sslmode", "host", "pool_size", "connect_timeout"]
    static let defaultPoolSize = 10
    static let defaultConnectTimeout = 5

    /// Settings of one direct connection, used to check the server answers before the pool starts.
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if let socket = unixSocketPath {
            configuration = .init(unixSocketPath: "\(socket)/.s.PGSQL.\(port)", username: username, password: password,
                                  database: database)
        } else {
            configuration = .init(host: host, port: port, username: username, password: password, database: database,
                                  tls: try connectionTLS())
        }
        configuration.options.connectTimeout = .seconds(Int64(connectTimeout))
        return configuration
    }

    /// Settings of the connection pool.
    var clientConfiguration: PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        if let socket = unixSocketPath {
            configuration = .init(unixSocketPath: "\(socket)/.s.PGSQL.\(port)", username: username, password: password,
                                  database: database)
        } else {
            configuration = .init(host: host, port: port, username: username, password: password, database: database,
                                  tls: clientTLS)
        }
        configuration.options.connectTimeout = .seconds(connectTimeout)
        configuration.options.maximumConnections = poolSize
        return configuration
    }

    /// `host:port/database` (or the socket), for messages; never the password.
    var summary: String { "\(unixSocketPath ?? "\(host):\(port)")/\(database)" }

    private func connectionTLS() throws -> PostgresConnection.Configuration.TLS {
        switch sslMode {
        case "disable": .disable
        case "require": .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        default: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
    }

    private var clientTLS: PostgresClient.Configuration.TLS {
        switch sslMode {
        case "disable": .disable
        case "require": .require(.makeClientConfiguration())
        default: .prefer(.makeClientConfiguration())
        }
    }
}
