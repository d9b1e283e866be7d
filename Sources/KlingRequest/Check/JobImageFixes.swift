import Foundation
public import KlingCheck
import KlingImage

/// A job's image after its `fix:` was applied: the copy the body carries and how its pixels
/// moved (``FixGeometry``: stored → upright → fixed grid).
public struct FixedJobImage: Sendable {
    /// 0-based position in `images`.
    public var index: Int
    /// What the fixer did; ``FixOutcome/bytes`` is the fixed file (PNG or JPEG).
    public var outcome: FixOutcome

    /// The fixed file's bytes.
    public var bytes: [UInt8] { outcome.bytes ?? [] }
    /// How the pixels moved.
    public var geometry: FixGeometry { outcome.geometry }
    /// `images/N.png` or `images/N.jpg`, N from 1: where `build` writes the copy.
    public var fileName: String { "images/\(index + 1).\(outcome.format == .png ? "png" : "jpg")" }
}

/// Applies a job's `fix:` to its images before they are judged (README, "Fixing images").
enum JobImageFixes {
    /// What fixing gave: the changed copies by index, and the findings (what was done, the
    /// caveats, what could not be fixed), at `images[i]`.
    struct Result {
        var fixed: [Int: FixedJobImage] = [:]
        var findings: [Finding] = []
    }

    /// Fixes each local or inline image that `job` asks to fix (`url:` images are the
    /// decoder's ``FixRules/urlImage`` finding), two at a time.
    static func apply(_ job: Job, limits: DecodeLimits, context: RuleContext) async -> Result {
        let wanted = job.images.indices.compactMap { index -> (Int, FixOptions)? in
            guard let options = job.fixOptions(forImage: index) else { return nil }
            switch job.images[index] {
            case .file(let path) where !path.isEmpty: return (index, options)
            case .base64: return (index, options)
            default: return nil
            }
        }
        let outcomes = await Parallel.map(wanted) { index, options in
            (index, fix(job.images[index], label: "image \(index + 1)", options: options, limits: limits))
        }
        var result = Result()
        for (index, outcome) in outcomes {
            let path = "images[\(index)]"
            switch outcome {
            case .success(let outcome):
                guard !outcome.isUnchanged else { continue }
                result.fixed[index] = FixedJobImage(index: index, outcome: outcome)
                let steps = outcome.steps.map(\.text).joined(separator: "; ")
                result.findings += [
                    FixRules.applied.finding(
                        "image \(index + 1) was fixed for the body: \(steps).", at: path, in: context)
                ].compactMap { $0 }
                for step in outcome.steps where step.isWarning {
                    result.findings += [
                        FixRules.caveat.finding("image \(index + 1): \(step.text).", at: path, in: context)
                    ].compactMap { $0 }
                }
            case .failure(let error):
                result.findings += [
                    FixRules.failed.finding(
                        "image \(index + 1) could not be fixed: \(error.reason).", at: path, in: context)
                ].compactMap { $0 }
            }
        }
        return result
    }

    private static func fix(_ image: JobImage, label: String, options: FixOptions, limits: DecodeLimits)
        -> Swift.Result<FixOutcome, FixError>
    {
        Swift.Result { () throws(FixError) -> FixOutcome in
            switch image {
            case .base64(let text):
                let bytes = InlineBase64.decode(text).map { [UInt8]($0) } ?? []
                return try ImageFixer.fix(bytes: bytes, label: label, options: options, limits: limits)
            case .file(let path):
                return try ImageFixer.fix(path: path, options: options, limits: limits)
            case .url:
                preconditionFailure("url images are not fixed")
            }
        }
    }
}
