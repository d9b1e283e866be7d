/// The keys of a job file (design.md, "Job file"), in one place.
enum JobSchema {
    static let topLevel = [
        "route", "model", "mode", "duration", "prompt", "negative_prompt", "cfg_scale", "callback_url",
        "external_task_id", "images", "tail", "camera_control", "aspect_ratio", "watermark",
        "allow_undocumented_fields", "brushes", "fix",
    ]
    static let imageSource = ["path", "url", "base64"]
    /// An image given as a mapping: one source and its own `fix`.
    static let imageEntry = imageSource + ["fix"]
    /// The options of `fix: {…}`, as `klingprep fix`'s flags.
    static let fix = ["aspect", "crop_anchor", "background", "max_side"]
    static let brushes = ["reference", "static", "dynamic"]
    static let dynamicBrush = ["area", "path", "points", "ease"]
}
