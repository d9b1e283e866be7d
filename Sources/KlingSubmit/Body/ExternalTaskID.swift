import Foundation
public import KlingCheck

/// Rules for `external_task_id` (api.md, "Create a task": unique per user) and its generator.
public enum ExternalTaskID {
    /// The longest id accepted, in characters.
    public static let maximumLength = 128

    /// A fresh id: `klingprep-` and a random UUID, lower-case.
    public static func generate() -> String {
        "klingprep-" + UUID().uuidString.lowercased()
    }

    /// The id derived from the content, so that the same body gets the same id on any machine,
    /// with any journal or none: `kp1-` and the first 32 hex digits of SHA-256 over
    /// `klingprep external_task_id v1`, the backend, the route and `contentSHA256` (the body's
    /// digest without its `external_task_id` and `callback_url` values, see
    /// ``PreparedBody/contentSHA256``), one per line; from take 2 on, `-t` and the take number
    /// is appended (`--force-new`). 36–40 characters.
    public static func derive(backend: Backend, route: Route, contentSHA256: String, take: Int = 1) -> String {
        let seed = "klingprep external_task_id v1\n\(backend.rawValue)\n\(route.rawValue)\n\(contentSHA256)\n"
        let id = "kp1-" + BodyDigest.hex(of: Data(seed.utf8)).prefix(32)
        return take > 1 ? id + "-t\(take)" : id
    }

    /// The take number of a derived id (1 without a `-tN` suffix), or `nil` when `id` is not of
    /// the derived form for this content.
    public static func take(of id: String, backend: Backend, route: Route, contentSHA256: String) -> Int? {
        let base = derive(backend: backend, route: route, contentSHA256: contentSHA256)
        if id == base { return 1 }
        guard id.hasPrefix(base + "-t"), let take = Int(id.dropFirst(base.count + 2)), take > 1 else { return nil }
        return take
    }

    /// Why `id` is not usable, or `nil` when it is: non-empty, printable, at most 128 characters.
    public static func problem(with id: String) -> String? {
        if id.isEmpty { return "it is empty" }
        if id.count > maximumLength { return "it has \(id.count) characters; at most \(maximumLength) are allowed" }
        if id.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == " " }) {
            return "it contains spaces or control characters"
        }
        return nil
    }
}
