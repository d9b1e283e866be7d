public import KlingCheck

/// What ``SubmissionPreparation/prepare(input:output:options:)`` made of `submit`'s input: the
/// body to send and its route, or why nothing may be sent.
public struct PreparedSubmission: Sendable {
    /// What the input was: a job file, or a raw request body.
    public var input: RequestInput
    /// The request body file to send: the raw body as given, or the `request.json` built from
    /// the job; `nil` when the submission is blocked.
    public var bodyPath: String?
    /// The route the body is for: a job's route (`--route`, its `route:`, else from its number
    /// of images), or a raw body's (`--route`, else `image` → image2video, `image_list` →
    /// multi-image2video).
    public var route: Route
    /// Every finding of the checks, in the order they were made.
    public var findings: [Finding]
    /// A job's checked report, with any finding the build added; `nil` for a raw body.
    public var job: JobReport?
    /// What building the job wrote (`report.json` always); `nil` for a raw body.
    public var build: BuildOutput?

    /// True when nothing may be sent: an error among ``findings`` (with `strict`, a warning
    /// too), or no body was written.
    public var isBlocked: Bool { bodyPath == nil }
}
