import Synchronization
import Foundation
import Hummingbird
import NIOCore

/// A file published on the fake service (a public image URL for `--remote` checks).
struct FakeFile: Sendable {
    let bytes: [UInt8]
    let contentType: String
}

extension FakeRoutes {
    /// `HEAD`/`GET /files/{name}`: the whole file, or the range `bytes=A-B` with a 206.
    func file(_ name: String, _ request: Request, headOnly: Bool) -> Response {
        guard let file = service.files.withLock({ $0[name] }) else { return Response(status: .notFound) }
        var body = file.bytes[...]
        var status = HTTPResponse.Status.ok
        var headers: HTTPFields = [.contentType: file.contentType, .acceptRanges: "bytes"]
        if let range = request.headers[.range], range.hasPrefix("bytes="),
            let bounds = Self.bounds(String(range.dropFirst(6)), count: file.bytes.count)
        {
            body = file.bytes[bounds]
            status = .partialContent
            headers[.contentRange] = "bytes \(bounds.lowerBound)-\(bounds.upperBound - 1)/\(file.bytes.count)"
        }
        headers[.contentLength] = String(headOnly && status == .ok ? file.bytes.count : body.count)
        if headOnly { return Response(status: status, headers: headers) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// `A-B` (inclusive) as a range within `count` bytes.
    static func bounds(_ text: String, count: Int) -> Range<Int>? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let start = Int(parts[0]), start < count else { return nil }
        let end = Int(parts[1]).map { min($0, count - 1) } ?? count - 1
        return end >= start ? start..<(end + 1) : nil
    }
}
