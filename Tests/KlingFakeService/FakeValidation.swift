import Foundation

/// A refusal in Kling's terms.
struct FakeRefusal: Error, Sendable {
    let code: Int
    let message: String
}

/// Checks a create body the way the service documents it (api.md, "Create a task").
enum FakeValidation {
    /// The body's `external_task_id` (or `nil`) when the body is acceptable.
    static func validateCreate(_ data: Data) -> Result<String?, FakeRefusal> {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            return .failure(FakeRefusal(code: 1200, message: "the body is not a JSON object"))
        }
        guard let images = object["image_list"] as? [Any] else {
            return .failure(FakeRefusal(code: 1201, message: "image_list is required"))
        }
        guard (2...4).contains(images.count) else {
            return .failure(FakeRefusal(code: 1201, message: "image_list must hold 2 to 4 items, got \(images.count)"))
        }
        for (index, item) in images.enumerated() {
            guard let entry = item as? [String: Any], let image = entry["image"] as? String, !image.isEmpty else {
                return .failure(FakeRefusal(code: 1201, message: "image_list[\(index)].image is required"))
            }
            if image.hasPrefix("http://") || image.hasPrefix("https://") { continue }
            if image.hasPrefix("data:") {
                return .failure(
                    FakeRefusal(code: 1201, message: "image_list[\(index)].image: base64 must not carry a data: prefix"))
            }
            guard Data(base64Encoded: image) != nil else {
                return .failure(FakeRefusal(code: 1201, message: "image_list[\(index)].image is not valid base64"))
            }
        }
        if let duration = object["duration"], (duration as? String).map({ ["5", "10"].contains($0) }) != true {
            return .failure(FakeRefusal(code: 1201, message: "duration must be \"5\" or \"10\""))
        }
        guard let external = object["external_task_id"] else { return .success(nil) }
        guard let id = external as? String, !id.isEmpty else {
            return .failure(FakeRefusal(code: 1201, message: "external_task_id must be a non-empty string"))
        }
        return .success(id)
    }
}
