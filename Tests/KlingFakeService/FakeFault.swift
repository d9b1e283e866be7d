/// The create routes the fake serves (api.md, "Routes"); ``path`` is the CometAPI path, and
/// ``path(on:)`` the path on either backend.
public enum FakeAPIRoute: String, Sendable, Hashable, CaseIterable {
    /// `/kling/v1/videos/image2video`: one image, brushes, tail image, camera control.
    case image2video = "image2video"
    /// `/kling/v1/videos/multi-image2video`: 1–4 reference images.
    case multiImage2video = "multi-image2video"

    /// The collection path: `POST` creates, `GET {path}/{task_id}` follows.
    public var path: String { "/kling/v1/videos/" + rawValue }
}

/// The kinds of request the fake serves, for injecting faults and counting requests. Every kind
/// but `download` exists once per ``FakeAPIRoute``.
public enum FakeRoute: String, Sendable, Hashable, CaseIterable {
    /// `POST {path}`
    case create
    /// `GET {path}/{id}`
    case get
    /// `GET {path}?external_task_id=ID`
    case lookup
    /// `GET {path}?pageNum=&pageSize=`
    case list
    /// `GET /videos/{task_id}/{n}.mp4`
    case download
}

/// A fault the fake service injects into the next request of a kind, on any route (first in,
/// first out).
public enum FakeFault: Sendable, Equatable {
    /// Answer `httpStatus` with business `code` and an optional `Retry-After` (seconds).
    /// On `create`, `afterCreating` creates the task first (a gateway error after the work).
    case status(Int, code: Int, retryAfter: Int? = nil, afterCreating: Bool = false)
    /// Close the connection without reading the request body and without creating anything.
    case closeBeforeBody
    /// Read the body, create the task (on `create`), then close the connection without answering.
    case closeAfterBody
    /// Do the work (creating the task on `create`), then wait this long before answering.
    case slowReply(Duration)
    /// Do the work (creating the task on `create`), then answer 200 with broken JSON.
    case malformedJSON
    /// On `download`: announce the full length, send half, close.
    case truncatedBody
    /// Answer `status` in CometAPI's gateway dialect `{"error": {"code", "message", "type"}}`
    /// [C-err]. On `create`, `afterCreating` creates the task first. A 500 with `code`
    /// `invalid_request` is the documented case that must not be retried.
    case gateway(status: Int, code: String, type: String, message: String, afterCreating: Bool = false)
    /// Answer `status` with an HTML page (`text/html`), creating nothing.
    case html(status: Int)
    /// Answer 301 with `Location` ``FakeKlingService/redirectTarget`` plus the path, creating
    /// nothing (a gateway sending a wrong request elsewhere).
    case redirect

    /// 429 rate limit (code 1302) with `Retry-After`.
    public static func rateLimited(retryAfter: Int) -> FakeFault { .status(429, code: 1302, retryAfter: retryAfter) }

    /// The gateway's 500 for a malformed request: must not be retried [C-err].
    public static let gatewayInvalidRequest = FakeFault.gateway(
        status: 500, code: "invalid_request", type: "comet_api_error", message: "invalid request")
}

/// What happens to tasks created from now on.
public enum FakeTaskFate: Sendable, Equatable {
    /// Succeed with one video.
    case succeed
    /// Fail with this `task_status_msg`.
    case fail(String)
}
