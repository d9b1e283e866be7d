import KlingBrush
public import Foundation
public import KlingCheck

/// Builds a ``Job`` from command-line style inputs, for one-offs without a job file
/// (`--image`, `--prompt`, `--static`, `--brush AREA --path PATH`, …; issue 4, "Job file").
///
/// Fill the properties in, then call ``build()``; it returns the same ``JobDocument`` a job
/// file gives, with field findings, so the CLI reports both kinds of job alike. The CLI maps
/// its flags onto these properties and does nothing else.
public struct JobBuilder: Sendable {
    /// Directory relative image paths are resolved against (normally the current directory).
    public var baseDirectory: String
    /// `--route`; `nil` implies it from the number of images.
    public var route: Route?
    /// `--backend`: the rule book's backend for the field findings.
    public var backend: Backend = .cometapi
    /// `--image`, in order: a path, an `http(s)://` URL, or inline base64 (see
    /// ``JobImage/commandLine(_:baseDirectory:)``).
    public var images: [String] = []
    /// `--tail`: image2video's end frame, written like an `--image`.
    public var tail: String?
    /// `--camera TYPE` (e.g. `simple`, `down_back`).
    public var cameraType: String?
    /// `--camera-axis AXIS=VALUE` for `simple` (e.g. `zoom=5`), as given; the rules want exactly
    /// one.
    public var cameraAxis: [String] = []
    /// `--aspect-ratio` (`16:9`, `9:16`, `1:1`).
    public var aspectRatio: String?
    /// `--watermark` / `--no-watermark`.
    public var watermark: Bool?
    /// `--allow-undocumented`.
    public var allowUndocumentedFields = false
    /// `--prompt`.
    public var prompt: String?
    /// `--negative-prompt`.
    public var negativePrompt: String?
    /// `--model`.
    public var model: String?
    /// `--mode`.
    public var mode: String?
    /// `--duration`, as given (`"5"`, `"10"`).
    public var duration: String?
    /// `--cfg-scale`.
    public var cfgScale: Double?
    /// `--callback-url`.
    public var callbackURL: String?
    /// `--external-task-id`.
    public var externalTaskID: String?
    /// `--reference`, 1-based (default 1).
    public var reference: Int?
    /// `--static`, each an area description.
    public var staticAreas: [String] = []
    /// `--brush`, each an area description; paired by position with ``brushPaths``.
    public var brushAreas: [String] = []
    /// `--path`, each a path description; the n-th belongs to the n-th `--brush`.
    public var brushPaths: [String] = []

    /// Creates an empty builder resolving relative paths against `baseDirectory`.
    public init(baseDirectory: String = FileManager.default.currentDirectoryPath) {
        self.baseDirectory = baseDirectory
    }

    /// The job and its field findings. A `--brush` without its `--path` (or the reverse) is a
    /// `job.missing_field` at `brushes.dynamic[i].path` (or `.area`).
    public func build() -> JobDocument {
        var findings: [Finding] = []
        var dynamic: [BrushGroup] = []
        for index in 0..<max(brushAreas.count, brushPaths.count) {
            let area = index < brushAreas.count ? brushAreas[index] : nil
            let path = index < brushPaths.count ? brushPaths[index] : nil
            if area == nil {
                findings.append(unpaired(index: index, missing: "area", flag: "--brush", other: "--path"))
            }
            if path == nil {
                findings.append(unpaired(index: index, missing: "path", flag: "--path", other: "--brush"))
            }
            dynamic.append(BrushGroup(area: area ?? "", path: path ?? ""))
        }
        var brushes: JobBrushes?
        if reference != nil || !staticAreas.isEmpty || !dynamic.isEmpty {
            brushes = JobBrushes(reference: reference, staticAreas: staticAreas, dynamic: dynamic)
        }
        var camera: CameraControl?
        if let cameraType {
            var control = CameraControl(type: cameraType)
            var config = CameraConfig()
            for axis in cameraAxis {
                let parts = axis.split(separator: "=", maxSplits: 1).map(String.init)
                if parts.count == 2, let value = Double(parts[1]), CameraConfig.axes.contains(parts[0]) {
                    config.set(parts[0], to: value)
                } else {
                    findings.append(
                        cameraFlag(
                            "--camera-axis is \(Quote.short(axis)); it must be AXIS=VALUE with AXIS one of \(CameraConfig.axes.joined(separator: ", ")).",
                            fix: "E.g. --camera simple --camera-axis zoom=5."))
                }
            }
            if !cameraAxis.isEmpty { control.config = config }
            camera = control
        } else if let first = cameraAxis.first {
            findings.append(
                cameraFlag(
                    "--camera-axis \(Quote.short(first)) is given without --camera; it sets an axis of camera_control type simple.",
                    fix: "Add --camera simple."))
        }
        let job = Job(
            route: route, model: model, mode: mode, duration: duration, prompt: prompt, negativePrompt: negativePrompt,
            cfgScale: cfgScale, callbackURL: callbackURL, externalTaskID: externalTaskID,
            images: images.map { JobImage.commandLine($0, baseDirectory: baseDirectory) },
            tail: tail.map { JobImage.commandLine($0, baseDirectory: baseDirectory) }, cameraControl: camera,
            aspectRatio: aspectRatio, watermark: watermark, allowUndocumentedFields: allowUndocumentedFields,
            brushes: brushes, baseDirectory: baseDirectory)
        let missing = Set(findings.compactMap(\.path))
        let fieldFindings = JobValidator.validate(job, backend: backend).filter { finding in
            finding.path.map { !missing.contains($0) } ?? true
        }
        return JobDocument(job: job, findings: findings + fieldFindings)
    }

    private func cameraFlag(_ message: String, fix: String) -> Finding {
        Finding(
            .error, code: FieldRules.cameraControlConfig.code, path: "camera_control.config", message: message, fix: fix
        )
    }

    private func unpaired(index: Int, missing: String, flag: String, other: String) -> Finding {
        Finding(
            .error, code: RequestCode.jobMissingField, path: "brushes.dynamic[\(index)].\(missing)",
            message: "brush \(index + 1) has no \(missing): every \(other) needs its own \(flag).",
            fix: "Give \(flag) once for each \(other), in the same order.")
    }
}

extension JobImage {
    /// Reads one `--image` argument: `http://`/`https://` → ``url(_:)``; `data:…` or
    /// `base64:…` → ``base64(_:)`` (the `base64:` marker removed, a `data:` header kept for the
    /// notice); anything else is a file path resolved against `baseDirectory`.
    public static func commandLine(_ argument: String, baseDirectory: String) -> JobImage {
        let head = argument.prefix(8).lowercased()
        if head.hasPrefix("http://") || head.hasPrefix("https://") { return .url(argument) }
        if head.hasPrefix("data:") { return .base64(argument) }
        if head.hasPrefix("base64:") { return .base64(String(argument.dropFirst("base64:".count))) }
        return .file(JobPaths.resolve(argument, against: baseDirectory))
    }
}
