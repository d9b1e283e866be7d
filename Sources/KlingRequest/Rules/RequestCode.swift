/// The stable `Finding.code`s this module reports. Pipelines match on them: never rename.
///
/// Codes are shared between a job (`klingprep validate job.yaml`) and a raw body
/// (`klingprep validate request.json`); the finding's `path` says where (job keys such as
/// `images[2]`, or body keys such as `image_list[2].image`). Indexes in paths are 0-based.
public enum RequestCode {
    // MARK: Reading a job file or a body

    /// A job file that cannot be read at all (permissions, too large, gone, a FIFO): a batch
    /// reports it as its job's finding.
    public static let jobUnreadable = "job.unreadable"
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
    /// A `route` other than `image2video` or `multi-image2video` (error).
    public static let jobRouteUnknown = "job.route_unknown"
    /// A raw body is not well-formed JSON (error).
    public static let bodySyntax = "body.syntax"
    /// A raw body field this endpoint does not document (warning).
    public static let bodyUnknownField = "body.unknown_field"
    /// A raw body value of the wrong JSON type (error).
    public static let bodyTypeMismatch = "body.type_mismatch"
    /// A raw body lacks a required field (error).
    public static let bodyMissingField = "body.missing_field"
}
