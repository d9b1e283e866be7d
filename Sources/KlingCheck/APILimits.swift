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
    /// `dynamic_masks` holds at most 6 groups (api.md, `dynamic_masks`; CometAPI).
    public static let maximumDynamicGroups = 6
    /// A trajectory has 2 to 77 points; documented for 5 s videos, applied to 10 s too (api.md,
    /// `dynamic_masks[].trajectories`; Kling).
    public static let trajectoryPoints: ClosedRange<Int> = 2...77
    /// `mode` values (api.md, `mode`).
    public static let modes: Set<String> = ["std", "pro"]
    /// `duration` values, sent as strings (api.md, `duration`).
    public static let durations: Set<String> = ["5", "10"]
}
