import KlingCheck

/// The field-level rules of the motion brush: where it may be sent, with which settings, and
/// how a job names its reference image (api.md, "Routes", "Brush rules"). Shapes, masks and
/// trajectories are judged by ``BrushRules``.
public enum BrushFieldRules {
    /// A brush on multi-image2video: the current pages say not to send it.
    public static let routeUndocumented = Rule(
        "brushes.route_undocumented", .error,
        fact: "static_mask and dynamic_masks belong to image2video; on multi-image2video only the older CometAPI page lists them.",
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
        fact: "the capability map lists the brush for kling-v1 std 5 s, kling-v1 pro 5 s and kling-v1-5 pro 5 s (image2video); outside it is our warning, not a documented rule.",
        source: "[K] capability map; KlingPrep",
        scopes: [.init(route: .multiImage2video, nil)])
    /// An empty area or path description.
    public static let emptyDescription = Rule(
        "brushes.empty_description", .error, fact: "every area and path has a description.", source: "KlingPrep",
        fix: "Describe it, e.g. 'rect 0,0.8 1,1' for an area or 'move up 15%' for a path.")
    /// An `ease` value the language does not know.
    public static let easeUnknown = Rule(
        "brushes.ease_unknown", .error, fact: "ease is linear, in, out or in-out.", source: "design.md")
    /// The reference image could not be read, so nothing was drawn.
    public static let referenceUnreadable = Rule(
        "brushes.reference_unreadable", .error,
        fact: "masks are drawn on the reference image's pixel grid, so it must be readable.", source: "[K]")
    /// The reference image is a URL that was not fetched.
    public static let referenceRemote = Rule(
        "brushes.reference_remote", .error,
        fact: "masks need the reference image's pixel size: a URL reference needs --remote.", source: "[K]",
        fix: "Run with --remote, or use a local image.")
    /// Another image has a different aspect ratio from the reference.
    public static let aspectMismatch = Rule(
        "images.aspect_mismatch", .warning,
        fact: "on multi-image2video with brushes, the other images have the reference image's aspect ratio (the masks follow the reference).",
        source: "design.md")

    /// More than 6 dynamic groups.
    public static let tooManyGroups = Rule(
        "brushes.too_many_groups", .error, fact: "dynamic_masks holds at most 6 groups.", source: "[C-i2v], [K]")
    /// A trajectory with fewer than 2 or more than 77 points.
    public static let pointCount = Rule(
        "brushes.point_count", .error,
        fact: "a trajectory has 2 to 77 points (documented for 5 s videos, applied to 10 s too).", source: "[K]")

    /// The most dynamic groups a body takes (api.md, "image2video fields", `dynamic_masks`).
    public static let maximumGroups = 6
    /// The point counts a trajectory takes (api.md, "Brush rules").
    public static let trajectoryPoints = 2...77

    /// `brushes.too_many_groups` for `count` groups at `path`.
    public static func groupCount(_ count: Int, path: String, context: RuleContext) -> [Finding] {
        guard count > maximumGroups else { return [] }
        return [
            tooManyGroups.finding(
                "\(path) has \(count) dynamic groups; at most \(maximumGroups) are allowed.", at: path,
                fix: "Merge or remove \(count - maximumGroups) group(s).", in: context)
        ].compactMap { $0 }
    }

    /// `brushes.point_count` for a trajectory of `count` points at `path`.
    public static func pointCount(_ count: Int, path: String, context: RuleContext) -> [Finding] {
        let range = trajectoryPoints
        guard !range.contains(count) else { return [] }
        return [
            pointCount.finding(
                "\(path) has \(count) point\(count == 1 ? "" : "s"); a trajectory needs \(range.lowerBound) to \(range.upperBound).",
                at: path,
                fix: count < range.lowerBound
                    ? "Give at least \(range.lowerBound) points." : "Use at most \(range.upperBound) points.",
                in: context)
        ].compactMap { $0 }
    }

    /// Every rule of this file, in the order `klingprep rules` lists them.
    public static let rules: [Rule] = [
        routeUndocumented, tooManyGroups, pointCount, referenceNotOnRoute, referenceOutOfRange, durationUnsupported, capabilityUnlisted,
        emptyDescription, easeUnknown, referenceUnreadable, referenceRemote, aspectMismatch,
    ]
}
