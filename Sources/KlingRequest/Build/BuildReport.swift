public import Foundation
import KlingBrush
public import KlingCheck
import KlingImage

/// `report.json` and `validate --json`: the verdict, every finding, each image's facts and each
/// brush group's trajectory in both coordinate spaces.
public struct BuildReport: Sendable, Encodable {
    /// One input image.
    public struct Image: Sendable, Encodable {
        public var index: Int
        public var source: String
        public var format: String?
        public var width: Int?
        public var height: Int?
        public var bytes: Int?
        public var decodable: Bool?
        public var exifOrientation: Int?

        enum CodingKeys: String, CodingKey {
            case index, source, format, width, height, bytes, decodable
            case exifOrientation = "exif_orientation"
        }
    }

    /// One point in both spaces: user (pixels, top-left origin) and API (integers, bottom-left).
    public struct Point: Sendable, Encodable {
        public var user: [Double]
        public var api: APIPoint
    }

    /// One dynamic group as drawn.
    public struct Group: Sendable, Encodable {
        public var number: Int
        public var area: String
        public var path: String
        public var whitePixels: Int?
        public var points: [Point]

        enum CodingKeys: String, CodingKey {
            case number, area, path, points
            case whitePixels = "white_pixels"
        }
    }

    /// The KlingPrep that wrote the report (``KlingPrepVersion/current``).
    public var klingprepVersion = KlingPrepVersion.current
    public var ok: Bool
    /// The route the body is for.
    public var route: Route
    /// The job file the report is about, as given; `nil` for a job made of flags.
    public var job: String?
    public var errors: Int
    public var warnings: Int
    public var findings: [Finding]
    public var images: [Image]
    public var reference: Int?
    public var maskSize: String?
    public var staticWhitePixels: Int?
    public var groups: [Group]
    public var outputs: BuildOutput?

    enum CodingKeys: String, CodingKey {
        case ok, route, job, errors, warnings, findings, images, reference, groups, outputs
        case maskSize = "mask_size"
        case staticWhitePixels = "static_white_pixels"
        case klingprepVersion = "klingprep_version"
    }

    /// The report of a checked job; `output` when files were written; with `strict`, `ok` is
    /// false for warnings too.
    public init(report: JobReport, output: BuildOutput? = nil, strict: Bool = false) {
        ok = !report.findings.blocks(strict: strict)
        route = report.job.effectiveRoute
        job = report.document.sourcePath
        errors = report.findings.filter { $0.severity == .error }.count
        warnings = report.findings.filter { $0.severity == .warning }.count
        findings = report.findings
        images = report.images.map { checked in
            let source: String
            switch report.job.images[safe: checked.index] {
            case .file(let path): source = path
            case .url(let url): source = url
            case .base64(let text): source = "base64 (\(text.utf8.count) characters)"
            case nil: source = ""
            }
            return Image(
                index: checked.index, source: source, format: checked.info?.format.rawValue,
                width: checked.info?.width, height: checked.info?.height, bytes: checked.info?.byteCount,
                decodable: checked.decodable, exifOrientation: checked.info?.exifOrientation)
        }
        reference = report.referenceIndex
        maskSize = report.brushes.map { "\($0.size.width)x\($0.size.height)" }
        staticWhitePixels = report.brushes?.staticMask?.whiteCount
        groups = (report.brushes?.groups ?? []).map { group in
            let described = report.job.brushes?.dynamic[safe: group.number - 1]
            let trajectory = group.trajectory
            let points = zip(trajectory?.user ?? [], trajectory?.api ?? []).map { user, api in
                Point(user: [(user.x * 10).rounded() / 10, (user.y * 10).rounded() / 10], api: api)
            }
            return Group(
                number: group.number, area: described?.area ?? "", path: described?.path ?? "",
                whitePixels: group.mask?.whiteCount, points: points)
        }
        outputs = output
    }

    /// Pretty, key-sorted JSON.
    public func jsonData() throws(RequestError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(self) + Data("\n".utf8)
        } catch {
            throw .writeFailed(path: "report.json", reason: "\(error)")
        }
    }
}
