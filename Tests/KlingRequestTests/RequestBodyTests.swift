import KlingCheck
import Foundation
import Testing

@testable import KlingRequest

@Suite("Request body")
struct RequestBodyTests {
    @Test("keys are written in sorted order and absent optionals are omitted")
    func keyOrderAndOmission() throws {
        let body = RequestBody(
            modelName: "kling-v1-6", duration: "5",
            imageList: [ImageItem(image: "https://a.example/x.png"), ImageItem(image: "QUJD")],
            prompt: "Go", mode: "std", cfgScale: 0.5,
            dynamicMasks: [DynamicMask(mask: "QQ==", trajectories: [APIPoint(x: 1, y: 2)])])
        let text = String(decoding: try body.encoded(), as: UTF8.self)
        #expect(
            text
                == #"{"cfg_scale":0.5,"duration":"5","dynamic_masks":[{"mask":"QQ==","trajectories":[{"x":1,"y":2}]}],"image_list":[{"image":"https://a.example/x.png"},{"image":"QUJD"}],"mode":"std","model_name":"kling-v1-6","prompt":"Go"}"#
        )
    }

    @Test("the documented key order is the sorted order")
    func documentedOrder() {
        #expect(
            RequestBody.topLevelKeys == [
                "callback_url", "cfg_scale", "duration", "dynamic_masks", "external_task_id", "image_list", "mode",
                "model_name", "negative_prompt", "prompt", "static_mask",
            ])
    }

    @Test("encoding is deterministic", arguments: 0..<5)
    func deterministic(_ run: Int) throws {
        let body = RequestBody(
            modelName: "kling-v1", duration: "10", imageList: [ImageItem(image: "a/b")], prompt: "é \"q\"",
            negativePrompt: "n", callbackURL: "https://h.example/p", mode: "pro", cfgScale: 0.25, staticMask: "s",
            externalTaskID: "id-\(run % 1)")
        #expect(try body.encoded() == body.encoded())
        #expect(String(decoding: try body.encoded(), as: UTF8.self).contains(#""image":"a/b""#))
    }

    @Test("a body decodes back to itself")
    func roundTrip() throws {
        let body = RequestBody(
            imageList: [ImageItem(image: "x")], prompt: "p", staticMask: "m",
            dynamicMasks: [DynamicMask(mask: "d", trajectories: [APIPoint(x: 3, y: 4)])])
        #expect(try JSONDecoder().decode(RequestBody.self, from: body.encoded()) == body)
    }
}
