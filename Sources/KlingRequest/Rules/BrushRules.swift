import KlingBrush
import KlingCheck

/// The motion-brush rules of the rule book, as data: the API's numbers for `static_mask` and
/// `dynamic_masks` (api.md, "Routes", image2video fields, and "Brush rules") and KlingPrep's own
/// brush checks (design.md, "Checks"). Each rule carries its code, severity, fact, fix and
/// source; the functions that turn KlingBrush's facts into findings are in
/// `BrushRules+Findings.swift`.
///
/// Every code starts with `brushes.`, the job key it is about. Rules that only KlingPrep asks
/// for (warnings about overlaps, starts and sampling) cite `KlingPrep`.
public enum BrushRules {
    // MARK: The API's numbers

    /// `dynamic_masks` holds at most 6 groups ([C-i2v], [K]).
    public static let maximumDynamicGroups = 6
    /// A trajectory has 2 to 77 points, documented for 5 s videos and applied to 10 s too ([K]).
    /// The upper end is also the most points a trajectory gets by default.
    public static let trajectoryPoints: ClosedRange<Int> = 2...77
    /// Consecutive points of an orbit or a wave more than a quarter turn or cycle apart no
    /// longer show the shape (KlingPrep: at half a turn, a circle reads as two spots).
    public static let largestPeriodStep = 0.25

    // MARK: Descriptions

    /// An area or path description that does not parse.
    public static let syntax = Rule(
        "brushes.syntax", .error, fact: "every area and path description parses in the description language",
        source: "KlingPrep", fix: "See the description language in the README.")
    /// The quoting advice that the syntax rule adds for descriptions read from a YAML job file.
    public static let yamlQuotingHint =
        "In a YAML file, quote a description that sits inside [ ] or { } or holds a '#': a flow list "
        + "splits at commas, e.g. write \"rect 0,0.8 1,1\"."
    /// `image PATH` whose picture cannot be read.
    public static let imageUnreadable = Rule(
        "brushes.image_unreadable", .error, fact: "every `image PATH` mask picture can be read",
        source: "KlingPrep", fix: "Check the path (relative to the job file) and that the file is a PNG or JPEG.")
    /// `image PATH` whose picture is not the reference image's size.
    public static let maskSize = Rule(
        "brushes.mask_size", .error,
        fact: "an `image PATH` mask has the reference image's exact pixel size (masks are drawn on its grid)",
        source: "[K], [C-mi-old]",
        fix: "Resize the mask picture to the reference image's size, or draw the area instead.")

    /// One area or path description above a size limit of the description language.
    public static let descriptionTooLarge = Rule(
        "brushes.description_too_large", .error,
        fact:
            "a description has at most \(grouped(DescriptionLimits.maximumCharacters)) characters; an area at most "
            + "\(DescriptionLimits.maximumTerms) terms and \(grouped(DescriptionLimits.maximumAreaVertices)) "
            + "polygon and stroke vertices; a path at most \(grouped(DescriptionLimits.maximumPathPoints)) points "
            + "and \(grouped(DescriptionLimits.maximumPathVertices)) vertices once expanded (KlingPrep's safety "
            + "limits, checked while reading, before anything is drawn)",
        source: "KlingPrep", fix: "Simplify the description, or draw the area as a mask picture (image PATH).")
    /// A brush set whose areas together are above the job's size limits.
    public static let tooLarge = Rule(
        "brushes.too_large", .error,
        fact:
            "the areas of a job (every static line and group area) have at most "
            + "\(DescriptionLimits.maximumJobTerms) terms and \(grouped(DescriptionLimits.maximumJobVertices)) "
            + "vertices together (KlingPrep's safety limits, checked before anything is drawn)",
        source: "KlingPrep",
        fix: "Use fewer or simpler shapes, or draw the areas as mask pictures (image PATH).")

    private static func grouped(_ value: Int) -> String { Digits.grouped(value) }

    // MARK: Masks

