/// The stable `Finding.code`s this module reports. Pipelines match on them: never rename.
///
/// Codes are shared between a job (`klingprep validate job.yaml`) and a raw body
/// (`klingprep validate request.json`); the finding's `path` says where (job keys such as
/// `images[2]`, or body keys such as `image_list[2].image`). Indexes in paths are 0-based.
public enum RequestCode {
    // MARK: Reading a job file or a body

    /// The file is not well-formed YAML or JSON (error).
    public static let jobSyntax = "job.syntax"
    /// The file holds no document, or its top level is not a mapping (error).
    public static let jobEmpty = "job.empty"
    /// A key the schema does not know (error in a job; see ``bodyUnknownField`` for bodies).
    public static let jobUnknownKey = "job.unknown_key"
    /// A value of the wrong kind, e.g. a list where a string belongs (error).
    public static let jobTypeMismatch = "job.type_mismatch"
    /// A required key is absent (error).
    public static let jobMissingField = "job.missing_field"
    /// The same key twice in one mapping (error).
    public static let jobDuplicateKey = "job.duplicate_key"
    /// An `images` entry that is not exactly one of a path, `path:`, `url:` or `base64:` (error).
    public static let jobImageSource = "job.image_source"
    /// A raw body is not well-formed JSON (error).
    public static let bodySyntax = "body.syntax"
    /// A raw body field this endpoint does not document (warning).
    public static let bodyUnknownField = "body.unknown_field"
    /// A raw body value of the wrong JSON type (error).
    public static let bodyTypeMismatch = "body.type_mismatch"
    /// A raw body lacks a required field (error).
    public static let bodyMissingField = "body.missing_field"

    // MARK: Field rules (api.md, "Create a task")

    /// Fewer than 2 or more than 4 images (error; api.md, `image_list`).
    public static let imagesCount = "images.count"
    /// `prompt` absent or empty (error).
    public static let promptEmpty = "prompt.empty"
    /// `prompt` longer than 500 Unicode scalars (error; api.md, `prompt`).
    public static let promptTooLong = "prompt.too_long"
    /// `negative_prompt` longer than 200 Unicode scalars (error; api.md, `negative_prompt`).
    public static let negativePromptTooLong = "negative_prompt.too_long"
    /// `cfg_scale` outside 0…1 or not a finite number (error; api.md, `cfg_scale`).
    public static let cfgScaleOutOfRange = "cfg_scale.out_of_range"
    /// `mode` other than `std`/`pro` (error; api.md, `mode`).
    public static let modeUnknown = "mode.unknown"
    /// `duration` other than 5/10 (error; api.md, `duration`).
    public static let durationUnknown = "duration.unknown"
    /// A model name not in ``KnownModels`` (warning; api.md, `model_name`).
    public static let modelUnknown = "model.unknown"
    /// `callback_url` not an absolute http(s) URL (error; api.md, `callback_url`).
    public static let callbackURLInvalid = "callback_url.invalid"
    /// `external_task_id` empty (error; api.md, `external_task_id`).
    public static let externalTaskIDEmpty = "external_task_id.empty"
    /// `external_task_id` with control or whitespace-only characters (error).
    public static let externalTaskIDNotPrintable = "external_task_id.not_printable"
    /// `external_task_id` longer than ``FieldRules/maximumExternalTaskIDCharacters`` (error).
    public static let externalTaskIDTooLong = "external_task_id.too_long"

    // MARK: Inline images and masks

    /// Inline base64 starting with `data:…,` — stripped with a notice (info) in a job, an error
    /// in a raw body (api.md, `image_list[].image`: base64 **without** a `data:` prefix).
    public static let imageDataPrefix = "image.data_prefix"
    /// The same for `static_mask` / `dynamic_masks[].mask` (error in a raw body).
    public static let maskDataPrefix = "mask.data_prefix"
    /// Inline image text that is not valid base64 (error).
    public static let imageBase64Invalid = "image.base64_invalid"
    /// Inline mask text that is not valid base64 (error).
    public static let maskBase64Invalid = "mask.base64_invalid"
    /// An image given as a URL that is not an absolute http(s) URL (error).
    public static let imageURLInvalid = "image.url_invalid"
    /// A mask given as a URL that is not an absolute http(s) URL (error).
    public static let maskURLInvalid = "mask.url_invalid"
    /// An image given as an empty path or string (error).
    public static let imageEmpty = "image.empty"

    // MARK: Brushes (field-level; ``BrushRules`` has the rest)

    /// `brushes.reference` outside 1…number of images (error).
    public static let brushReferenceOutOfRange = "brushes.reference_out_of_range"
    /// An `ease` option other than `in`, `out`, `in-out` (error; design.md, "Description language").
    public static let brushEaseUnknown = "brushes.ease_unknown"
    /// An empty area or path description (error).
    public static let brushDescriptionEmpty = "brushes.empty_description"
    /// A brush with `duration` 10: brushes are documented for 5 s only (warning; api.md,
    /// "Brush rules in more detail").
    public static let brushDurationUnsupported = "brushes.duration_unsupported"
    /// A brush with a model/mode outside ``BrushCapability/documented`` (warning).
    public static let brushCapabilityUnlisted = "brushes.capability_unlisted"
    /// A body that mixes masks with `camera_control` or `image_tail` (error; api.md, "Brush
    /// rules in more detail").
    public static let brushConflict = "brushes.conflict"
}
