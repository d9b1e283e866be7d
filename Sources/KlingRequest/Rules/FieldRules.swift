import KlingCheck

/// The rules on a body's fields (api.md, "Routes", "multi-image2video fields", "image2video
/// fields"), as data; the checks are in `FieldRules+Checks.swift`.
///
/// Codes start with the job key they are about (`prompt.too_long`, `images.count`); paths name
/// the job key in a job (`images`, `tail`) and the body key in a raw body (`image_list`,
/// `image_tail`).
public enum FieldRules {
    /// A prompt may hold at most this many characters (Unicode scalars) on both routes [K].
    public static let maximumPromptCharacters = 2500
    /// The older CometAPI page's prompt limit, a warning on the CometAPI backend [C-mi-old].
    public static let olderPagePromptCharacters = 500
    /// The older CometAPI page's negative-prompt limit, a warning on CometAPI [C-mi-old].
    public static let olderPageNegativePromptCharacters = 200
    /// `cfg_scale` lies in 0…1 [K].
    public static let cfgScale: ClosedRange<Double> = 0...1
    /// The most images multi-image2video's `image_list` takes (api.md, "multi-image2video
    /// fields": 1 to 4).
    public static let maximumImages = 4
    /// `mode` values [C-mi], [K].
    public static let modes = ["std", "pro"]
    /// `duration` values, sent as strings [C-mi], [K].
    public static let durations = ["5", "10"]
    /// `aspect_ratio` values of multi-image2video; `16:9` is the default [C-mi], [K].
    public static let aspectRatios = ["16:9", "9:16", "1:1"]
    /// A `camera_control` `simple` axis lies in −10…10 and is not 0 [K], [P].
    public static let cameraAxisRange: ClosedRange<Double> = -10...10
    /// The longest `external_task_id`, in Unicode scalars: KlingPrep's own bound (the API
    /// documents none; generated ids are 46 characters).
    public static let maximumExternalTaskIDCharacters = 128

    // MARK: Images and the route

    /// image2video takes exactly one image, multi-image2video 1 to 4.
    public static let imagesCount = Rule(
        "images.count", .error, fact: "image2video takes exactly one image; multi-image2video 1 to 4.",
        source: "[C-i2v], [C-mi], [K]")
    /// One image on multi-image2video: the older page asked for 2 to 4.
    public static let imagesCountOlderPage = Rule(
        "images.count_older_page", .warning,
        fact: "multi-image2video with one image: the older CometAPI page required 2 to 4.", source: "[C-mi-old]",
        fix: "Use image2video for one image, or add images.",
        scopes: [.init(route: .image2video, nil), .init(backend: .kling, nil)])
    /// A field the chosen route does not document.
    public static let fieldNotOnRoute = Rule(
        "route.field_not_on_route", .error,
        fact:
            "tail, camera_control and cfg_scale belong to image2video; aspect_ratio and watermark to multi-image2video.",
        source: "[C-i2v], [C-mi], [K]")

    // MARK: Model, mode, duration

    /// A known model the route does not take.
    public static let modelNotOnRoute = Rule(
        "model.not_on_route", .error,
        fact: "multi-image2video takes kling-v1-6 only; image2video the models of its table.",
        source: "[C-mi], [K]")
    /// A model name KlingPrep does not know.
    public static let modelUnknown = Rule(
        "model.unknown", .warning, fact: "the model name is one the documentation lists.", source: "[K]")
    /// `mode` other than `std`/`pro`.
    public static let modeUnknown = Rule(
        "mode.unknown", .error, fact: "mode is std or pro.", source: "[C-mi], [K]",
        fix: "Use 'std' (faster) or 'pro' (higher quality).")
    /// `duration` other than 5/10.
    public static let durationUnknown = Rule(
        "duration.unknown", .error, fact: "duration is \"5\" or \"10\" (seconds, sent as a string).",
        source: "[C-mi], [K]", fix: "Use 5 or 10.")

    // MARK: Prompts

    /// No prompt: required on multi-image2video.
    public static let promptMissing = Rule(
        "prompt.missing", .error, fact: "multi-image2video requires a prompt; image2video can do without.",
        source: "[K]", fix: "Write a short prompt, e.g. \"The person turns and walks away.\"",
        scopes: [.init(route: .image2video, .info)])
    /// Prompt over 2500 characters.
    public static let promptTooLong = Rule(
        "prompt.too_long", .error, fact: "prompt has at most 2500 characters (Unicode code points).", source: "[K]")
    /// Prompt over the older CometAPI page's 500.
    public static let promptOlderPageLimit = Rule(
        "prompt.older_page_limit", .warning,
        fact: "on CometAPI, the older page allowed only 500 prompt characters.", source: "[C-mi-old]",
        scopes: [.init(backend: .kling, nil)])
    /// Negative prompt over 2500 characters.
    public static let negativePromptTooLong = Rule(
        "negative_prompt.too_long", .error, fact: "negative_prompt has at most 2500 characters.", source: "[K]")
    /// Negative prompt over the older CometAPI page's 200.
    public static let negativePromptOlderPageLimit = Rule(
        "negative_prompt.older_page_limit", .warning,
        fact: "on CometAPI, the older page allowed only 200 negative-prompt characters.", source: "[C-mi-old]",
        scopes: [.init(backend: .kling, nil)])

