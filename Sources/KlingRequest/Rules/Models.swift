public import KlingCheck

/// The model names each route documents (api.md, "multi-image2video fields" and "image2video
/// fields", `model_name`).
public enum Models {
    /// image2video's models [K]; `kling-v1` is the default.
    public static let image2video = [
        "kling-v1", "kling-v1-5", "kling-v1-6", "kling-v2-master", "kling-v2-1", "kling-v2-1-master",
        "kling-v2-5-turbo", "kling-v2-6",
    ]
    /// multi-image2video's one model [C-mi], [K]; also its default.
    public static let multiImage2video = ["kling-v1-6"]

    /// Every model name KlingPrep knows, on any route.
    public static var known: [String] { image2video }

    /// The names `route` takes.
    public static func names(on route: Route) -> [String] {
        switch route {
        case .image2video: image2video
        case .multiImage2video: multiImage2video
        }
    }

    /// The model the service uses when `model_name` is left out on `route`.
    public static func defaultModel(on route: Route) -> String {
        switch route {
        case .image2video: "kling-v1"
        case .multiImage2video: "kling-v1-6"
        }
    }

    /// True for the v2.x models, which take no `cfg_scale` [K].
    public static func isVersion2(_ name: String) -> Bool { name.hasPrefix("kling-v2") }
}
