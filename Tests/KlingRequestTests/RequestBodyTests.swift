import Foundation
import KlingCheck
import Testing

@testable import KlingRequest

@Suite("Request body")
struct RequestBodyTests {
    @Test("multi-image2video: keys sorted, image_list, absent optionals omitted")
    func multiImageKeys() throws {
        let body = RequestBody(
            route: .multiImage2video, modelName: "kling-v1-6", mode: "std", duration: "5", prompt: "Go",
            images: [.url("https://a.example/x.png"), .base64("QUJD")], aspectRatio: "9:16",
            watermarkInfo: WatermarkInfo(enabled: false))
        let text = String(decoding: try body.encoded(), as: UTF8.self)
        #expect(
            text
                == #"{"aspect_ratio":"9:16","duration":"5","image_list":[{"image":"https://a.example/x.png"},{"image":"QUJD"}],"mode":"std","model_name":"kling-v1-6","prompt":"Go","watermark_info":{"enabled":false}}"#
        )
    }

    @Test("image2video: one image as 'image', tail, brushes and camera control with their keys")
    func image2videoKeys() throws {
        let body = RequestBody(
            route: .image2video, modelName: "kling-v1", prompt: "Go", cfgScale: 0.5, images: [.base64("QUJD")],
            imageTail: .url("https://a.example/end.png"), staticMask: .base64("TQ=="),
            dynamicMasks: [DynamicMask(mask: .base64("QQ=="), trajectories: [APIPoint(x: 1, y: 2)])],
            cameraControl: CameraControl(type: "simple", config: CameraConfig(zoom: 5)))
        let text = String(decoding: try body.encoded(), as: UTF8.self)
        #expect(
            text
                == #"{"camera_control":{"config":{"zoom":5},"type":"simple"},"cfg_scale":0.5,"dynamic_masks":[{"mask":"QQ==","trajectories":[{"x":1,"y":2}]}],"image":"QUJD","image_tail":"https://a.example/end.png","model_name":"kling-v1","prompt":"Go","static_mask":"TQ=="}"#
        )
    }

    @Test("each route documents its own keys")
    func documentedKeys() {
        #expect(
            RequestBody.documentedKeys(on: .image2video) == [
                "callback_url", "camera_control", "cfg_scale", "duration", "dynamic_masks", "external_task_id", "image",
                "image_tail", "mode", "model_name", "negative_prompt", "prompt", "static_mask",
            ])
        #expect(
            RequestBody.documentedKeys(on: .multiImage2video) == [
                "aspect_ratio", "callback_url", "duration", "external_task_id", "image_list", "mode", "model_name",
                "negative_prompt", "prompt", "watermark_info",
            ])
    }

    @Test("a job's fields are written with its route's keys, and only there")
    func jobFieldsByRoute() throws {
        var job = Job(
            route: .image2video, prompt: "p", cfgScale: 0.5, images: [.url("https://a.example/a.png")],
            tail: .url("https://a.example/b.png"), aspectRatio: "1:1", watermark: true, baseDirectory: "/")
        var body = RequestBody(job: job)
        #expect(body.route == .image2video && body.imageTail == .url("https://a.example/b.png"))
        #expect(body.aspectRatio == nil && body.watermarkInfo == nil && body.cfgScale == 0.5)
        job.route = .multiImage2video
        body = RequestBody(job: job, staticMask: .base64("TQ=="))
        #expect(body.imageTail == nil && body.staticMask == nil && body.cfgScale == nil)
        #expect(body.aspectRatio == "1:1" && body.watermarkInfo == WatermarkInfo(enabled: true))
        job.allowUndocumentedFields = true
        body = RequestBody(job: job, staticMask: .base64("TQ=="))
        #expect(body.staticMask == .base64("TQ==") && body.cfgScale == 0.5)
    }

    @Test("encoding is deterministic", arguments: 0..<5)
    func deterministic(_ run: Int) throws {
        let body = RequestBody(
            route: .image2video, modelName: "kling-v1", mode: "pro", duration: "10", prompt: "é \"q\"",
            negativePrompt: "n", cfgScale: 0.25, callbackURL: "https://h.example/p", externalTaskID: "id-\(run % 1)",
            images: [.base64("a/b")], staticMask: .base64("s"))
        #expect(try body.encoded() == body.encoded())
        #expect(String(decoding: try body.encoded(), as: UTF8.self).contains(#""image":"a/b""#))
    }

    @Test("a body decodes back to itself, on both routes", arguments: Route.allCases)
    func roundTrip(route: Route) throws {
        let body = RequestBody(
            route: route, prompt: "p", images: [.base64("eA==")], staticMask: .base64("bQ=="),
            dynamicMasks: [DynamicMask(mask: .base64("ZA=="), trajectories: [APIPoint(x: 3, y: 4)])])
        #expect(try JSONDecoder().decode(RequestBody.self, from: body.encoded()) == body)
    }

    @Test("a file source cannot be encoded unresolved")
    func unresolvedFile() {
        let body = RequestBody(route: .image2video, images: [.file("/nonexistent.png")])
        #expect(throws: EncodingError.self) { try RequestBody.encoder().encode(body) }
        #expect(throws: RequestError.self) { try body.encoded() }
    }
}
