import KlingBrush
import KlingCheck
import TestSupport
import Testing

@testable import KlingRequest

/// A description above the language's size limits (``DescriptionLimits``) is one finding of
/// `brushes.description_too_large`, and a brush set above the job's limits one finding of
/// `brushes.too_large`: severity error, the numbers, a fix and the `KlingPrep` source tag.
struct DescriptionLimitRulesTests {
    static func check(yamlBrushes brushes: String) async -> JobReport {
        await BrushRulesTests.check(yamlBrushes: brushes)
    }

    static func brushFindings(_ report: JobReport) -> [Finding] {
        report.findings.filter { $0.code.hasPrefix("brushes.") }
    }

    @Test func bothRulesAreInTheRuleBookWithOurSourceTag() throws {
        for code in ["brushes.description_too_large", "brushes.too_large"] {
            let rule = try #require(RuleBook.rule(code))
            #expect(rule.source == "KlingPrep")
            #expect(rule.severity(in: RuleContext(route: .image2video)) == .error)
            #expect(rule.fix?.isEmpty == false)
        }
        #expect(RuleBook.rule("brushes.description_too_large")?.fact.contains("10,000 characters") == true)
        #expect(RuleBook.rule("brushes.too_large")?.fact.contains("200 terms and 2,000 vertices") == true)
    }

    @Test func aPolygonOfTwoMillionVerticesIsOneFinding() async throws {
        let polygon = "polygon " + Array(repeating: "0.1,0.2 0.3,0.4", count: 1_000_000).joined(separator: " ")
        let report = await Self.check(yamlBrushes: "\n  dynamic:\n    - area: '\(polygon)'\n      path: still")
        let findings = Self.brushFindings(report)
        #expect(findings.codesAndPaths == [CodeAndPath("brushes.description_too_large", "brushes.dynamic[0].area")])
        let finding = try #require(findings.first)
        #expect(finding.severity == .error)
        #expect(finding.source == "KlingPrep")
        #expect(
            finding.message.hasSuffix(
                "the description has \(Digits.grouped(polygon.count)) characters; a description may have at most 10,000 characters"
            ), "\(finding.message)")
        #expect(finding.fix?.hasPrefix("Shorten the description") == true)
    }

    @Test func anAreaJustOverTheVertexLimitIsOneFindingWithItsColumn() async throws {
        let points = (0..<1_001).map { "\($0 % 2),\($0 % 3)" }.joined(separator: " ")
        let report = await Self.check(
            yamlBrushes: "\n  dynamic:\n    - area: 'polygon \(points)'\n      path: still")
        let finding = try #require(Self.brushFindings(report).only)
        #expect(finding.code == "brushes.description_too_large")
        #expect(
            finding.message.hasSuffix(
                "the area has more than 1,000 vertices (1,001 when reading stopped); an area may have at most 1,000 vertices (column \(8 + 1_000 * 4 + 1))"
            ), "\(finding.message)")
        #expect(finding.fix?.contains("image PATH") == true)
    }

    @Test func anAreaAtTheVertexLimitIsDrawn() async {
        let points = (0..<1_000).map { "\($0 % 2),\($0 % 3)" }.joined(separator: " ")
        let report = await Self.check(yamlBrushes: "\n  static:\n    - 'polygon \(points)'")
        #expect(!report.findings.contains { $0.code.hasSuffix("too_large") })
        #expect(report.brushes?.staticMask != nil)
    }

    @Test func aPathOverThePointLimitIsOneFinding() async throws {
        let path = "path " + (0..<1_001).map { "\($0 % 2),0" }.joined(separator: " -> ")
        let report = await Self.check(yamlBrushes: "\n  dynamic:\n    - area: all\n      path: '\(path)'")
        let finding = try #require(Self.brushFindings(report).only)
        #expect(finding.code == "brushes.description_too_large")
        #expect(finding.path == "brushes.dynamic[0].path")
        #expect(finding.message.contains("the path has more than 1,000 points (1,001 when reading stopped)"))
        #expect(finding.fix == "Use fewer points: the trajectory is resampled to at most 77 anyway.")
    }

    @Test func anOrbitOverTheVertexLimitIsOneFinding() async throws {
        let report = await Self.check(
            yamlBrushes: "\n  dynamic:\n    - {area: 'circle 0.5,0.5 0.1', path: 'orbit 0.5,0.5 0.2 turns 278'}")
        let finding = try #require(Self.brushFindings(report).only)
        #expect(finding.code == "brushes.description_too_large")
        #expect(finding.message.contains("100,081 vertices; an expanded path may have at most 100,000 vertices"))
        #expect(finding.fix == "Use fewer turns: 77 points cannot trace more than 19 anyway.")
    }

    @Test func aJobOverTheTermLimitIsOneFindingAndNothingIsDrawn() async throws {
        let lines = String(repeating: "\n    - all", count: 201)
        let report = await Self.check(yamlBrushes: "\n  static:\(lines)")
        let finding = try #require(Self.brushFindings(report).only)
        #expect(finding.code == "brushes.too_large")
        #expect(finding.path == "brushes")
        #expect(finding.severity == .error && finding.source == "KlingPrep")
        #expect(
            finding.message.hasSuffix(
                "the job's areas together have more than 200 terms (201 when reading stopped); the areas of one job may have at most 200 terms"
            ), "\(finding.message)")
        #expect(finding.fix == "Use fewer or simpler shapes, or draw the areas as mask pictures (image PATH).")
        #expect(report.brushes?.staticMask == nil)
    }

    @Test func aJobAtTheTermLimitIsDrawn() async {
        let lines = String(repeating: "\n    - all", count: 200)
        let report = await Self.check(yamlBrushes: "\n  static:\(lines)")
        #expect(!report.findings.contains { $0.code.hasSuffix("too_large") })
        #expect(report.brushes?.staticMask != nil)
    }
}

extension Array {
    /// The one element, or `nil` when there are none or several.
    fileprivate var only: Element? { count == 1 ? first : nil }
}
