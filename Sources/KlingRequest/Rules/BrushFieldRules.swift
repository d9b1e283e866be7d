import KlingCheck

/// The field-level rules of the motion brush: where it may be sent, with which settings, and
/// how a job names its reference image (api.md, "Routes", "Brush rules"). Shapes, masks and
/// trajectories are judged by ``BrushRules``.
public enum BrushFieldRules {
    /// A brush on multi-image2video: the current pages say not to send it.
    public static let routeUndocumented = Rule(
        "brushes.route_undocumented", .error,
        fact:
            "static_mask and dynamic_masks belong to image2video; on multi-image2video only the older CometAPI page lists them.",
        source: "[C-mi], [K]; [C-mi-old]",
        scopes: [.init(route: .image2video, nil), .init(allowUndocumented: true, .warning)])
    /// `brushes.reference` on image2video, which has one image.
    public static let referenceNotOnRoute = Rule(
        "brushes.reference_not_on_route", .error,
        fact: "image2video has one image, so the masks are drawn on it: brushes.reference is a multi-image2video key.",
        source: "[C-i2v], [K]", fix: "Remove brushes.reference.",
        scopes: [.init(route: .multiImage2video, nil)])
    /// `brushes.reference` outside the images.
    public static let referenceOutOfRange = Rule(
        "brushes.reference_out_of_range", .error, fact: "brushes.reference names one of the images (1-based).",
        source: "KlingPrep", fix: "Use 1 for the first image (the default).")
    /// A brush with `duration` 10.
    public static let durationUnsupported = Rule(
        "brushes.duration_unsupported", .warning, fact: "the motion brush is documented for 5 s videos only.",
        source: "[K], [P]", fix: "Use duration 5, or expect the brush to be ignored or the task to fail.")
    /// A brush with a model and mode outside the capability map.
    public static let capabilityUnlisted = Rule(
        "brushes.capability_unlisted", .warning,
        fact:
            "the capability map lists the brush for kling-v1 std 5 s, kling-v1 pro 5 s and kling-v1-5 pro 5 s (image2video); outside it is our warning, not a documented rule.",
        source: "[K] capability map; KlingPrep",
        scopes: [.init(route: .multiImage2video, nil)])
    /// An empty area or path description.
    public static let emptyDescription = Rule(
        "brushes.empty_description", .error, fact: "every area and path has a description.", source: "KlingPrep",
        fix: "Describe it, e.g. 'rect 0,0.8 1,1' for an area or 'move up 15%' for a path.")
    /// An `ease` value the language does not know.
    public static let easeUnknown = Rule(
        "brushes.ease_unknown", .error, fact: "ease is linear, in, out or in-out.", source: "design.md")
    /// Another image has a different aspect ratio from the reference.
    public static let aspectMismatch = Rule(
        "images.aspect_mismatch", .warning,
        fact:
            "on multi-image2video with brushes, the other images have the reference image's aspect ratio (the masks follow the reference).",
        source: "design.md")

    /// Every rule of this file, in the order `klingprep rules` lists them.
    public static let rules: [Rule] = [
        routeUndocumented, referenceNotOnRoute, referenceOutOfRange, durationUnsupported, capabilityUnlisted,
        emptyDescription, easeUnknown, aspectMismatch,
    ]
}