    /// A static mask or a group's mask with no inside pixel.
    public static let maskEmpty = Rule(
        "brushes.mask_empty", .error, fact: "every mask holds white pixels (only white is painted)",
        source: "[K]", fix: "Check that the shapes lie inside the image and are not all subtracted.")
    /// A static area covering the whole picture with nothing that moves.
    public static let staticCoversAll = Rule(
        "brushes.static_covers_all", .warning,
        fact: "a static area that covers the whole picture leaves something to move (white areas are frozen)",
        source: "[K]",
        fix: "Make the static area smaller (e.g. 'all; -circle 0.5,0.5 0.2'), or add a dynamic group that moves.")
    /// Two dynamic groups' areas sharing pixels.
    public static let groupsOverlap = Rule(
        "brushes.groups_overlap", .warning, fact: "the areas of different dynamic groups do not overlap",
        source: "KlingPrep", fix: "Subtract one area from the other.")
    /// A dynamic group's area sharing pixels with the static area.
    public static let dynamicOverlapsStatic = Rule(
        "brushes.dynamic_overlaps_static", .warning, fact: "no dynamic area overlaps the static area",
        source: "KlingPrep", fix: "Subtract the moving area from the static one.")

    // MARK: Groups and trajectories

    /// More dynamic groups than the API takes.
    public static let tooManyGroups = Rule(
        "brushes.too_many_groups", .error, fact: "at most \(maximumDynamicGroups) dynamic groups",
        source: "[C-i2v], [K]", fix: "Merge groups that move the same way, or drop some.")
    /// A trajectory of fewer than 2 points.
    public static let tooFewPoints = Rule(
        "brushes.too_few_points", .error, fact: "a trajectory has at least \(trajectoryPoints.lowerBound) points",
        source: "[K]", fix: "Use points \(trajectoryPoints.lowerBound) or more.")
    /// A trajectory of more than 77 points.
    public static let tooManyPoints = Rule(
        "brushes.too_many_points", .error, fact: "a trajectory has at most \(trajectoryPoints.upperBound) points",
        source: "[K]", fix: "Use points \(trajectoryPoints.upperBound) or fewer, or leave the count out.")
    /// Trajectory points off the input image's pixel grid.
    public static let pointOutside = Rule(
        "brushes.point_outside", .error,
        fact: "every trajectory point is a pixel of the input image (integer coordinates, bottom-left origin)",
        source: "[K]", fix: "Keep the path inside the picture: check the directions, distances and radii.")
    /// A trajectory whose first point is not inside its own group's mask.
    public static let pathStartsOutsideArea = Rule(
        "brushes.path_starts_outside_area", .warning, fact: "a group's trajectory starts inside its own mask",
        source: "KlingPrep",
        fix: "Start the path inside the area, or leave the start out to begin at the area's centre.")
    /// An orbit or wave with too few points for its turns or cycles.
    public static let pathUndersampled = Rule(
        "brushes.path_undersampled", .warning,
        fact: "consecutive points of an orbit or wave are at most a quarter turn or cycle apart",
        source: "KlingPrep", fix: "Use fewer turns or cycles, or more points.")

    // MARK: The reference image

    /// The reference image is a URL that was not fetched.
    public static let referenceRemote = Rule(
        "brushes.reference_remote", .error, fact: "the image the masks are drawn on has a known pixel size",
        source: "KlingPrep", fix: "Run with --remote, or make a local image the reference (brushes.reference).")
    /// The reference image could not be read.
    public static let referenceUnreadable = Rule(
        "brushes.reference_unreadable", .error, fact: "the image the masks are drawn on can be read",
        source: "KlingPrep")
    /// The reference image is shown rotated or mirrored (EXIF): masks follow the stored grid.
    public static let storedGrid = Rule(
        "brushes.stored_grid", .info,
        fact: "masks and trajectories use the reference image's stored pixel grid, not its EXIF-rotated view",
        source: "KlingPrep")

    /// Every brush rule, in the order of the checks.
    public static let rules: [Rule] = [
        syntax, descriptionTooLarge, tooLarge, imageUnreadable, maskSize, maskEmpty, staticCoversAll, groupsOverlap,
        dynamicOverlapsStatic,
        tooManyGroups, tooFewPoints, tooManyPoints, pointOutside, pathStartsOutsideArea, pathUndersampled,
        referenceRemote, referenceUnreadable, storedGrid,
    ]
}
