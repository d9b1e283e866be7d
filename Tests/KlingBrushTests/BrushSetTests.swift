import KlingCheck
import Testing

@testable import KlingBrush

/// `BrushSet.build` draws everything it can and reports facts (counts, boxes, errors), no
/// verdicts.
struct BrushSetTests {
    let size = PixelSize(width: 100, height: 100)

    func build(_ set: BrushSet, resolver: MaskResolver? = nil) -> BuiltBrushSet {
        set.build(size: size, resolver: resolver, defaultMaximumPoints: apiMaximum)
    }

    @Test func aCleanSetIsDrawnWhole() {
        let set = BrushSet(
            staticAreas: ["rect 0,0.8 1,1"],
            dynamic: [
                BrushGroup(area: "ellipse 0.35,0.55 0.08,0.2", path: "line -> 0.7,0.5"),
                BrushGroup(area: "stroke 4% 0.6,0.2 0.8,0.2", path: "move up 15%", points: 30),
            ])
        let built = build(set)
        #expect(built.staticErrors == [nil])
        #expect(built.staticFacts?.count == 2000 && built.staticMask?.whiteCount == 2000)
        #expect(built.overlaps.isEmpty)
        #expect(built.groups.map(\.areaError) == [nil, nil] && built.groups.map(\.pathError) == [nil, nil])
        #expect(built.groups[1].trajectory?.api.count == 30)
        #expect(built.groups.map { $0.start?.isInside } == [true, true])
        #expect(built.groups.map(\.moves) == [true, true])
        #expect(built.groups.map(\.sampling) == [nil, nil])
        // `line -> B` starts at the area's centre (its centroid).
        let centre = built.groups[0].areaCentre
        #expect(abs(centre.x - 35) < 0.01 && abs(centre.y - 55) < 0.01)
        #expect(built.groups[0].trajectory?.user.first == centre)
    }

    @Test func overlapsBetweenGroupsHaveTheirCountAndBox() {
        let set = BrushSet(dynamic: [
            BrushGroup(area: "rect 0,0 0.5,0.5", path: "still"),
            BrushGroup(area: "rect 0.4,0.4 0.8,0.8", path: "still"),
        ])
        let overlaps = build(set).overlaps
        #expect(overlaps.count == 1)
        #expect(overlaps.first?.group == 2 && overlaps.first?.other == .group(1))
        #expect(overlaps.first?.pixelCount == 100)
        #expect(overlaps.first?.box == PixelBox(minX: 40, minY: 40, maxX: 49, maxY: 49))
    }

    @Test func overlapsWithTheStaticArea() {
        let set = BrushSet(
            staticAreas: ["rect 0,0.9 1,1"],
            dynamic: [BrushGroup(area: "rect 0,0.85 0.2,0.95", path: "move up 0.1")])
        let overlaps = build(set).overlaps
        #expect(overlaps.map(\.other) == [.staticArea])
        #expect(overlaps.first?.pixelCount == 100)
        #expect(overlaps.first?.box == PixelBox(minX: 0, minY: 90, maxX: 19, maxY: 94))
    }

    @Test func whereEachPathStarts() throws {
        let set = BrushSet(dynamic: [
            BrushGroup(area: "circle 0.2,0.2 0.05", path: "line 0.8,0.8 -> 0.9,0.9"),
            BrushGroup(area: "circle 0.5,0.5 0.05", path: "line 0.5,0.5 -> 0.9,0.9"),
            BrushGroup(area: "circle 0.2,0.8 0.05", path: "line 0.2,0.2 -> 0.9,0.9"),
        ])
        let built = build(set)
        let outside = try #require(built.groups[0].start)
        #expect(!outside.isInside && !outside.mirroredIsInside)
        #expect(outside.point == APIPoint(x: 80, y: 19))
        #expect(outside.maskBounds == PixelBox(minX: 15, minY: 15, maxX: 24, maxY: 24))
        #expect(built.groups[1].start?.isInside == true)
        // Written at 0.2,0.2 for an area at 0.2,0.8: y counted from the wrong edge.
        let flipped = try #require(built.groups[2].start)
        #expect(!flipped.isInside && flipped.mirroredIsInside)
    }

    @Test func aRingsCentreIsOutsideTheRing() {
        // The centroid of a ring is its hole: a path from the area centre starts outside.
        let set = BrushSet(dynamic: [BrushGroup(area: "circle 0.5,0.5 0.3; -circle 0.5,0.5 0.2", path: "move up 0.1")])
        #expect(build(set).groups[0].start?.isInside == false)
    }

