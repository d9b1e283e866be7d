public import KlingCheck

/// The fields of a job or a raw body that the field rules judge, whichever it came from.
///
/// A job and a raw body fill the same value, so both are checked by the same rules
/// (``FieldRules/check(_:context:)``); ``Paths`` say where each finding points (job keys in a
/// job, body keys in a body).
public struct RequestFields: Sendable, Hashable {
    /// Where each field is, for findings' paths.
    public struct Paths: Sendable, Hashable {
        public var model = "model"
        public var mode = "mode"
        public var duration = "duration"
        public var prompt = "prompt"
        public var negativePrompt = "negative_prompt"
        public var cfgScale = "cfg_scale"
        public var callbackURL = "callback_url"
        public var externalTaskID = "external_task_id"
        public var images = "images"
        public var tail = "tail"
        public var cameraControl = "camera_control"
        public var aspectRatio = "aspect_ratio"
        public var watermark = "watermark"
        /// Where a brush is: `brushes` in a job, `static_mask` or `dynamic_masks` in a body.
        public var brushes = "brushes"

        /// A job's keys.
        public static let job = Paths()
        /// A raw body's keys on `route`.
        public static func body(route: Route, brushKey: String) -> Paths {
            var paths = Paths()
            paths.model = "model_name"
            paths.images = route == .image2video ? "image" : "image_list"
            paths.tail = "image_tail"
            paths.watermark = "watermark_info"
            paths.brushes = brushKey
            return paths
        }
    }

    public var paths: Paths = .job
    public var model: String?
    public var mode: String?
    public var duration: String?
    /// `nil` when absent; the prompt rules tell absent from empty.
    public var prompt: String?
    public var negativePrompt: String?
    public var cfgScale: Double?
    public var callbackURL: String?
    public var externalTaskID: String?
    /// Number of input images (`image` counts as one).
    public var imageCount = 0
    public var hasTail = false
    public var cameraControl: CameraControl?
    public var aspectRatio: String?
    public var watermark: Bool?
    /// A static area or mask, or at least one dynamic group.
    public var hasBrush = false

    /// Empty fields at job keys.
    public init() {}
}
