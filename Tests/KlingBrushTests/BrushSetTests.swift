import KlingCheck
import Testing

@testable import KlingBrush

struct BrushSetTests {
    let size = PixelSize(width: 100, height: 100)

    func codes(_ findings: [Finding]) -> [String] { findings.map(\.code) }

    @Test func cleanSetHasNoFindings() {
        let set = BrushSet(
            staticAreas: ["rect 0,0.8 1,1"],
            dynamic: [
                BrushGroup(area: "ellipse 0.35,0.55 0.08,0.2", path: "line -> 0.7,0.5"),
                BrushGroup(area: "stroke 4% 0.6,0.2 0.8,0.2", path: "move up 15%", points: 30),
            ])
        let built = set.build(size: size)
        #expect(built.findings == [])
        #expect(built.staticMask?.whiteCount == 2000)
        #expect(built.groups.count == 2)
        #expect(built.groups[1].trajectory?.api.count == 30)
        // `line -> B` starts at the area's centre (its centroid).
        let centre = built.groups[0].areaCentre
        #expect(abs(centre.x - 35) < 0.01 && abs(centre.y - 55) < 0.01)
        #expect(built.groups[0].trajectory?.user.first == centre)
    }

    @Test func groupsOverlapWarningSaysHowManyAndWhere() throws {
        let set = BrushSet(dynamic: [
            BrushGroup(area: "rect 0,0 0.5,0.5", path: "still"),
            BrushGroup(area: "rect 0.4,0.4 0.8,0.8", path: "still"),
        ])
        let findings = set.build(size: size).findings
        let finding = try #require(findings.first { $0.code == "brush.groups_overlap" })
        #expect(finding.severity == .warning)
        #expect(finding.path == "brushes.dynamic[1].area")
        #expect(finding.message == "the areas of groups 1 and 2 overlap in 100 pixels (x 40…49, y 40…49, top-left origin)")
        #expect(!findings.hasErrors)
    }

    @Test func dynamicOverlappingStatic() throws {
        let set = BrushSet(
            staticAreas: ["rect 0,0.9 1,1"],
            dynamic: [BrushGroup(area: "rect 0,0.85 0.2,0.95", path: "move up 0.1")])
        let findings = set.build(size: size).findings
        #expect(codes(findings) == ["brush.dynamic_overlaps_static"])
        #expect(findings.first?.message == "the area of group 1 overlaps the static area in 100 pixels (x 0…19, y 90…94, top-left origin)")
        #expect(findings.first?.path == "brushes.dynamic[0].area")
    }

    @Test func pathStartingOutsideItsArea() throws {
        let set = BrushSet(dynamic: [
            BrushGroup(area: "circle 0.2,0.2 0.05", path: "line 0.8,0.8 -> 0.9,0.9"),
            BrushGroup(area: "circle 0.5,0.5 0.05", path: "line 0.5,0.5 -> 0.9,0.9"),
        ])
        let findings = set.build(size: size).findings
        #expect(codes(findings) == ["brush.path_starts_outside_area"])
        let finding = try #require(findings.first)
        #expect(finding.severity == .warning && finding.path == "brushes.dynamic[0].path")
        #expect(finding.message == "the path of group 1 starts at 80.0,80.0 px (top-left origin), outside its own area (the area spans x 15…24, y 15…24)")
    }

    @Test func ringCentreIsOutsideTheRing() {
        // The centroid of a ring is its hole: a path from the area centre starts outside.
        let set = BrushSet(dynamic: [BrushGroup(area: "circle 0.5,0.5 0.3; -circle 0.5,0.5 0.2", path: "move up 0.1")])
        #expect(codes(set.build(size: size).findings) == ["brush.path_starts_outside_area"])
    }

    @Test func tooManyGroups() {
        let groups = (0..<7).map { i in
            BrushGroup(area: "rect \(Double(i) / 7),0 \(Double(i + 1) / 7),0.1", path: "move down 0.5")
        }
        let findings = BrushSet(dynamic: groups).build(size: size).findings
        #expect(codes(findings) == ["brush.too_many_groups"])
        #expect(findings.first?.path == "brushes.dynamic")
        #expect(findings.first?.severity == .error)
    }

