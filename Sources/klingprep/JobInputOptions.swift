import ArgumentParser
import Foundation
import KlingRequest

/// A job from a file, or from flags for a one-off (design.md, "Job file").
struct JobInputOptions: ParsableArguments {
    @Argument(help: "A job file (YAML or JSON). Or describe a one-off job with --image, --prompt, …")
    var job: String?

    @Option(name: .customLong("image"), help: "An input image: a path, an http(s) URL or base64 (2–4 times).")
    var images: [String] = []

    @Option(help: "The prompt: what moves and how (≤ 500 characters).")
    var prompt: String?

    @Option(help: "What to avoid (≤ 200 characters).")
    var negativePrompt: String?

    @Option(help: "model_name, e.g. kling-v1-6.")
    var model: String?

    @Option(help: "std or pro.")
    var mode: String?

    @Option(help: "Video length in seconds: 5 or 10.")
    var duration: String?

    @Option(help: "Prompt adherence, 0…1.")
    var cfgScale: Double?

    @Option(help: "Webhook URL for status changes.")
    var callbackUrl: String?

    @Option(help: "Your own id for the task.")
    var externalTaskId: String?

    @Option(help: "Which image (1-based) the masks are drawn on.")
    var reference: Int?

    @Option(name: .customLong("static"), help: "An area that stays still (repeatable).")
    var staticAreas: [String] = []

    @Option(name: .customLong("brush"), help: "An area that moves (repeatable; pair each with --path).")
    var brushAreas: [String] = []

    @Option(name: .customLong("path"), help: "The path of the matching --brush (repeatable).")
    var brushPaths: [String] = []

    /// True when any one-off flag is given.
    var hasFlags: Bool {
        !images.isEmpty || prompt != nil || negativePrompt != nil || model != nil || mode != nil
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

    /// The job, read from its file or built from the flags.
    /// - Throws: `RequestError` when the job file cannot be read at all.
    func document() throws -> JobDocument {
        if let job { return try JobFile.load(path: job) }
        var builder = JobBuilder()
        builder.images = images
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
