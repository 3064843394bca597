import Foundation

/// The paths and methods the OpenAPI document lists, so a documented path asked
/// with another method is answered 405 with `Allow` rather than 404. The
/// contract tests prove these are exactly the routes the router serves.
enum DocumentedRoutes {
    /// Each documented path's segments (a `{…}` segment matches any one) with its methods, upper-case.
    static let all: [(segments: [Substring], methods: [String])] = {
        let operations: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
        guard let document = try? JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as? [String: Any],
              let paths = document["paths"] as? [String: [String: Any]]
        else { return [] }
        return paths.map { path, item in
            (path.split(separator: "/"), item.keys.filter(operations.contains).map { $0.uppercased() }.sorted())
        }
    }()

    /// The methods documented for `path` (the most literal match wins); empty when no documented path matches.
    static func methods(at path: String) -> [String] {
        let segments = path.split(separator: "/")
        return all.filter { route in
            route.segments.count == segments.count && zip(route.segments, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }
        .min { $0.segments.count(where: { $0.hasPrefix("{") }) < $1.segments.count(where: { $0.hasPrefix("{") }) }?.methods ?? []
    }
}
