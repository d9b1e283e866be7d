import Foundation
import KlingCheck
import KlingFakeService
import Testing
@testable import KlingSubmit

/// The fake service checks each route's fields as api.md lists them, over real HTTP: the client
/// sends a body, the fake refuses it with HTTP 400 / code 1201 and a message naming the field.
@Suite(.serialized) struct FakeRulesTests {
    static let picture = Scratch.picture
    static let point = #"{"x":1,"y":2}"#
    static func points(_ n: Int) -> String { "[" + Array(repeating: point, count: n).joined(separator: ",") + "]" }
    static func group(_ trajectories: String) -> String { #"{"mask":"\#(picture)","trajectories":\#(trajectories)}"# }

    /// (route, extra members added to that route's valid body, fragment of the refusal).
    static let refused: [(Route, [String], String)] = [
        (.image2video, [#""model_name":"kling-v9""#], #"model_name "kling-v9" is not supported on image2video"#),
        (.image2video, [#""image_tail":"\#(picture)""#] + Scratch.brushMembers, "image_tail and the motion brush"),
        (
            .image2video, [#""camera_control":{"type":"forward_up"}"#, #""static_mask":"\#(picture)""#],
            "the motion brush and camera_control"
        ),
        (
            .image2video,
            [#""dynamic_masks":[\#(Array(repeating: group(points(2)), count: 7).joined(separator: ","))]"#],
            "at most 6 groups, got 7"
        ),
        (.image2video, [#""dynamic_masks":[\#(group(points(1)))]"#], "2 to 77 points, got 1"),
        (.image2video, [#""dynamic_masks":[\#(group(points(78)))]"#], "2 to 77 points, got 78"),
        (
            .image2video, [#""dynamic_masks":[\#(group(#"[{"x":1.5,"y":2},{"x":3,"y":4}]"#))]"#],
            "must be {\"x\": integer"
        ),
        (.image2video, [#""camera_control":{"type":"simple","config":{"zoom":5,"pan":2}}"#], "exactly one of"),
        (.image2video, [#""camera_control":{"type":"simple","config":{"zoom":11}}"#], "from -10 to 10"),
        (.image2video, [#""camera_control":{"type":"down_back","config":{"zoom":1}}"#], "only for type simple"),
        (.image2video, [#""image_tail":"data:image/png;base64,AAAA""#], "data: prefix"),
        (.image2video, [#""cfg_scale":1.5"#], "cfg_scale must be a number from 0 to 1"),
        (
            .multiImage2video, [#""dynamic_masks":[\#(group(points(2)))]"#],
            "dynamic_masks is not a parameter of multi-image2video"
        ),
        (
            .multiImage2video, [#""model_name":"kling-v1""#],
            #"model_name "kling-v1" is not supported on multi-image2video"#
        ),
        (.multiImage2video, [#""aspect_ratio":"4:3""#], #"aspect_ratio "4:3" is not supported"#),
        (.multiImage2video, [#""watermark_info":{"enabled":"yes"}"#], "watermark_info must be {\"enabled\": boolean}"),
        (.multiImage2video, [#""mode":"fast""#], #"mode "fast" is not supported"#),
        (.multiImage2video, [#""duration":5"#], #"duration must be the string "5" or "10""#),
        (
            .multiImage2video, [#""negative_prompt":"\#(String(repeating: "x", count: 2501))""#],
            "at most 2500 characters, got 2501"
        ),
    ]

    @Test(arguments: 0..<refused.count)
    func aViolationIsRefusedWith1201(index: Int) async throws {
        let (route, extra, fragment) = Self.refused[index]
        try await withHarness { h in
            let body = try Self.body(route, extra: extra, scratch: h.scratch)
            let prepared = try PreparedBody.prepare(body, route: route)
            defer { prepared.discard() }
            let failure = await serviceRefusal { _ = try await h.client.createTask(body: prepared) }
            #expect(failure?.code == 1201 && failure?.httpStatus == 400)
            #expect(failure?.message.contains(fragment) == true, "\(failure?.message ?? "") for \(extra)")
            #expect(h.service.totalCreated == 0)
        }
    }

    @Test func imageListHoldsOneToFourImages() async throws {
        try await withHarness { h in
            for count in [0, 5] {
                let list =
                    "[" + Array(repeating: #"{"image":"\#(Self.picture)"}"#, count: count).joined(separator: ",") + "]"
                let body = try h.scratch.body("n\(count).json", members: [#""image_list":\#(list)"#])
                let prepared = try PreparedBody.prepare(body)
                defer { prepared.discard() }
                await #expect(throws: SubmitError.self) {
                    try await h.client.createTask(body: prepared)
                }
            }
            #expect(
                h.service.refusals == [
                    "image_list must hold 1 to 4 items, got 0", "image_list must hold 1 to 4 items, got 5",
                ])
            let one = try h.scratch.body("one.json", members: [#""image_list":[{"image":"\#(Self.picture)"}]"#])
            let prepared = try PreparedBody.prepare(one)
            defer { prepared.discard() }
            _ = try await h.client.createTask(body: prepared)
            #expect(h.service.createdCount(on: .multiImage2video) == 1)
        }
    }

    static let accepted: [(Route, [String])] = [
        (.image2video, [#""image_tail":"https://example.com/end.jpg""#]),
        (.image2video, [#""camera_control":{"type":"simple","config":{"zoom":5,"pan":0}}"#]),
        (.image2video, [#""camera_control":{"type":"left_turn_forward"}"#, #""cfg_scale":0.5"#]),
        (.image2video, [#""dynamic_masks":[\#(group(points(77)))]"#]),
        (.multiImage2video, [#""aspect_ratio":"9:16""#, #""watermark_info":{"enabled":true}"#, #""mode":"pro""#]),
    ]

    @Test(arguments: 0..<accepted.count)
    func documentedFieldsAreAccepted(index: Int) async throws {
        let (route, extra) = Self.accepted[index]
        try await withHarness { h in
            let prepared = try PreparedBody.prepare(try Self.body(route, extra: extra, scratch: h.scratch))
            defer { prepared.discard() }
            let result = try await h.client.createTask(body: prepared)
            #expect(!result.adopted)
            #expect(h.service.createdCount(on: FakeAPIRoute(rawValue: route.rawValue) ?? .image2video) == 1)
        }
    }

    static func body(_ route: Route, extra: [String], scratch: Scratch) throws -> URL {
        switch route {
        case .image2video: try scratch.image2videoBody(extra: extra)
        case .multiImage2video: try scratch.multiImageBody(extra: extra)
        }
    }
}
