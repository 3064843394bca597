// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Tenure",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tenure", targets: ["tenure"]),
        .library(name: "TenureCore", targets: ["TenureCore"]),
        .library(name: "TenureStore", targets: ["TenureStore"]),
        .library(name: "TenureEngine", targets: ["TenureEngine"]),
        .library(name: "TenureIngest", targets: ["TenureIngest"]),
        .library(name: "TenureNotify", targets: ["TenureNotify"]),
        .library(name: "TenureServer", targets: ["TenureServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        .target(name: "TenureCore"),
        .target(
            name: "TenureStore",
            dependencies: [
                "TenureCore",
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(
            name: "TenureEngine",
            dependencies: [
                "TenureCore", "TenureStore",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "TenureIngest",
            dependencies: [
                "TenureCore", "TenureStore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .target(
            name: "TenureNotify",
            dependencies: [
                "TenureCore", "TenureStore", "TenureEngine",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        .target(
            name: "TenureServer",
            dependencies: [
                "TenureCore", "TenureStore", "TenureEngine", "TenureIngest", "TenureNotify",
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "tenure",
            dependencies: [
                "TenureCore", "TenureStore", "TenureEngine", "TenureIngest", "TenureNotify", "TenureServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(name: "tenure-bench", dependencies: ["TenureCore"], path: "Benchmarks/Sources/tenure-bench"),
        .target(name: "TenureTestSupport", dependencies: ["TenureStore", "TenureCore"], path: "Tests/TenureTestSupport"),
        .testTarget(name: "TenureCoreTests", dependencies: ["TenureCore"]),
        .testTarget(name: "TenureStoreTests", dependencies: ["TenureStore", "TenureTestSupport"]),
        .testTarget(name: "TenureEngineTests", dependencies: ["TenureEngine", "TenureTestSupport"]),
        .testTarget(name: "TenureIngestTests", dependencies: ["TenureIngest", "TenureEngine", "TenureTestSupport"]),
        .testTarget(name: "TenureNotifyTests", dependencies: ["TenureNotify", "TenureTestSupport"]),
        .testTarget(
            name: "TenureServerTests",
            dependencies: [
                "TenureServer", "TenureEngine", "TenureTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "tenureTests", dependencies: ["tenure", "TenureEngine", "TenureTestSupport"]),
    ]
)
