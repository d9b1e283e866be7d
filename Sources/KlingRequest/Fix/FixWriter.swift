import Foundation
import KlingCheck
public import KlingImage

/// What happened to one file given to ``FixWriter/fix(_:into:options:copyAll:limits:)``.
public struct FixedFile: Sendable {
    /// The file's fate.
    public enum Status: String, Sendable, Codable {
        /// A compliant copy was written.
        case fixed
        /// The image needed nothing and was left alone.
        case unchanged
        /// The image needed nothing and was copied as it is (`--copy-all`).
        case copied
        /// The image could not be read or made compliant.
        case failed
    }

    /// The input path as given.
    public var path: String
    /// The file's fate.
    public var status: Status
    /// Where the copy was written; `nil` for ``Status/unchanged`` and ``Status/failed``.
    public var outputPath: String?
    /// The fixer's report; `nil` when the image could not be read.
    public var outcome: FixOutcome?
    /// Why it failed; `nil` otherwise.
    public var error: FixError?
}

/// Fixes files into a folder: each copy written atomically (a temporary name, then a rename),
/// never over its input, names kept (the extension follows the format), a name taken twice in
/// one run suffixed `-2`, `-3`, ….
public enum FixWriter {
    /// Fixes each of `paths` into the folder `directory` (created when missing).
    public static func fix(
        _ paths: [String], into directory: String, options: FixOptions = FixOptions(), copyAll: Bool = false,
        limits: DecodeLimits = .standard
    ) -> [FixedFile] {
        var taken: Set<String> = []
        var results: [FixedFile] = []
        for path in paths {
            var result = FixedFile(path: path, status: .failed, outputPath: nil, outcome: nil, error: nil)
            do throws(FixError) {
                let outcome = try ImageFixer.fix(path: path, options: options, limits: limits)
                result.outcome = outcome
                if outcome.isUnchanged && !copyAll {
                    result.status = .unchanged
                } else {
                    let target = outputPath(for: path, format: outcome.format, in: directory, taken: &taken)
                    let bytes: [UInt8]
                    if let fixed = outcome.bytes {
                        bytes = fixed
                    } else {
                        bytes = try read(path)
                    }
                    try write(bytes, to: target, input: path, directory: directory)
                    result.outputPath = target
                    result.status = outcome.isUnchanged ? .copied : .fixed
                }
            } catch {
                result.error = error
                result.status = .failed
            }
            results.append(result)
        }
        return results
    }

    /// `DIR/NAME.EXT`: the input's name, its extension kept when it fits the format (`.jpeg`
    /// stays), else `.jpg` or `.png`; `-2`, `-3`, … when a name was taken earlier in the run.
    static func outputPath(for path: String, format: ImageFormat, in directory: String, taken: inout Set<String>)
        -> String
    {
        let url = URL(fileURLWithPath: path)
        let stem = url.deletingPathExtension().lastPathComponent
        let given = url.pathExtension
        let fits =
            format == .jpeg
            ? ["jpg", "jpeg"].contains(given.lowercased()) : given.lowercased() == "png"
        let ext = fits ? given : (format == .jpeg ? "jpg" : "png")
        var name = "\(stem).\(ext)"
        var number = 2
        while taken.contains(name.lowercased()) {
            name = "\(stem)-\(number).\(ext)"
            number += 1
        }
        taken.insert(name.lowercased())
        return (directory as NSString).appendingPathComponent(name)
    }

    static func read(_ path: String) throws(FixError) -> [UInt8] {
        do {
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw .image(path: path, .unreadable(path: path, reason: error.localizedDescription))
        }
    }

    static func write(_ bytes: [UInt8], to target: String, input: String, directory: String) throws(FixError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .writeFailed(path: directory, reason: error.localizedDescription)
        }
        let resolvedTarget = URL(fileURLWithPath: target).resolvingSymlinksInPath().path
        let resolvedInput = URL(fileURLWithPath: input).resolvingSymlinksInPath().path
        if resolvedTarget == resolvedInput { throw .wouldOverwriteInput(path: target) }
        do {
            try AtomicFile.write(Data(bytes), to: target)
        } catch {
            throw .writeFailed(path: target, reason: error.reason)
        }
    }
}
