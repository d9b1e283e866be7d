/// One entry of the motion brush's capability map: a model, mode and duration for which
/// image2video documents the brush (api.md, "Brush rules", capability map [K]).
public struct BrushCapability: Sendable, Hashable {
    /// `model_name`, e.g. `kling-v1`.
    public var model: String
    /// `mode`, `std` or `pro`.
    public var mode: String
    /// `duration` in seconds, as the string the API takes.
    public var duration: String

    /// An entry.
    public init(model: String, mode: String, duration: String) {
        self.model = model
        self.mode = mode
        self.duration = duration
    }

    /// The documented combinations, on image2video only: kling-v1 std 5 s, kling-v1 pro 5 s,
    /// kling-v1-5 pro 5 s.
    public static let documented: [BrushCapability] = [
        BrushCapability(model: "kling-v1", mode: "std", duration: "5"),
        BrushCapability(model: "kling-v1", mode: "pro", duration: "5"),
        BrushCapability(model: "kling-v1-5", mode: "pro", duration: "5"),
    ]

    /// The durations any entry documents (`"5"`).
    public static var documentedDurations: Set<String> { Set(documented.map(\.duration)) }

    /// True when `model` in `mode` is in the map.
    public static func isDocumented(model: String, mode: String) -> Bool {
        documented.contains { $0.model == model && $0.mode == mode }
    }

    /// `kling-v1 std 5 s, kling-v1 pro 5 s, kling-v1-5 pro 5 s`.
    public static var summary: String {
        documented.map { "\($0.model) \($0.mode) \($0.duration) s" }.joined(separator: ", ")
    }
}
