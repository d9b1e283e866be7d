import KlingBrush

/// One video job: the settings, the 2–4 images and the brushes, as the user wrote them.
///
/// A `Job` comes from a job file (``JobFile``) or from command-line arguments
/// (``JobBuilder``). It holds values as given — checking is ``JobValidator``'s work — and it
/// keeps brushes as description strings: parsing and rasterising them is the brush module's
/// work (design.md, "Modules"). Field names follow the job file (design.md, "Job file").
public struct Job: Sendable, Hashable {
    /// `model` → `model_name`; `nil` leaves it to the service.
    public var model: String?
    /// `mode`, `std` or `pro`; `nil` leaves it to the service.
    public var mode: String?
    /// `duration` in seconds as written (`"5"`, `"10"`); sent as this string.
    public var duration: String?
    /// `prompt`; `nil` when absent (an error: the motion must be described).
    public var prompt: String?
    /// `negative_prompt`.
    public var negativePrompt: String?
    /// `cfg_scale`, 0…1.
    public var cfgScale: Double?
    /// `callback_url`.
    public var callbackURL: String?
    /// `external_task_id`; the submitter generates one when absent (design.md, "Submitter").
    public var externalTaskID: String?
    /// The images in order; file paths are already resolved against ``baseDirectory``.
    public var images: [JobImage]
    /// The brushes, or `nil` for none.
    public var brushes: JobBrushes?
    /// The directory relative paths were resolved against (the job file's directory, or the
    /// current directory for a command-line job). The brush module resolves `image PATH` areas
    /// against it too.
    public var baseDirectory: String

    /// Creates a job. Relative `.file` paths should already be resolved; see ``JobBuilder``.
    public init(
        model: String? = nil,
        mode: String? = nil,
        duration: String? = nil,
        prompt: String? = nil,
        negativePrompt: String? = nil,
        cfgScale: Double? = nil,
        callbackURL: String? = nil,
        externalTaskID: String? = nil,
        images: [JobImage] = [],
        brushes: JobBrushes? = nil,
        baseDirectory: String
    ) {
        self.model = model
        self.mode = mode
        self.duration = duration
        self.prompt = prompt
        self.negativePrompt = negativePrompt
        self.cfgScale = cfgScale
        self.callbackURL = callbackURL
        self.externalTaskID = externalTaskID
        self.images = images
        self.brushes = brushes
        self.baseDirectory = baseDirectory
    }
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
    /// Which image the masks are drawn on, **1-based** as in the job file (default 1).
    public var reference: Int
    /// Areas that stay frozen (their union is the static mask), as description strings.
    public var staticAreas: [String]
    /// Up to 6 moving groups.
    public var dynamic: [BrushGroup]

    /// Creates the brushes; `reference` is 1-based.
    public init(reference: Int = 1, staticAreas: [String] = [], dynamic: [BrushGroup] = []) {
        self.reference = reference
        self.staticAreas = staticAreas
        self.dynamic = dynamic
    }

    /// True when there is any static area or dynamic group (the body will carry masks).
    public var isEmpty: Bool { staticAreas.isEmpty && dynamic.isEmpty }
}
