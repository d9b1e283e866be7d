import Foundation
public import KlingCheck
public import KlingImage

/// Turns what `klingprep submit` is given into a request body that may be sent: a raw body is
/// checked as `validate request.json` checks it; a job file is checked and built as `build`
/// does (design.md, "The user's day"). Nothing is sent here, and nothing is printed.
public enum SubmissionPreparation {
    /// How the input is judged and built.
    public struct Options: Sendable {
        /// `--route`: the route to judge for; `nil` takes a job's own route (or its number of
        /// images) or a raw body's shape.
        public var route: Route?
        /// The backend the rules are judged for.
        public var backend: Backend
        /// `--allow-undocumented`: the brush fields and `cfg_scale` on multi-image2video are
        /// warnings, not errors. `false` leaves a job file's `allow_undocumented_fields` as written.
        public var allowUndocumented: Bool
        /// `--strict`: warnings block as errors do.
        public var strict: Bool
        /// `--decode`: decode every image fully before building.
        public var decode: Bool
        /// Decoder limits (absurd dimensions are refused before anything is allocated).
        public var limits: DecodeLimits
        /// Draws a job's `preview.png` (KlingPreview's `PreviewRenderer`); `nil` draws none.
        public var preview: (any PreviewDrawing)?
        /// A blocked job leaves the `request.json` of an earlier build in place (`submit`: a
        /// journal may point at it as the body of a task already sent).
        public var keepEarlierBody = false

        /// Options; by default the current rules of CometAPI, warnings do not block, headers only.
        public init(
            route: Route? = nil, backend: Backend = .cometapi, allowUndocumented: Bool = false, strict: Bool = false,
            decode: Bool = false, limits: DecodeLimits = .standard, preview: (any PreviewDrawing)? = nil
        ) {
            self.route = route
            self.backend = backend
            self.allowUndocumented = allowUndocumented
            self.strict = strict
            self.decode = decode
            self.limits = limits
            self.preview = preview
        }
    }

    /// Checks `input` and, for a job, builds it into `output` (default:
    /// ``defaultDirectory(forJob:)``), exactly as `klingprep build` does.
    ///
    /// The input is a raw body or a job by ``RequestInput/classify(path:)``. A raw body is
    /// sent as it is, so nothing is written for it. A job gets its outputs (`request.json`,
    /// masks, `preview.png`, `report.json`); when it is blocked, only `report.json` is written
    /// and a `request.json` an earlier build left is removed, unless
    /// ``Options/keepEarlierBody`` keeps it.
    /// - Parameter output: the job's build directory, created when missing; unused for a body.
    /// - Throws: ``RequestError`` when the input cannot be read or a build output cannot be
    ///   written. Problems in the input are findings, and make the result blocked.
    public static func prepare(
        input: String, output: String? = nil, options: Options = Options()
    ) async throws(RequestError) -> PreparedSubmission {
        switch RequestInput.classify(path: input) {
        case .body: try prepareBody(input, options: options)
        // A picture is read as a job, whose reading says it is an image and not a job file.
        case .job, .image:
            try await prepareJob(input, output: output ?? defaultDirectory(forJob: input), options: options)
        }
    }

    /// `DIR/NAME.klingprep` for the job `DIR/NAME.yaml`: where `submit` builds a job when no
    /// directory is given.
    public static func defaultDirectory(forJob path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let name = url.deletingPathExtension().lastPathComponent
        return url.deletingLastPathComponent().appendingPathComponent("\(name).klingprep").path
    }

    private static func prepareBody(_ path: String, options: Options) throws(RequestError) -> PreparedSubmission {
        let read = try RawBodyValidator.load(
            path: path, route: options.route, backend: options.backend, allowUndocumented: options.allowUndocumented)
        let findings = RawBodyChecker.check(read, decode: options.decode, limits: options.limits)
        return PreparedSubmission(
            input: .body, bodyPath: findings.blocks(strict: options.strict) ? nil : path, route: read.context.route,
            findings: findings, job: nil, build: nil)
    }

    private static func prepareJob(
        _ path: String, output: String, options: Options
    ) async throws(RequestError) -> PreparedSubmission {
        let document = try JobFile.load(
            path: path, backend: options.backend, route: options.route,
            allowUndocumented: options.allowUndocumented ? true : nil)
        return try await prepare(document: document, output: output, options: options)
    }

    /// Checks a job already read (a job file, or one line of a batch manifest read with
    /// ``JobFile/decode(_:format:baseDirectory:backend:route:allowUndocumented:)``) and builds it
    /// into `output`, as ``prepare(input:output:options:)`` does for a job file. The document
    /// was read for ``Options/backend``, ``Options/route`` and ``Options/allowUndocumented``.
    /// - Throws: ``RequestError`` when a build output cannot be written.
    public static func prepare(
        document: JobDocument, output: String, options: Options
    ) async throws(RequestError) -> PreparedSubmission {
        let checks = JobCheckOptions(
            decode: options.decode, limits: options.limits,
            context: RuleContext(route: .image2video, backend: options.backend))
        var report = await JobChecker.check(document, options: checks)
        let written = try await BuildWriter.write(
            &report, to: output, preview: options.preview, strict: options.strict,
            keepEarlierBody: options.keepEarlierBody)
        let blocked = report.findings.blocks(strict: options.strict)
        return PreparedSubmission(
            input: .job, bodyPath: blocked ? nil : written.request, route: report.job.effectiveRoute,
            findings: report.findings, job: report, build: written)
    }
}