    @Test func everyGroupIsDrawnHoweverMany() {
        let groups = (0..<7).map { i in
            BrushGroup(area: "rect \(Double(i) / 7),0 \(Double(i + 1) / 7),0.1", path: "move down 0.5")
        }
        let built = build(BrushSet(dynamic: groups))
        #expect(built.groups.count == 7)
        #expect(built.groups.allSatisfy { $0.mask != nil && $0.trajectory != nil })
    }

    @Test func emptyMasksAreFactsNotErrors() {
        let set = BrushSet(
            staticAreas: ["rect 0,0 0.5,0.5", "-all"],
            dynamic: [BrushGroup(area: "circle 2,2 0.1", path: "still")])
        let built = build(set)
        #expect(built.staticErrors == [nil, nil])
        #expect(built.staticFacts?.isEmpty == true)
        #expect(built.groups[0].maskFacts?.isEmpty == true && built.groups[0].areaError == nil)
        #expect(built.groups[0].start == nil)
        #expect(!built.groups[0].moves)
    }

    @Test func aStaticAreaOfEverything() {
        let built = build(
            BrushSet(staticAreas: ["all"], dynamic: [BrushGroup(area: "circle 0.5,0.5 0.1", path: "still")]))
        #expect(built.staticFacts?.coversEverything == true)
        #expect(built.groups.map(\.moves) == [false])  // `still` goes nowhere
        #expect(build(BrushSet(staticAreas: ["all; -circle 0.5,0.5 0.1"])).staticFacts?.coversEverything == false)
    }

    @Test func pointsOutsideTheImageAreListed() throws {
        let set = BrushSet(dynamic: [BrushGroup(area: "circle 0.8,0.5 0.1", path: "move right 0.5 points 11")])
        let trajectory = try #require(build(set).groups[0].trajectory)
        #expect(trajectory.outsideIndices == [5, 6, 7, 8, 9, 10])
        #expect(trajectory.user[5] == UserPoint(x: 105, y: 50))
    }

    @Test func askedForCountsAreDrawnAsAsked() {
        let set = BrushSet(dynamic: [
            BrushGroup(area: "circle 0.2,0.2 0.1", path: "move right 0.1 points 1"),
            BrushGroup(area: "circle 0.5,0.5 0.1", path: "move right 0.1", points: 78),
            BrushGroup(area: "circle 0.8,0.8 0.1", path: "move right 0.1", points: 77),
            BrushGroup(area: "circle 0.2,0.8 0.1", path: "move right 0.1 points 2"),
            BrushGroup(area: "circle 0.8,0.2 0.1", path: "move right 0.1"),
        ])
        #expect(
            set.dynamic.map(\.pointRequest) == [
                PointRequest(count: 1, source: .description), PointRequest(count: 78, source: .groupOption),
                PointRequest(count: 77, source: .groupOption), PointRequest(count: 2, source: .description), nil,
            ])
        #expect(build(set).groups.map { $0.trajectory?.api.count } == [2, 78, 77, 2, 6])
    }

    @Test func unreadableDescriptionsKeepTheirErrors() {
        let set = BrushSet(
            staticAreas: ["rect 0,0 1,0.1", "rekt 0,0 1,1"],
            dynamic: [BrushGroup(area: "circle 0.5,0.5 0.1", path: "line 0.4;0.6 -> 0.8,0.6")])
        let built = build(set)
        #expect(built.staticErrors.map { $0 == nil } == [true, false])
        #expect(
            built.groups[0].pathError?.description
                == "expected a point like 0.4,0.6 after 'line', found '0.4;0.6' (column 6)")
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
        let built = build(set, resolver: resolver)
        #expect(
            built.staticErrors == [
                .imageSize(path: "small.png", found: PixelSize(width: 50, height: 50), expected: size)
            ])
        #expect(built.groups[1].areaError == .imageUnavailable(path: "gone.png", reason: "cannot open gone.png"))
        #expect(built.staticMask == nil)
        #expect(built.groups[0].mask?.whiteCount == 5000)
    }

    @Test func groupOptionsOverrideTheText() throws {
        let set = BrushSet(dynamic: [
            BrushGroup(
                area: "rect 0,0.45 0.1,0.55", path: "line 0.05,0.5 -> 0.95,0.5 points 5 ease in", points: 3,
                ease: .linear)
        ])
        let t = try #require(build(set).groups[0].trajectory)
        #expect(t.user == [UserPoint(x: 5, y: 50), UserPoint(x: 50, y: 50), UserPoint(x: 95, y: 50)])
    }

    @Test func unionOfMasks() throws {
        var union = try mask("rect 0,0 0.5,1", 4, 1)
        union.formUnion(try mask("rect 0.75,0 1,1", 4, 1))
        #expect(union.pixels == [255, 255, 0, 255])
    }
}