    // MARK: cfg_scale, callback_url, external_task_id

    /// `cfg_scale` outside 0…1.
    public static let cfgScaleOutOfRange = Rule(
        "cfg_scale.out_of_range", .error, fact: "cfg_scale is a number from 0 to 1.", source: "[K]",
        fix: "Use a value from 0 (free) to 1 (follow the prompt closely), e.g. 0.5.")
    /// `cfg_scale` on multi-image2video: only the older page lists it.
    public static let cfgScaleRouteUndocumented = Rule(
        "cfg_scale.route_undocumented", .error,
        fact: "cfg_scale is an image2video field; on multi-image2video only the older CometAPI page lists it.",
        source: "[C-mi], [K]; [C-mi-old]",
        scopes: [
            .init(route: .image2video, nil), .init(allowUndocumented: true, .warning),
        ])
    /// `cfg_scale` with a v2.x model.
    public static let cfgScaleModel = Rule(
        "cfg_scale.model_unsupported", .error, fact: "the v2.x models do not take cfg_scale.", source: "[K]",
        fix: "Leave cfg_scale out, or use a v1 model.")
    /// `callback_url` not an absolute http(s) URL.
    public static let callbackURLInvalid = Rule(
        "callback_url.invalid", .error, fact: "callback_url is an absolute http(s) URL.", source: "[C-mi], [K]",
        fix: "Use a full URL such as https://example.com/kling-hook, or leave callback_url out.")
    /// `external_task_id` empty.
    public static let externalTaskIDEmpty = Rule(
        "external_task_id.empty", .error, fact: "external_task_id is not empty.", source: "[C-mi], [K]",
        fix: "Leave external_task_id out to have one derived from the body, or give a unique id.")
    /// `external_task_id` with spaces or control characters.
    public static let externalTaskIDNotPrintable = Rule(
        "external_task_id.not_printable", .error,
        fact:
            "external_task_id holds printable characters without spaces (KlingPrep's rule: it is used in URLs and file names).",
        source: "KlingPrep", fix: "Use letters, digits and '-', '_', '.' only.")
    /// `external_task_id` over 128 characters.
    public static let externalTaskIDTooLong = Rule(
        "external_task_id.too_long", .error, fact: "external_task_id has at most 128 characters (KlingPrep's bound).",
        source: "KlingPrep", fix: "Use a shorter id.")

    // MARK: multi-image2video fields

    /// `aspect_ratio` other than 16:9, 9:16, 1:1.
    public static let aspectRatioUnknown = Rule(
        "aspect_ratio.unknown", .error, fact: "aspect_ratio is 16:9 (default), 9:16 or 1:1.", source: "[C-mi], [K]",
        fix: "Use \"16:9\", \"9:16\" or \"1:1\" (quote it in YAML).")
    /// Portrait or square inputs with `aspect_ratio` left at 16:9.
    public static let aspectRatioDefault = Rule(
        "aspect_ratio.default_for_portrait", .warning,
        fact: "portrait or square images with aspect_ratio left at its 16:9 default make a landscape video.",
        source: "[C-mi], [K]", scopes: [.init(route: .image2video, nil)])

    // MARK: image2video fields

    /// Tail image, brush and camera control exclude each other.
    public static let exclusiveFields = Rule(
        "route.exclusive_fields", .error,
        fact: "image_tail, the motion brush and camera_control exclude each other.", source: "[K]")
    /// Tail image with a 10 s video.
    public static let tailDuration = Rule(
        "tail.duration", .warning, fact: "the tail image is documented for 5 s videos only.", source: "[K], [P]",
        fix: "Use duration 5, or expect the tail image to be ignored or the task to fail.")
    /// `camera_control.type` not documented.
    public static let cameraControlType = Rule(
        "camera_control.type_unknown", .error,
        fact: "camera_control.type is simple, down_back, forward_up, right_turn_forward or left_turn_forward.",
        source: "[K]", fix: "Use one of simple, down_back, forward_up, right_turn_forward, left_turn_forward.")
    /// `camera_control.config` wrong for its type.
    public static let cameraControlConfig = Rule(
        "camera_control.config", .error,
        fact:
            "with type simple, config sets exactly one of horizontal, vertical, pan, tilt, roll, zoom to a non-zero value in -10..10; other types take no config.",
        source: "[K], [P]")

    /// Every rule of this file, in the order `klingprep rules` lists them.
    public static let rules: [Rule] = [
        imagesCount, imagesCountOlderPage, fieldNotOnRoute, modelNotOnRoute, modelUnknown, modeUnknown,
        durationUnknown, promptMissing, promptTooLong, promptOlderPageLimit, negativePromptTooLong,
        negativePromptOlderPageLimit, cfgScaleOutOfRange, cfgScaleRouteUndocumented, cfgScaleModel, callbackURLInvalid,
        externalTaskIDEmpty,
        externalTaskIDNotPrintable, externalTaskIDTooLong, aspectRatioUnknown, aspectRatioDefault, exclusiveFields,
        tailDuration, cameraControlType, cameraControlConfig,
    ]
}
