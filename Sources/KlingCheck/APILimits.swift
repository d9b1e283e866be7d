/// The API's numbers, in one place, each with its source in `docs/api.md`.
///
/// Where CometAPI and Kling differ, the stricter rule is kept here (api.md, introduction).
public enum APILimits {
    /// `image_list` holds 2 to 4 items (api.md, "Create a task", `image_list`; CometAPI).
    public static let imageCount: ClosedRange<Int> = 2...4
    /// `prompt` is at most 500 Unicode characters (api.md, `prompt`; CometAPI, stricter than
    /// Kling's 2500).
    public static let maximumPromptCharacters = 500
    /// `negative_prompt` is at most 200 Unicode characters (api.md, `negative_prompt`; CometAPI).
    public static let maximumNegativePromptCharacters = 200
    /// `cfg_scale` lies in 0…1 (api.md, `cfg_scale`).
    public static let cfgScale: ClosedRange<Double> = 0...1
    // The brush numbers (6 groups, 2…77 points) are KlingRequest's `BrushRules`.
    /// `mode` values (api.md, `mode`).
    public static let modes: Set<String> = ["std", "pro"]
    /// `duration` values, sent as strings (api.md, `duration`).
    public static let durations: Set<String> = ["5", "10"]
}
