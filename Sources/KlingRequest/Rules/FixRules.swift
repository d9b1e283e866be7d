import KlingCheck

/// The rules of a job's `fix:` (top-level or per image): KlingPrep's own, since the fixes are
/// KlingPrep's (README, "Fixing images"); the facts the fixed image must meet are the image
/// rules' (``ImageRules``).
public enum FixRules {
    /// A `fix:` option with a value it does not take.
    public static let value = Rule(
        "fix.value", .error,
        fact:
            "fix: is true, false, or a mapping of aspect (pad|crop), crop_anchor, background (#RRGGBB) and max_side (at least 300).",
        source: "KlingPrep", fix: "Write e.g. 'fix: {aspect: pad, background: \"#000000\"}', or 'fix: true'.")
    /// `fix:` on a `url:` image, which is not read here.
    public static let urlImage = Rule(
        "fix.url_image", .error,
        fact: "fix: applies to images read here (a path or base64); a url: image is sent as is and cannot be fixed.",
        source: "KlingPrep",
        fix: "Download the image and give its path, or set 'fix: false' on this image.")
    /// An image with `fix:` that cannot be made compliant.
    public static let failed = Rule(
        "fix.failed", .error,
        fact: "an image with fix: can be decoded and made compliant within the API's limits.", source: "KlingPrep",
        fix: "Look at the image (klingprep inspect --decode), or fix it by hand and drop fix: for it.")
    /// What the fixer changed in an image, step by step.
    public static let applied = Rule(
        "fix.applied", .info,
        fact:
            "an image with fix: is fixed while building: the body carries the fixed copy, and the brushes are drawn on it as described on the upright picture.",
        source: "KlingPrep")
    /// A fix the user should look at: upscaled detail, approximate CMYK colours, a kept non-sRGB profile.
    public static let caveat = Rule(
        "fix.caveat", .warning,
        fact: "a fix that invents detail or cannot manage colours is named as a warning.", source: "KlingPrep",
        fix: "Look at the fixed copy in the build folder (images/), or give a better original.")

    /// Every fix rule, in the order of the checks.
    public static let rules: [Rule] = [value, urlImage, failed, applied, caveat]
}
