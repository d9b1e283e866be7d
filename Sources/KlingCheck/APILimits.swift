/// The API's numbers, in one place, each with its source in `docs/api.md`.
///
/// Where CometAPI and Kling differ, the stricter rule is kept here (api.md, introduction).
public enum APILimits {
    /// `image_list` holds 2 to 4 items (api.md, "Create a task", `image_list`; CometAPI).
    public static let imageCount: ClosedRange<Int> = 2...4
    /// An image may be at most 10 MB = 10,000,000 bytes; files above this but within
    /// ``hardMaximumImageBytes`` are a warning (api.md, `image_list[].image`; design.md, "Checks").
    public static let maximumImageBytes = 10_000_000
    /// Above 10 MiB (10,485,760 bytes) an image is an error (design.md, "Checks").
    public static let hardMaximumImageBytes = 10 * 1024 * 1024
    /// Width and height must each be at least 300 pixels (api.md, `image_list[].image`).
    public static let minimumSide = 300
    /// Aspect ratio between 1:2.5 and 2.5:1 inclusive, checked in integers as `2w ≤ 5h` and
    /// `2h ≤ 5w` (api.md, `image_list[].image`; design.md, "Checks").
    public static let aspectNumerator = 5
    /// See ``aspectNumerator``.
    public static let aspectDenominator = 2
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

    /// True when `width`×`height` lies within the allowed aspect ratio, 1:2.5…2.5:1 inclusive.
    public static func aspectRatioAllowed(width: Int, height: Int) -> Bool {
        aspectDenominator * width <= aspectNumerator * height
            && aspectDenominator * height <= aspectNumerator * width
    }
}
