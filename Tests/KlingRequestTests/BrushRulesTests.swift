import Foundation
import KlingBrush
import KlingCheck
import TestSupport
import Testing

@testable import KlingRequest

/// The brush rules of the rule book: each judged once, from KlingBrush's facts, with its
/// source; messages count as people do.
struct BrushRulesTests {
    static let context = RuleContext(route: .image2video)
    static let landscape = TestPaths.fixture("images/landscape.jpg")

    /// A YAML job on the 1800×1200 landscape with `brushes` as written.
    static func check(yamlBrushes brushes: String) async -> JobReport {
        let text = "prompt: Waves.\nmodel: kling-v1\nmode: std\nimages:\n  - \(landscape)\nbrushes:\(brushes)\n"
        return await JobChecker.check(yamlJob(text))
    }

    /// True when a brush rule found an error (other rules, such as the image count of the
    /// route, are not these tests' business).
    static func hasBrushErrors(_ report: JobReport) -> Bool {
        report.findings.contains { $0.code.hasPrefix("brushes.") && $0.severity == .error }
    }

    static func codes(_ report: JobReport) -> [CodeAndPath] {
        report.findings.filter { $0.code.hasPrefix("brushes.") }.codesAndPaths
    }

    @Test func everyBrushRuleIsInTheRuleBookOnceWithASource() {
        let codes = BrushRules.rules.map(\.code)
        #expect(Set(codes).count == codes.count)
        for rule in BrushRules.rules {
            #expect(rule.code.hasPrefix("brushes."), "\(rule.code)")
            #expect(RuleBook.rule(rule.code) == rule)
            #expect(!rule.source.isEmpty && !rule.fact.isEmpty)
        }
    }

    @Test func findingsCarryTheirRulesSource() async {
        let report = await Self.check(
            yamlBrushes: "\n  dynamic:\n    - {area: 'circle 0.5,0.5 0.1', path: 'line -> 1.5,0.5'}")
        let outside = report.findings.first { $0.code == "brushes.point_outside" }
        #expect(outside?.source == "[K]")
        #expect(outside?.severity == .error)
    }

    // MARK: Checked once

