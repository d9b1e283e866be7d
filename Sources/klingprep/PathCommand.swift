import ArgumentParser
import Foundation
import KlingBrush
import KlingCheck
import KlingRequest

/// `klingprep path (--like IMAGE | --size WxH) PATH [--area AREA] [--points N] [--ease …] [--json]`:
/// a trajectory in user space and in the API's space.
struct PathCommand: KlingprepCommand {
    static let configuration = CommandConfiguration(
        commandName: "path",
        abstract: "Show the trajectory of a path description, in user space and in the API's space.",
        discussion: """
            PATH is a description such as "arc 0.2,0.7 -> 0.8,0.7 bend 0.3" or "move right 0.2". \
            User space is the image as an editor shows it (pixels from the top-left corner, y \
            down); the API's space is whole pixels from the bottom-left corner, y up. With --json, \
            stdout carries exactly the API's trajectory, [{"x":...,"y":...},...], on one line. \
            Points outside the image are an error: the table is still printed (those rows are \
            marked), --json prints nothing on stdout. \
            Exit 0 when the trajectory is valid, 1 for a bad description, a point count outside \
            2...77 or points outside the image, 64 for usage errors.
            """
    )

    @OptionGroup var reference: ReferenceOptions

    @Argument(help: ArgumentHelp("The path description.", valueName: "path"))
    var path: String

    @Option(
        help: ArgumentHelp(
            "Start paths that have no written start (line -> B, move, still, ...) at this area's centre (centroid of its pixels); default: the image centre.",
            valueName: "area"))
    var area: String?

    @Option(help: ArgumentHelp("Number of points, 2...77; overrides 'points N' in the description.", valueName: "n"))
    var points: Int?

    @Option(help: "Spacing of the points along the path; overrides 'ease ...' in the description.")
    var ease: EaseChoice?

    @OptionGroup var formatOption: FormatOption

    static let formats: [OutputFormat] = [.text, .json]

    /// `--json` or `--format json`.
    private var json: Bool { formatOption.resolved == .json }

    var consoleMode: Console.Mode { Console.Mode(format: formatOption.resolved) }

    func run(on console: Console) async throws {
        let context = RuleContext(route: .image2video)
        if let points, let finding = BrushRules.pointCount(points, at: nil, in: context) {
            throw CommandFailure("--points \(points): \(finding.message)")
        }
        let size = try reference.resolve(on: console)
        let brushPath: BrushPath
        do {
            brushPath = try BrushPath(parsing: path)
        } catch {
            throw CommandFailure("path: \(error.description)")
        }
        var areaMask: MaskRuns?
        if let area {
            let mask = try MaskDrawing.draw(area, label: "--area", size: size)
            if let empty = BrushRules.emptyMask(mask.facts, what: "--area", at: nil, in: context) {
                throw CommandFailure("\(empty.message), so it has no centre to start from")
            }
            areaMask = mask
        }
        let easing = ease.flatMap { Easing(rawValue: $0.rawValue) }
        let trajectory: Trajectory
        do {
            trajectory = try brushPath.trajectory(
                size: size, areaCentre: areaMask?.whiteCentroid, points: points, ease: easing,
                defaultMaximum: BrushRules.trajectoryPoints.upperBound)
        } catch {
            throw CommandFailure("path: \(error.description)")
        }
        let findings = LonePathCheck.findings(
            trajectory, of: brushPath, ease: easing, area: areaMask, in: context)
        let firstError = findings.first { $0.severity == .error }
        // With --json: exactly the API's JSON on success; the one failure document otherwise.
        if !json {
            console.out(PathText.table(trajectory, description: brushPath.description))
        } else if firstError == nil {
            console.out(trajectory.apiJSON)
        }
        for finding in findings {
            console.note("\(finding.severity.rawValue): \(finding.message)")
            if let fix = finding.fix { console.note("  fix: \(fix)") }
        }
        if let firstError { throw CommandFailure(firstError.message, isShown: true) }
    }
}

/// `--ease`: the easings of the description language.
enum EaseChoice: String, CaseIterable, ExpressibleByArgument {
    case linear
    case `in` = "in"
    case out
    case inOut = "in-out"
}

/// The text form of `klingprep path`.
enum PathText {
    /// A heading, a line saying which space is which, then one row per point:
    /// index (1-based), user x, y (pixels, top-left origin, 1 decimal), API x, y.
    static func table(_ trajectory: Trajectory, description: String) -> String {
        let size = trajectory.size
        let outside = Set(trajectory.outsideIndices)
        var lines = [
            "\(description): \(trajectory.user.count) points on the \(size.width)x\(size.height) image",
            "user x,y: pixels from the top-left corner, y down (as an editor shows it); "
                + "api x,y: whole pixels from the bottom-left corner, y up (what is sent)",
            "   #   user x   user y   api x   api y",
        ]
        for (index, (user, api)) in zip(trajectory.user, trajectory.api).enumerated() {
            var row =
                pad(String(index + 1), 4) + pad(oneDecimal(user.x), 9) + pad(oneDecimal(user.y), 9)
                + pad(String(api.x), 8) + pad(String(api.y), 8)
            if outside.contains(index) { row += "   outside the image (clamped)" }
            lines.append(row)
        }
        return lines.joined(separator: "\n")
    }

    /// One decimal, rounded **down** (towards −∞) like the API conversion's `floor`, so the
    /// whole part shown always names the pixel the API point is in: 899.97 reads 899.9 beside
    /// API x 899, not 900.0.
    private static func oneDecimal(_ value: Double) -> String {
        guard value.isFinite else { return String(describing: value) }
        let text = String(format: "%.1f", (value * 10).rounded(.down) / 10)
        return text == "-0.0" ? "0.0" : text
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text
    }
}
