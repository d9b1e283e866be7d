/// The model names KlingPrep knows, in one table.
///
/// Sources: `kling-v1-6` is the model CometAPI's page suggests starting with (api.md,
/// `model_name`); `kling-v1` and `kling-v1-5` appear in Kling's brush capability map (api.md,
/// "Brush rules in more detail"); `kling-v2-master` and `kling-v2-1` are Kling's later
/// image-to-video model names as listed in Kling's model overview. The service's list changes,
/// so a name outside this table is a warning (`model.unknown`), never an error (design.md,
/// "Checks").
public enum KnownModels {
    /// Every known `model_name`, oldest first.
    public static let names: [String] = [
        "kling-v1",
        "kling-v1-5",
        "kling-v1-6",
        "kling-v2-master",
        "kling-v2-1",
    ]

    /// True when `name` is in ``names`` (exact, case-sensitive: the API's names are lower case).
    public static func isKnown(_ name: String) -> Bool { names.contains(name) }
}
