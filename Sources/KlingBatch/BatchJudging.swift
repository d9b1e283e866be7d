import Foundation
import KlingCheck
import KlingRequest

/// Judging and building one job, as `validate` and `build` do for a single job file.
enum BatchJudging {
    /// A judged (and maybe built) job: its result so far and the body to send, if any.
    struct Judged: Sendable {
        var result: BatchJobResult
        /// The request body to submit; `nil` when the job is blocked or was only validated.
        var bodyPath: String?
    }

    /// Judges `job`; with `build`, writes its outputs into its folder.
    static func judge(_ job: BatchJob, options: BatchOptions) async -> Judged {
        let started = ContinuousClock.now
        var judged: Judged
        do throws(RequestError) {
            switch options.mode {
            case .validate: judged = try await validate(job, options: options.preparation)
            case .build, .submit: judged = try await build(job, options: options)
            }
        } catch {
            var result = BatchJobResult(input: job.input, file: job.file, status: .invalid)
            let finding: Finding
            switch error {
            case .unreadable, .tooLarge:
                finding = Finding(
                    .error, code: RequestCode.jobUnreadable, message: error.description,
                    fix: "Check the path, that it is a regular file, and its permissions.")
                result.findings = [.init(finding, line: job.manifestLine)]
            default:
                // The job was judged, but its outputs could not be written.
                result.status = .error
                result.message = error.description
            }
            judged = Judged(result: result, bodyPath: nil)
        }
        judged.result.seconds = (ContinuousClock.now - started).seconds
        return judged
    }

    private static func validate(
        _ job: BatchJob, options: SubmissionPreparation.Options
    ) async throws(RequestError) -> Judged {
        let findings: [BatchJobResult.LocatedFinding]
        let route: Route
        if case .file(let path) = job.source, RequestInput.classify(path: path) == .body {
            let read = try RawBodyValidator.load(
                path: path, route: options.route, backend: options.backend,
                allowUndocumented: options.allowUndocumented)
            route = read.context.route
            findings = RawBodyChecker.check(read, decode: options.decode, limits: options.limits).map { finding in
                let place = JobDocument.place(of: finding, location: read.location(of:))
                return .init(finding, line: place?.line, column: place?.column)
            }
        } else {
            let document = try load(job, options: options)
            let checks = JobCheckOptions(
                decode: options.decode, limits: options.limits,
                context: RuleContext(route: .image2video, backend: options.backend))
            let report = await JobChecker.check(document, options: checks)
            route = report.job.effectiveRoute
            findings = locate(report.findings, of: job, in: document)
        }
        var result = BatchJobResult(
            input: job.input, file: job.file,
            status: findings.map(\.finding).blocks(strict: options.strict) ? .invalid : .valid)
        result.route = route
        result.findings = findings
        return Judged(result: result, bodyPath: nil)
    }

    private static func build(_ job: BatchJob, options: BatchOptions) async throws(RequestError) -> Judged {
        guard let folder = options.folder(of: job) else {
            throw .writeFailed(path: "the batch", reason: "no output folder was given")
        }
        var preparation = options.preparation
        // A re-run after a crash keeps the body a journal may already point at.
        preparation.keepEarlierBody = options.mode == .submit
        let prepared: PreparedSubmission
        var document: JobDocument? = nil
        switch job.source {
        case .file(let path):
            prepared = try await SubmissionPreparation.prepare(input: path, output: folder, options: preparation)
            document = prepared.job?.document
        case .manifestLine:
            let read = try load(job, options: preparation)
            document = read
            prepared = try await SubmissionPreparation.prepare(document: read, output: folder, options: preparation)
        }
        var result = BatchJobResult(input: job.input, file: job.file, status: prepared.isBlocked ? .invalid : .built)
        result.route = prepared.route
        result.findings =
            document.map { locate(prepared.findings, of: job, in: $0) } ?? prepared.findings.map { .init($0) }
        result.output = prepared.input == .job ? folder : nil
        return Judged(result: result, bodyPath: prepared.bodyPath)
    }

    /// The job's document: its file read, or its manifest line decoded against the manifest's folder.
    private static func load(
        _ job: BatchJob, options: SubmissionPreparation.Options
    ) throws(RequestError) -> JobDocument {
        switch job.source {
        case .file(let path):
            return try JobFile.load(
                path: path, backend: options.backend, route: options.route,
                allowUndocumented: options.allowUndocumented ? true : nil)
        case .manifestLine(let manifest, _, let text):
            let folder = URL(fileURLWithPath: manifest).deletingLastPathComponent().path
            var document = JobFile.decode(
                Data(text.utf8), format: .json, baseDirectory: folder, backend: options.backend,
                route: options.route, allowUndocumented: options.allowUndocumented ? true : nil)
            document.sourcePath = manifest
            return document
        }
    }

    /// `findings` with their lines: the job file's line of each finding's path, or the
    /// manifest's line (a manifest job is one line, so "line 1: " is dropped from its messages).
    static func locate(
        _ findings: [Finding], of job: BatchJob, in document: JobDocument
    ) -> [BatchJobResult.LocatedFinding] {
        findings.map { finding in
            if let line = job.manifestLine {
                var copy = finding
                if copy.message.hasPrefix("line 1: ") { copy.message.removeFirst("line 1: ".count) }
                return .init(copy, line: line)
            }
            let place = document.place(of: finding)
            return .init(finding, line: place?.line, column: place?.column)
        }
    }
}

extension BatchJob {
    /// The manifest line of a manifest job.
    var manifestLine: Int? {
        if case .manifestLine(_, let line, _) = source { return line }
        return nil
    }
}

extension Duration {
    var seconds: Double {
        let (whole, attos) = components
        return Double(whole) + Double(attos) / 1e18
    }
}
