public import KlingBrush
public import KlingCheck

/// One video job: the route, the settings, the images and the brushes, as the user wrote them.
///
/// A `Job` comes from a job file (``JobFile``) or from command-line arguments
/// (``JobBuilder``). It holds values as given — checking is ``JobValidator``'s work — and it
/// keeps brushes as description strings: parsing and rasterising them is the brush module's
/// work (design.md, "Modules"). Field names follow the job file (design.md, "Job file").
public struct Job: Sendable, Hashable {
    /// `route`: which create route the body is for; `nil` means implied by the image count
    /// (one image → image2video, more → multi-image2video; see ``effectiveRoute``).
    public var route: Route?
    /// `model` → `model_name`; `nil` leaves it to the service.
    public var model: String?
    /// `mode`, `std` or `pro`; `nil` leaves it to the service.
    public var mode: String?
    /// `duration` in seconds as written (`"5"`, `"10"`); sent as this string.
    public var duration: String?
    /// `prompt`; `nil` when absent.
    public var prompt: String?
    /// `negative_prompt`.
    public var negativePrompt: String?
    /// `cfg_scale`, 0…1 (image2video).
    public var cfgScale: Double?
    /// `callback_url`.
    public var callbackURL: String?
    /// `external_task_id`; the submitter generates one when absent (design.md, "Submitter").
    public var externalTaskID: String?
    /// The images in order; file paths are already resolved against ``baseDirectory``.
    /// image2video takes exactly one (`image`), multi-image2video 1–4 (`image_list`).
    public var images: [JobImage]
    /// `tail` → `image_tail`: image2video's end frame.
    public var tail: JobImage?
    /// `camera_control` (image2video).
    public var cameraControl: CameraControl?
    /// `aspect_ratio` (multi-image2video): `16:9`, `9:16` or `1:1`, as written.
    public var aspectRatio: String?
    /// `watermark` → `watermark_info.enabled` (multi-image2video).
    public var watermark: Bool?
    /// `allow_undocumented_fields`: send fields that only an older page lists (brushes on
    /// multi-image2video) and report them as warnings instead of errors (api.md, "Routes").
    public var allowUndocumentedFields: Bool
    /// The brushes, or `nil` for none.
    public var brushes: JobBrushes?
    /// The directory relative paths were resolved against (the job file's directory, or the
    /// current directory for a command-line job). The brush module resolves `image PATH` areas
    /// against it too.
    public var baseDirectory: String
    /// `fix`: the fixes every image gets while building (`fix: true` is the defaults of
    /// `klingprep fix`); `nil` for none. A per-image `fix:` overrides it (``imageFixes``).
    public var fix: FixOptions? = nil
    /// Per-image `fix:` by 0-based index into ``images``: options, or `nil` for `fix: false`.
    /// An image without an entry follows ``fix``.
    public var imageFixes: [Int: FixOptions?] = [:]

    /// Creates a job. Relative `.file` paths should already be resolved; see ``JobBuilder``.
    public init(
        route: Route? = nil,
        model: String? = nil,
        mode: String? = nil,
        duration: String? = nil,
        prompt: String? = nil,
        negativePrompt: String? = nil,
        cfgScale: Double? = nil,
        callbackURL: String? = nil,
        externalTaskID: String? = nil,
        images: [JobImage] = [],
        tail: JobImage? = nil,
        cameraControl: CameraControl? = nil,
        aspectRatio: String? = nil,
        watermark: Bool? = nil,
        allowUndocumentedFields: Bool = false,
        brushes: JobBrushes? = nil,
        baseDirectory: String
    ) {
        self.route = route
        self.model = model
        self.mode = mode
        self.duration = duration
        self.prompt = prompt
        self.negativePrompt = negativePrompt
        self.cfgScale = cfgScale
        self.callbackURL = callbackURL
        self.externalTaskID = externalTaskID
        self.images = images
        self.tail = tail
        self.cameraControl = cameraControl
        self.aspectRatio = aspectRatio
        self.watermark = watermark
        self.allowUndocumentedFields = allowUndocumentedFields
        self.brushes = brushes
        self.baseDirectory = baseDirectory
    }

    /// The route the body is built for: ``route`` when given, else implied by the number of
    /// images (design.md, "Job file").
    public var effectiveRoute: Route { route ?? Route.implied(imageCount: images.count) }

    /// The fixes image `index` (0-based) gets while building: its own `fix:`, else the job's;
    /// `nil` when it is sent as stored.
    public func fixOptions(forImage index: Int) -> FixOptions? {
        if let own = imageFixes[index] { return own }
        return fix
    }

    /// True when the job carries a static area or a dynamic group.
    public var hasBrushes: Bool { !(brushes?.isEmpty ?? true) }

    /// 0-based index of the image the masks are drawn on: image 1 on image2video (the only
    /// one), `brushes.reference` on multi-image2video.
    public var referenceIndex: Int { effectiveRoute == .image2video ? 0 : (brushes?.reference ?? 1) - 1 }
}

/// Where one input image comes from (design.md, "Job file", `images`).
public enum JobImage: Sendable, Hashable {
    /// A local file; the path is resolved against the job's base directory.
    case file(String)
    /// A public URL, sent as is (checked remotely only with `--remote`).
    case url(String)
    /// Inline base64 as written; a leading `data:…,` is stripped when the body is made
    /// (see ``InlineBase64``).
    case base64(String)
}

/// The job's brushes (design.md, "Job file", `brushes`).
public struct JobBrushes: Sendable, Hashable {
    /// `reference`: which image the masks are drawn on, **1-based** as in the job file; `nil`
    /// when not given (image 1). Only multi-image2video has several images to choose from.
    public var reference: Int?
    /// Areas that stay frozen (their union is the static mask), as description strings.
    public var staticAreas: [String]
    /// Up to 6 moving groups.
    public var dynamic: [BrushGroup]

    /// Creates the brushes; `reference` is 1-based.
    public init(reference: Int? = nil, staticAreas: [String] = [], dynamic: [BrushGroup] = []) {
        self.reference = reference
        self.staticAreas = staticAreas
        self.dynamic = dynamic
    }

    /// True when there is any static area or dynamic group (the body will carry masks).
    public var isEmpty: Bool { staticAreas.isEmpty && dynamic.isEmpty }
}
