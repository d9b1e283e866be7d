import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import KlingBrush
import KlingCheck
import KlingImage

/// What `klingprep build` wrote.
public struct BuildOutput: Sendable, Hashable, Codable {
    /// `request.json`, the exact body; `nil` when errors stopped the build.
    public var request: String?
    /// Size of `request.json` in bytes.
    public var requestBytes: Int?
    /// `masks/static.png`, when the job has a static area.
    public var staticMask: String?
    /// `masks/dynamic-N.png`, one per group, N from 1.
    public var dynamicMasks: [String]
    /// `preview.png`.
    public var preview: String?
    /// `report.json`.
    public var report: String
    /// `images/N.png` or `images/N.jpg` (N from 1), the copies `fix:` made and the body
    /// carries; `nil` when no image was fixed.
    public var fixedImages: [String]? = nil

    enum CodingKeys: String, CodingKey {
        case request, staticMask = "static_mask", dynamicMasks = "dynamic_masks", preview, report
        case fixedImages = "fixed_images"
        case requestBytes = "request_bytes"
    }
}

/// Writes a checked job's outputs into a directory: `request.json`, `masks/static.png`,
/// `masks/dynamic-N.png`, `preview.png` and `report.json` (design.md, "The user's day").
/// Every file is written under a temporary name and renamed; a job with errors gets only its
/// `report.json` (no body is written).
public enum BuildWriter {
    /// Writes the outputs of `report` into `directory` (created when missing).
    ///
    /// The preview is drawn first: when the reference image cannot be decoded for it, that is
    /// added to `report` as an `image.corrupt` error, and no body is written. When `report` has
    /// errors, a `request.json` and masks left in `directory` by an earlier build are removed,
    /// so that an out-of-date body cannot be submitted by mistake.
    /// - Parameters:
    ///   - preview: draws `preview.png` (KlingPreview's `PreviewRenderer`); `nil` writes none (and
    ///     removes one an earlier build left).
    ///   - strict: `--strict`: warnings stop the body as errors do.
    ///   - keepEarlierBody: when the body is stopped, leave an earlier `request.json` in place
    ///     (`submit`: its journal may point at it).
    /// - Throws: ``RequestError`` when a file cannot be read or written.
    public static func write(
        _ report: inout JobReport, to directory: String, preview: (any PreviewDrawing)? = nil, strict: Bool = false,
        keepEarlierBody: Bool = false
    ) async throws(RequestError) -> BuildOutput {
        // Paths keep the caller's spelling (relative stays relative) for messages and report.json.
        func path(_ name: String) -> String { directory.hasSuffix("/") ? directory + name : directory + "/" + name }
        try makeDirectory(directory)
        try refuseUnsafeOutputs(in: directory, report: report, path: path)
        // One build of a folder at a time; holding the lock, temporary files of this folder's
        // outputs are a killed build's, never renamed into place: removed.
        let lock: FolderLock
        do {
            lock = try await FolderLock.acquire(folder: directory)
        } catch {
            throw RequestError(error)
        }
        defer { lock.release() }
        removeTemporaryFiles(in: directory, path: path)
        // The preview is drawn while the body's files are written and flushed; nothing is renamed
        // into place before the preview's own findings are known (they may stop the body).
        let snapshot = report
        async let drawn: Result<[UInt8], PreviewError>? = preview.map { drawer in
            Result { () throws(PreviewError) -> [UInt8] in try drawer.previewPNG(of: snapshot) }
        }
        var output = BuildOutput(
            request: nil, requestBytes: nil, staticMask: nil, dynamicMasks: [], preview: nil,
            report: path("report.json"))
        let masksDirectory = URL(fileURLWithPath: path("masks"))
        let imagesDirectory = URL(fileURLWithPath: path("images"))
        var pending = PendingFiles()
        if !report.findings.blocks(strict: strict) {
            do throws(RequestError) {
                try await writeBody(of: report, into: &pending, output: &output, path: path)
            } catch {
                pending.discard()
                _ = await drawn
                throw error
            }
        }
        switch await drawn {
        case .success(let png):
            do throws(RequestError) {
                try pending.add(png, at: path("preview.png"))
            } catch {
                pending.discard()
                throw error
            }
            output.preview = path("preview.png")
        case .failure(.encodingFailed(let reason)):
            pending.discard()
            throw .writeFailed(path: path("preview.png"), reason: reason)
        case .failure(let error):
            report.findings += previewFindings(error, report: report)
        case nil:
            break
        }
        if report.findings.blocks(strict: strict) {
            // Stopped (by the checks or by the preview): no body, and none left from before.
            pending.discard(keeping: output.preview.map { [$0] } ?? [])
            output.request = nil
            output.requestBytes = nil
            output.staticMask = nil
            output.dynamicMasks = []
            output.fixedImages = nil
            removeStaleMasks(in: masksDirectory, keepStatic: false, dynamicCount: 0)
            removeStaleImages(in: imagesDirectory, keeping: [])
            if !keepEarlierBody { removeStale(path("request.json")) }
        }
        let document = BuildReport(report: report, output: output, strict: strict)
        try pending.add(try document.jsonData(), at: output.report)
        // report.json is renamed last: until then the folder has none, so a build killed while
        // renaming leaves no report that describes a set it did not finish.
        removeStale(output.report)
        try pending.commit()
        if !report.findings.blocks(strict: strict) {
            removeStaleMasks(
                in: masksDirectory, keepStatic: output.staticMask != nil, dynamicCount: output.dynamicMasks.count)
            removeStaleImages(in: imagesDirectory, keeping: report.fixed.values.map(\.fileName))
        }
        if output.preview == nil { removeStale(path("preview.png")) }
        return output
    }

