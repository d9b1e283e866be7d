/// Which model/mode/duration combinations Kling documents as supporting the motion brush.
///
/// Source: Kling's capability map as read for api.md, "Brush rules in more detail": kling-v1
/// std and pro at 5 s, kling-v1-5 pro at 5 s. Newer models may add it, so a combination outside
/// the table is a warning (`brushes.capability_unlisted`), and `duration` 10 with a brush is a
/// warning of its own (`brushes.duration_unsupported`).
public struct BrushCapability: Sendable, Hashable {
    /// `model_name`.
    public var model: String
    /// `mode`, `std` or `pro`.
    public var mode: String
    /// `duration` as sent, e.g. `"5"`.
    public var duration: String

    /// Creates an entry.
    public init(model: String, mode: String, duration: String) {
        self.model = model
        self.mode = mode
        self.duration = duration
    }

    /// The documented combinations (api.md, "Brush rules in more detail").
    public static let documented: [BrushCapability] = [
        BrushCapability(model: "kling-v1", mode: "std", duration: "5"),
        BrushCapability(model: "kling-v1", mode: "pro", duration: "5"),
        BrushCapability(model: "kling-v1-5", mode: "pro", duration: "5"),
    ]

    /// The durations for which any brush support is documented.
    public static var documentedDurations: Set<String> { Set(documented.map(\.duration)) }

    /// True when `model` with `mode` is documented for brushes at some duration.
    public static func isDocumented(model: String, mode: String) -> Bool {
        documented.contains { $0.model == model && $0.mode == mode }
    }

    /// The table as a short phrase for messages, e.g. "kling-v1 std 5 s, …".
    public static var summary: String {
        documented.map { "\($0.model) \($0.mode) \($0.duration) s" }.joined(separator: ", ")
    }
}
