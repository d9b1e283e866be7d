import Foundation

/// Rules for `external_task_id` (api.md, "Create a task": unique per user) and its generator.
public enum ExternalTaskID {
    /// The longest id accepted, in characters.
    public static let maximumLength = 128

    /// A fresh id: `klingprep-` and a random UUID, lower-case.
    public static func generate() -> String {
        "klingprep-" + UUID().uuidString.lowercased()
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