    @Test func emptyMasks() {
        let set = BrushSet(
            staticAreas: ["rect 0,0 0.5,0.5", "-all"],
            dynamic: [BrushGroup(area: "circle 2,2 0.1", path: "still")])
        let findings = set.build(size: size).findings
        #expect(codes(findings) == ["brush.mask_empty", "brush.mask_empty"])
        #expect(findings.map(\.path) == ["brushes.static", "brushes.dynamic[0].area"])
    }

    @Test func pointsOutsideTheImage() throws {
        let set = BrushSet(dynamic: [BrushGroup(area: "circle 0.8,0.5 0.1", path: "move right 0.5 points 11")])
        let finding = try #require(set.build(size: size).findings.first)
        #expect(finding.code == "brush.point_outside" && finding.severity == .error)
        #expect(finding.path == "brushes.dynamic[0].path")
        #expect(finding.message == "6 of 11 trajectory points lie outside the 100×100 image (first: point 6 at 105.0,50.0 px, top-left origin); they were clamped to the edge")
    }

    @Test func pointCountLimits() {
        let set = BrushSet(dynamic: [
            BrushGroup(area: "circle 0.2,0.2 0.1", path: "move right 0.1 points 1"),
            BrushGroup(area: "circle 0.5,0.5 0.1", path: "move right 0.1", points: 78),
            BrushGroup(area: "circle 0.8,0.8 0.1", path: "move right 0.1", points: 77),
            BrushGroup(area: "circle 0.2,0.8 0.1", path: "move right 0.1 points 2"),
        ])
        let built = set.build(size: size)
        #expect(codes(built.findings) == ["brush.too_few_points", "brush.too_many_points"])
        #expect(built.findings.map(\.path) == ["brushes.dynamic[0].path", "brushes.dynamic[1].points"])
        #expect(built.groups.map { $0.trajectory?.api.count } == [2, 78, 77, 2])
    }

    @Test func syntaxErrorsBecomeFindingsAtTheirPath() {
        let set = BrushSet(
            staticAreas: ["rect 0,0 1,0.1", "rekt 0,0 1,1"],
            dynamic: [BrushGroup(area: "circle 0.5,0.5 0.1", path: "line 0.4;0.6 -> 0.8,0.6")])
        let built = set.build(size: size)
        #expect(codes(built.findings) == ["brush.syntax", "brush.syntax"])
        #expect(built.findings.map(\.path) == ["brushes.static[1]", "brushes.dynamic[0].path"])
        #expect(built.findings[1].message == "expected a point like 0.4,0.6 after 'line', found '0.4;0.6' (column 6)")
        #expect(built.staticMask?.whiteCount == 1000)
        #expect(built.groups[0].mask != nil && built.groups[0].trajectory == nil)
    }

    @Test func imageMasksOfTheWrongSize() {
        let resolver: MaskResolver = { path in
            if path == "small.png" { return GrayMask(size: PixelSize(width: 50, height: 50), value: 255) }
            if path == "ok.png" { return GrayMask(size: PixelSize(width: 100, height: 100), value: 255) }
            throw TestFailure(description: "cannot open \(path)")
        }
        let set = BrushSet(
            staticAreas: ["image small.png"],
            dynamic: [
                BrushGroup(area: "image ok.png; -rect 0,0 0.5,1", path: "still"),
                BrushGroup(area: "image gone.png", path: "still"),
            ])
        let built = set.build(size: size, resolver: resolver)
        #expect(codes(built.findings) == ["brush.mask_size", "brush.image_unreadable"])
        #expect(built.findings.map(\.path) == ["brushes.static[0]", "brushes.dynamic[1].area"])
        #expect(built.findings[0].message == "the mask image 'small.png' is 50×50 pixels, but masks must have the reference size 100×100")
        #expect(built.findings[1].message == "the mask image 'gone.png' could not be read: cannot open gone.png")
        #expect(built.staticMask == nil)
        #expect(built.groups[0].mask?.whiteCount == 5000)
    }

    @Test func groupOptionsOverrideTheText() throws {
        let set = BrushSet(dynamic: [
            BrushGroup(area: "rect 0,0.45 0.1,0.55", path: "line 0.05,0.5 -> 0.95,0.5 points 5 ease in", points: 3, ease: .linear)
        ])
        let t = try #require(set.build(size: size).groups[0].trajectory)
        #expect(t.user == [UserPoint(x: 5, y: 50), UserPoint(x: 50, y: 50), UserPoint(x: 95, y: 50)])
    }
}