    @Test(arguments: [
        ("\n  dynamic:\n    - {area: all, path: still, points: 78}", "brushes.dynamic[0].points"),
        ("\n  dynamic:\n    - {area: all, path: 'still points 78'}", "brushes.dynamic[0].path"),
    ])
    func aPointCountOverTheLimitIsReportedOnce(brushes: String, path: String) async {
        let report = await Self.check(yamlBrushes: brushes)
        let counts = report.findings.filter { $0.code.contains("point") }
        #expect(counts.codesAndPaths == [CodeAndPath("brushes.too_many_points", path)])
        #expect(
            counts.first?.message.hasSuffix("a trajectory of 78 points was asked for; the API takes 2 to 77") == true)
    }

    @Test func countsAreJudgedEvenWhenTheReferenceCannotBeRead() async {
        let groups = (0..<7).map { "\n    - {area: all, path: still, points: \(72 + $0)}" }.joined()
        let text =
            "prompt: Waves.\nmodel: kling-v1\nmode: std\nimages:\n  - /nonexistent/a.jpg\nbrushes:\n  dynamic:\(groups)\n"
        let report = await JobChecker.check(yamlJob(text))
        #expect(
            Self.codes(report) == [
                CodeAndPath("brushes.too_many_groups", "brushes.dynamic"),
                CodeAndPath("brushes.too_many_points", "brushes.dynamic[6].points"),
                CodeAndPath("brushes.reference_unreadable", "brushes.reference"),
            ])
    }

    @Test func aMissingPathIsAReadingErrorOnly() async {
        let report = await Self.check(yamlBrushes: "\n  dynamic:\n    - area: all")
        let atPath = report.findings.filter { $0.path == "brushes.dynamic[0].path" }
        #expect(atPath.map(\.code) == ["job.missing_field"])
    }

    @Test func anEmptyDescriptionIsTheFieldRulesAlone() async {
        let report = await Self.check(yamlBrushes: "\n  static: [\"\"]")
        #expect(report.findings.filter { $0.path == "brushes.static[0]" }.map(\.code) == ["brushes.empty_description"])
    }

    // MARK: The YAML quoting hint

    @Test func aSyntaxErrorInAYAMLFileSuggestsQuoting() async throws {
        // Unquoted in a flow list, "rect 0,0.8 1,1" splits at its comma into "rect 0" and "0.8 1".
        let report = await Self.check(yamlBrushes: "\n  static: [rect 0,0.8 1,1]")
        let syntax = try #require(report.findings.first { $0.code == "brushes.syntax" })
        #expect(syntax.fix?.contains("In a YAML file, quote a description") == true)
        #expect(syntax.fix?.hasPrefix("See the description language") == true)
    }

    @Test func aSyntaxErrorFromTheCommandLineDoesNot() async throws {
        var builder = JobBuilder(baseDirectory: "/")
        builder.images = [Self.landscape]
        builder.prompt = "Waves."
        builder.staticAreas = ["rect 0"]
        let report = await JobChecker.check(builder.build())
        let syntax = try #require(report.findings.first { $0.code == "brushes.syntax" })
        #expect(syntax.fix == "See the description language in the README.")
    }

    @Test func aJSONJobFileDoesNot() async throws {
        let text =
            "{\"prompt\": \"Waves.\", \"images\": [\"\(Self.landscape)\"], \"brushes\": {\"static\": [\"rect 0\"]}}"
        let report = await JobChecker.check(jsonJob(text))
        let syntax = try #require(report.findings.first { $0.code == "brushes.syntax" })
        #expect(syntax.fix?.contains("YAML") == false)
    }

    // MARK: Verdicts

    @Test(arguments: [
        ("orbit 0.5,0.5 0.1 turns 38 points 77", "turns"),
        ("wave 0.1,0.5 -> 0.9,0.5 amplitude 0.05 cycles 60 points 77", "cycles"),
    ])
    func aPathSampledTooCoarselyIsAWarning(path: String, unit: String) async throws {
        let report = await Self.check(yamlBrushes: "\n  dynamic:\n    - {area: 'circle 0.5,0.5 0.05', path: '\(path)'}")
        let finding = try #require(report.findings.first { $0.code == "brushes.path_undersampled" })
        #expect(finding.severity == .warning && finding.path == "brushes.dynamic[0].path")
        #expect(finding.message.contains("77 points can trace at most 19 \(unit)"), "\(finding.message)")
        #expect(finding.fix == "Use at most 19 \(unit), or more points (up to 77).")
        #expect(!Self.hasBrushErrors(report))
    }

    @Test func aPathSampledFinelyEnoughIsNot() async {
        let report = await Self.check(
            yamlBrushes:
                "\n  dynamic:\n    - {area: 'circle 0.5,0.5 0.05', path: 'orbit 0.5,0.5 0.1 turns 19 points 77'}")
        #expect(!report.findings.contains { $0.code == "brushes.path_undersampled" })
    }

    @Test func theMessageGivesTheLargestStep() throws {
        let orbit = try BrushPath(parsing: "orbit 0.5,0.5 0.1 turns 38")
        let sampling = try #require(orbit.sampling(pointCount: 77))
        let finding = try #require(BrushRules.sampling(sampling, at: nil, in: Self.context))
        #expect(
            finding.message
                == "the path makes 38 turns in 77 points, so consecutive points are up to 0.5 turn apart (more than a "
                + "quarter turn) and the motion becomes jumps between a few spots; 77 points can trace at most 19 turns"
        )
    }

    @Test func aStaticAreaOfEverythingWithNothingMovingIsAWarning() async throws {
        let frozen = await Self.check(yamlBrushes: "\n  static: [all]")
        let finding = try #require(frozen.findings.first { $0.code == "brushes.static_covers_all" })
        #expect(finding.severity == .warning && finding.path == "brushes.static")
        #expect(!Self.hasBrushErrors(frozen))
        let still = await Self.check(
            yamlBrushes: "\n  static: [all]\n  dynamic:\n    - {area: 'circle 0.5,0.5 0.1', path: still}")
        #expect(still.findings.contains { $0.code == "brushes.static_covers_all" })
        let moving = await Self.check(
            yamlBrushes: "\n  static: [all]\n  dynamic:\n    - {area: 'circle 0.5,0.5 0.1', path: 'move up 10%'}")
        #expect(!moving.findings.contains { $0.code == "brushes.static_covers_all" })
        let partial = await Self.check(yamlBrushes: "\n  static: ['all; -circle 0.5,0.5 0.1']")
        #expect(!partial.findings.contains { $0.code == "brushes.static_covers_all" })
    }

    @Test func oneIsSingular() throws {
        #expect(
            BrushRules.pointCount(1, at: nil, in: Self.context)?.message
                == "a trajectory of 1 point was asked for; the API needs 2 to 77")
        #expect(
            BrushRules.pointCount(0, at: "dynamic_masks[0].trajectories", asked: false, in: Self.context)?.message
                == "the trajectory has 0 points; the API needs 2 to 77")
        let trajectory = Trajectory(
            user: [UserPoint(x: 5, y: 5), UserPoint(x: 12, y: 5)], size: PixelSize(width: 10, height: 10))
        #expect(
            BrushRules.pointsOutside(trajectory, at: nil, in: Self.context)?.message
                == "1 of 2 trajectory points lies outside the 10×10 image (first: point 2 at 12.0,5.0 px, top-left "
                + "origin); it was clamped to the edge")
        let set = BrushSet(dynamic: [
            BrushGroup(area: "rect 0,0 0.5,0.5", path: "still"),
            BrushGroup(area: "rect 0.4,0.4 0.5,0.5", path: "still"),
        ])
        let built = set.build(size: PixelSize(width: 10, height: 10), defaultMaximumPoints: 77)
        let overlap = try #require(built.overlaps.first)
        #expect(
            BrushRules.overlap(overlap, at: nil, in: Self.context)?.message
                == "the areas of groups 1 and 2 overlap in 1 pixel (x 4…4, y 4…4, top-left origin)")
    }

    // MARK: Starts

    @Test func aBodyTrajectoryStartingOutsideItsMaskNamesTheFlip() throws {
        // A 10×10 mask with its top rows inside; the body's first point counts y from the top.
        let mask = GrayMask(width: 10, height: 10, pixels: (0..<100).map { $0 < 30 ? 255 : 0 })
        let start = TrajectoryStart(
            point: APIPoint(x: 4, y: 1), mask: mask, imageSize: PixelSize(width: 10, height: 10))
        let finding = try #require(
            BrushRules.bodyStart(start, group: 1, at: "dynamic_masks[0].trajectories", in: Self.context))
        #expect(finding.code == "brushes.path_starts_outside_area" && finding.severity == .warning)
        #expect(finding.message.contains("the y axis may not have been flipped to bottom-left"))
        #expect(finding.message.hasSuffix("mirrored top to bottom it starts inside"))
        let inside = TrajectoryStart(
            point: APIPoint(x: 4, y: 8), mask: mask, imageSize: PixelSize(width: 10, height: 10))
        #expect(BrushRules.bodyStart(inside, group: 1, at: nil, in: Self.context) == nil)
    }

    @Test func aJobPathWrittenFromTheWrongEdgeSaysSo() async throws {
        // The area sits low (y 0.8 from the top); the start is written at y 0.2, its mirror image.
        let report = await Self.check(
            yamlBrushes: "\n  dynamic:\n    - {area: 'circle 0.2,0.8 0.05', path: 'line 0.2,0.2 -> 0.5,0.2'}")
        let finding = try #require(report.findings.first { $0.code == "brushes.path_starts_outside_area" })
        #expect(finding.message.contains("the path of group 1 starts at 360.0,240.0 px (top-left origin)"))
        #expect(finding.message.contains("as if y were counted from the bottom"))
    }
}
