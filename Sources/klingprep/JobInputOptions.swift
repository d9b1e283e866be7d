public import ArgumentParser
import Foundation
import KlingCheck
import KlingRequest

extension Route: ExpressibleByArgument {}
extension Backend: ExpressibleByArgument {}

/// A job from a file, or from flags for a one-off (design.md, "Job file").
struct JobInputOptions: ParsableArguments {
    @Argument(
        help: "A job file (YAML or JSON). Or describe a one-off job with --image, --prompt, ...",
        completion: .file(extensions: ["yaml", "yml", "json"]))
    var job: String?

    @Option(
        name: .customLong("image"),
        help:
            "An input image: a path, an http(s) URL or base64 (once for image2video, 1-4 times for multi-image2video).",
        completion: .file())
    var images: [String] = []

    @Option(help: "image2video's end frame (a path, URL or base64); excludes brushes and camera control.")
    var tail: String?

    @Option(help: "The prompt: what moves and how (at most 2500 characters).")
    var prompt: String?

    @Option(help: "What to avoid (at most 2500 characters).")
    var negativePrompt: String?

    @Option(help: "model_name, e.g. kling-v1 (image2video) or kling-v1-6 (multi-image2video).")
    var model: String?

    @Option(help: "multi-image2video's video frame: 16:9 (default), 9:16 or 1:1.")
    var aspectRatio: String?

    @Option(
        name: .customLong("camera"),
        help: "image2video camera_control type: simple, down_back, forward_up, right_turn_forward, left_turn_forward.")
    var cameraType: String?

    @Option(
        help:
            "For --camera simple: AXIS=VALUE, AXIS one of horizontal, vertical, pan, tilt, roll, zoom; VALUE in -10...10."
    )
    var cameraAxis: [String] = []

    @Flag(inversion: .prefixedNo, help: "multi-image2video watermark_info.enabled.")
    var watermark: Bool?

    @Option(help: "std or pro.")
    var mode: String?

    @Option(help: "Video length in seconds: 5 or 10.")
    var duration: String?

    @Option(help: "Prompt adherence, 0...1.")
    var cfgScale: Double?

    @Option(help: "Webhook URL for status changes.")
    var callbackUrl: String?

    @Option(help: "Your own id for the task.")
    var externalTaskId: String?

    @Option(help: "Which image (1-based) the masks are drawn on (multi-image2video only).")
    var reference: Int?

    @Option(name: .customLong("static"), help: "An area that stays still (repeatable).")
    var staticAreas: [String] = []

    @Option(name: .customLong("brush"), help: "An area that moves (repeatable; pair each with --path).")
    var brushAreas: [String] = []

    @Option(name: .customLong("path"), help: "The path of the matching --brush (repeatable).")
    var brushPaths: [String] = []

    /// True when any one-off flag is given.
    var hasFlags: Bool {
        !images.isEmpty || tail != nil || aspectRatio != nil || cameraType != nil || !cameraAxis.isEmpty
            || watermark != nil || prompt != nil || negativePrompt != nil || model != nil || mode != nil
            || duration != nil || cfgScale != nil || callbackUrl != nil || externalTaskId != nil
            || reference != nil || !staticAreas.isEmpty || !brushAreas.isEmpty || !brushPaths.isEmpty
    }

    func validate() throws {
        if job != nil && hasFlags {
            throw ValidationError("give either a job file or job flags (--image, --prompt, …), not both")
        }
        if job == nil && !hasFlags {
            throw ValidationError("give a job file, or describe the job with --image, --prompt, …")
        }
    }

    /// The job, read from its file or built from the flags, judged for `rules`'s backend; a
    /// `--route` or `--allow-undocumented` given with a job file overrides the file.
    /// - Throws: `RequestError` when the job file cannot be read at all.
    func document(rules: RuleOptions) throws -> JobDocument {
        if let job {
            return try JobFile.load(
                path: job, backend: rules.backend, route: rules.route,
                allowUndocumented: rules.allowUndocumented ? true : nil)
        }
        var builder = JobBuilder()
        builder.route = rules.route
        builder.backend = rules.backend
        builder.allowUndocumentedFields = rules.allowUndocumented
        builder.images = images
        builder.tail = tail
        builder.aspectRatio = aspectRatio
        builder.cameraType = cameraType
        builder.cameraAxis = cameraAxis
        builder.watermark = watermark
        builder.prompt = prompt
        builder.negativePrompt = negativePrompt
        builder.model = model
        builder.mode = mode
        builder.duration = duration
        builder.cfgScale = cfgScale
        builder.callbackURL = callbackUrl
        builder.externalTaskID = externalTaskId
        builder.reference = reference
        builder.staticAreas = staticAreas
        builder.brushAreas = brushAreas
        builder.brushPaths = brushPaths
        return builder.build()
    }
}

/// `--decode` and `--remote`, shared by validate, build and preview.
struct CheckOptions: ParsableArguments {
    @Flag(help: "Decode every image fully to prove its data is whole.")
    var decode = false

    @Flag(help: "Fetch the headers of url: images (HEAD and a ranged GET).")
    var remote = false

    @Option(help: "Refuse images over this many megapixels before decoding.")
    var maxMegapixels: Int = 100

    func validate() throws {
        if maxMegapixels < 1 { throw ValidationError("--max-megapixels must be at least 1") }
    }
}

/// The rule book's context and strictness, shared by validate, build and submit.
struct RuleOptions: ParsableArguments {
    @Option(
        help:
            "image2video or multi-image2video (default: one image -> image2video, more -> multi-image2video; a raw body: from 'image' or 'image_list')."
    )
    var route: Route?

    @OptionGroup var service: BackendOption

    /// The service the rules are judged for (and, for submit, the one it talks to).
    var backend: Backend { service.backend }

    @Flag(help: "Warnings count as errors (exit 1; build writes no body).")
    var strict = false

    @Flag(
        help: "Send brushes and cfg_scale on multi-image2video as the older page listed them (a warning, not an error)."
    )
    var allowUndocumented = false

}