    /// Writes the masks, the fixed copies of images and `request.json` of `report` under
    /// temporary names into `pending`, and their paths into `output`.
    private static func writeBody(
        of report: JobReport, into pending: inout PendingFiles, output: inout BuildOutput,
        path: (String) -> String
    ) async throws(RequestError) {
        let masks = try await encodeMasks(report.brushes)
        if masks.staticMask != nil || !masks.dynamic.isEmpty { try makeDirectory(path("masks")) }
        if let data = masks.staticMask {
            try pending.add(data, at: path("masks/static.png"))
            output.staticMask = path("masks/static.png")
        }
        for (index, data) in masks.dynamic.enumerated() {
            let file = path("masks/dynamic-\(index + 1).png")
            try pending.add(data, at: file)
            output.dynamicMasks.append(file)
        }
        let groups = zip(masks.dynamic, report.brushes?.groups ?? []).map { data, group in
            DynamicMask(mask: .data(data), trajectories: group.trajectory?.api ?? [])
        }
        var body = RequestBody(job: report.job, staticMask: masks.staticMask.map { .data($0) }, dynamicMasks: groups)
        let fixed = report.fixed.values.sorted { $0.index < $1.index }
        if !fixed.isEmpty { try makeDirectory(path("images")) }
        for image in fixed where body.images.indices.contains(image.index) {
            body.images[image.index] = .data(Data(image.bytes))
            let file = path(image.fileName)
            try pending.add(Data(image.bytes), at: file)
            output.fixedImages = (output.fixedImages ?? []) + [file]
        }
        let requestPath = path("request.json")
        let request = try PayloadWriter().writeUncommitted(body, to: requestPath)
        pending.add(request)
        output.request = requestPath
        output.requestBytes = request.byteCount
    }

    /// Refuses a `masks` that is a link or not a folder (the stale-mask clean-up must never
    /// reach outside the output folder), and any output file that is one of the job's images.
    static func refuseUnsafeOutputs(
        in directory: String, report: JobReport, path: (String) -> String
    ) throws(RequestError) {
        var status = stat()
        let masks = path("masks")
        if lstat(masks, &status) == 0, (status.st_mode & S_IFMT) != S_IFDIR {
            let kind = (status.st_mode & S_IFMT) == S_IFLNK ? "a symbolic link" : "not a folder"
            throw .writeFailed(path: masks, reason: "it is \(kind); the masks are written only into a real folder")
        }
        let outputs =
            ["request.json", "preview.png", "report.json", "masks/static.png"]
            + (1...BrushRules.maximumDynamicGroups + 1).map { "masks/dynamic-\($0).png" }
            + (1...FieldRules.maximumImages).flatMap { ["images/\($0).png", "images/\($0).jpg"] }
        // Every name build writes or clears (stale masks and fixed copies are removed).
        let inputs = report.job.inputFiles
        for output in outputs.map(path) {
            if let input = JobInputFile.overwritten(by: output, among: inputs) {
                throw .writeFailed(
                    path: output,
                    reason: "it is \(input.role), and build writes or clears this name in its output folder; "
                        + "choose another output folder")
            }
        }
    }

    /// Creates `directory` (and its parents), with a plain sentence when it cannot.
    static func makeDirectory(_ directory: String) throws(RequestError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw .writeFailed(path: directory, reason: "it is a file, not a folder; give a folder for the outputs")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .writeFailed(path: directory, reason: "the folder cannot be created (\(Files.reason(of: error)))")
        }
    }

    /// The finding for a preview that could not be drawn: a decode failure of a local image is
    /// an error (the service would fail on it too); a remote reference only means no preview.
    /// Nothing is added when that image already has an error of its own.
    static func previewFindings(_ error: PreviewError, report: JobReport) -> [Finding] {
        // An error at the image or inside its entry (e.g. `images[0].pth`, an unknown key that left
        // it without a path) already says why there is no picture.
        let alreadyReported = { (imagePath: String) in
            report.findings.contains { finding in
                guard finding.severity == .error, let path = finding.path else { return false }
                return path == imagePath || path.hasPrefix(imagePath + ".") || path.hasPrefix(imagePath + "[")
            }
        }
        switch error {
        case .noLocalPicture(let imagePath):
            if alreadyReported(imagePath) { return [] }
            return [
                MediaRules.previewUnavailable.finding(
                    "no preview was drawn: the reference image is a URL or missing; previews need a local or inline image.",
                    at: imagePath, in: report.context)
            ].compactMap { $0 }
        case .undecodable(let imagePath, let reason):
            if alreadyReported(imagePath) { return [] }
            return [
                ImageRules.corrupt.finding(
                    "the image could not be decoded for the preview: \(reason).", at: imagePath,
                    fix: "Re-export the image; run with --decode to check every image fully.", in: report.context)
            ].compactMap { $0 }
        case .encodingFailed:
            return []
        }
    }

    /// Removes the temporary files (`.NAME.XXXX.tmp`, ``AtomicOutput``) of the names build
    /// writes, in `directory`, `masks/` and `images/`.
    static func removeTemporaryFiles(in directory: String, path: (String) -> String) {
        let manager = FileManager.default
        for folder in ["", "masks", "images"] {
            let folderPath = folder.isEmpty ? directory : path(folder)
            guard let names = try? manager.contentsOfDirectory(atPath: folderPath) else { continue }
            for name in names where name.hasPrefix(".") && name.hasSuffix(".tmp") {
                let stem = name.dropFirst().split(separator: ".").dropLast(2).joined(separator: ".")
                let ours =
                    folder.isEmpty
                    ? ["request.json", "preview.png", "report.json"].contains(stem)
                    : folder == "masks"
                        ? stem == "static.png" || (stem.hasPrefix("dynamic-") && stem.hasSuffix(".png"))
                        : stem.hasSuffix(".png") || stem.hasSuffix(".jpg")
                if ours { try? manager.removeItem(atPath: folderPath + "/" + name) }
            }
        }
    }

    static func removeStale(_ path: String) {
        if FileManager.default.fileExists(atPath: path) { try? FileManager.default.removeItem(atPath: path) }
    }

    /// The mask PNGs, encoded in parallel from their runs (8-bit gray 0/255,
    /// ``MaskPNGEncoder``): no mask's pixels are ever made.
    static func encodeMasks(_ brushes: BuiltBrushSet?) async throws(RequestError) -> (
        staticMask: Data?, dynamic: [Data]
    ) {
        guard let brushes else { return (nil, []) }
        let masks: [MaskRuns?] = [brushes.staticMask] + brushes.groups.map(\.mask)
        let encoded: [Int: Result<Data, ImageError>] = await withTaskGroup(of: (Int, Result<Data, ImageError>).self) {
            group in
            for (index, mask) in masks.enumerated() {
                guard let mask else { continue }
                group.addTask {
                    let result = Result { () throws(ImageError) -> Data in
                        Data(try MaskPNGEncoder.encode(rows: mask.rows, width: mask.width))
                    }
                    return (index, result)
                }
            }
            var results: [Int: Result<Data, ImageError>] = [:]
            for await (index, result) in group { results[index] = result }
            return results
        }
        func data(_ index: Int) throws(RequestError) -> Data? {
            guard let result = encoded[index] else { return nil }
            switch result {
            case .success(let data): return data
            case .failure(let error): throw .writeFailed(path: "masks", reason: error.description)
            }
        }
        var dynamic: [Data] = []
        for index in 1..<masks.count {
            if let mask = try data(index) { dynamic.append(mask) }
        }
        return (try data(0), dynamic)
    }

    /// Removes fixed copies (`images/N.png`, `images/N.jpg`) a previous build left that this
    /// build did not write (`keeping`, as ``FixedJobImage/fileName``).
    static func removeStaleImages(in directory: URL, keeping: [String]) {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where !keeping.contains("images/" + name) {
            let stem = name.hasSuffix(".png") || name.hasSuffix(".jpg") ? String(name.dropLast(4)) : ""
            guard let number = Int(stem), (1...FieldRules.maximumImages).contains(number) else { continue }
            try? manager.removeItem(at: directory.appendingPathComponent(name))
        }
    }

    /// Removes mask files a previous build left that this build did not write.
    static func removeStaleMasks(in directory: URL, keepStatic: Bool, dynamicCount: Int) {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names {
            var stale = false
            if name == "static.png" { stale = !keepStatic }
            if name.hasPrefix("dynamic-"), name.hasSuffix(".png"),
                let number = Int(name.dropFirst("dynamic-".count).dropLast(".png".count))
            {
                stale = number > dynamicCount
            }
            if stale { try? manager.removeItem(at: directory.appendingPathComponent(name)) }
        }
    }
}
