import Foundation
import KlingCheck

/// What one streaming pass over a request body found: its digest and size, where its
/// top-level `external_task_id` is, and which route's image field it has. The body is never
/// held in memory as a whole.
struct BodyScan: Sendable, Equatable {
    /// SHA-256 of the file's bytes, lower-case hex.
    var sha256: String
    /// File size in bytes.
    var size: Int64
    /// Offset of the top-level `{`.
    var openBraceOffset: Int64
    /// Whether the top-level object has no member (`{}`).
    var isEmptyObject: Bool
    /// The top-level `external_task_id`, decoded, when present.
    var externalID: String?
    /// Byte range of that value's JSON token (quotes included).
    var externalIDRange: Range<Int64>?
    /// Byte range of the top-level `callback_url` string token (quotes included), when present.
    var callbackURLRange: Range<Int64>? = nil
    /// Offset of the opening quote of the top-level `external_task_id` key, when present.
    var externalMemberStart: Int64? = nil
    /// Offset of the opening quote of the top-level `callback_url` key, when its value is a string.
    var callbackMemberStart: Int64? = nil
    /// Whether the top-level object has an `image` member (the image2video shape).
    var hasImage = false
    /// Whether the top-level object has an `image_list` member (the multi-image2video shape).
    var hasImageList = false

    /// The route the body is for: `requested` when the caller knows it (a job's route), else the
    /// body's shape — top-level `image` → image2video, `image_list` → multi-image2video
    /// (api.md, "Routes").
    ///
    /// - Throws: ``SubmitError/bodyRouteMismatch(path:route:field:)`` when the body carries the
    ///   other route's image field; ``SubmitError/bodyRouteUnknown(path:hasBoth:)`` when no route
    ///   is requested and the shape names none (or both).
    func route(requested: Route?, path: String) throws(SubmitError) -> Route {
        if let requested {
            switch requested {
            case .image2video where hasImageList && !hasImage:
                throw .bodyRouteMismatch(path: path, route: requested, field: "image_list")
            case .multiImage2video where hasImage && !hasImageList:
                throw .bodyRouteMismatch(path: path, route: requested, field: "image")
            default:
                return requested
            }
        }
        switch (hasImage, hasImageList) {
        case (true, false): return .image2video
        case (false, true): return .multiImage2video
        case (let both, _): throw .bodyRouteUnknown(path: path, hasBoth: both)
        }
    }
}

/// A structural JSON scanner: checks nesting, strings and the trailing bytes, finds the
/// top-level `external_task_id`, `image` and `image_list` keys, and hashes as it goes. Numbers and literals are not checked
/// in detail; the service validates the body's content.
struct BodyScanner {
    static let chunkSize = 1 << 20
    static let externalKey = Array("external_task_id".utf8)
    static let callbackKey = Array("\"callback_url\"".utf8)
    static let imageKey = Array("\"image\"".utf8)
    static let imageListKey = Array("\"image_list\"".utf8)

    private enum Container { case object, array }

    private var hasher = BodyDigest()
    private var offset: Int64 = 0
    private var stack: [Container] = []
    private var started = false
    private var finished = false
    private var openBrace: Int64 = -1
    private var topLevelMembers = 0
    // String state.
    private var inString = false
    private var escaped = false
    private var stringStart: Int64 = 0
    private var captured: [UInt8] = []
    private var capturing = false
    // Top-level key/value tracking.
    private var expectingTopKey = false
    private var lastTopKey: [UInt8]? = nil
    private var awaitingTopValue = false
    private var topValueIsExternal = false
    private var externalRaw: [UInt8]? = nil
    private var externalRange: Range<Int64>? = nil
    private var externalNotString = false
    private var topValueIsCallback = false
    private var callbackStart: Int64? = nil
    private var externalKeyStart: Int64? = nil
    private var callbackKeyStart: Int64? = nil
    private var callbackKeyCandidate: Int64? = nil
    private var callbackRange: Range<Int64>? = nil
    private var duplicateExternal = false
    private var sawImage = false
    private var sawImageList = false

    private let path: String

    init(path: String) { self.path = path }

    /// Scans the file at `url`.
    ///
    /// - Throws: ``SubmitError/bodyUnreadable(path:reason:)``, ``SubmitError/bodyNotJSONObject(path:found:)``,
    ///   ``SubmitError/bodyMalformed(path:offset:reason:)`` or ``SubmitError/bodyExternalIDInvalid(path:reason:)``.
    static func scan(_ url: URL) throws(SubmitError) -> BodyScan {
        let file: InputFile
        do {
            file = try InputFile(path: url.path)
        } catch {
            throw .bodyUnreadable(path: url.path, reason: error.reason)
        }
        var scanner = BodyScanner(path: url.path)
        var position = 0
        while true {
            let chunk: [UInt8]
            do {
                chunk = try file.read(at: position, count: chunkSize)
            } catch {
                throw .bodyUnreadable(path: url.path, reason: error.reason)
            }
            if chunk.isEmpty { break }
            position += chunk.count
            try scanner.feed(chunk)
        }
        return try scanner.finish()
    }

    mutating func feed(_ chunk: [UInt8]) throws(SubmitError) {
        hasher.update(chunk)
        for byte in chunk {
            try step(byte)
            offset += 1
        }
    }

    private mutating func malformed(_ reason: String) -> SubmitError {
        .bodyMalformed(path: path, offset: Int(offset), reason: reason)
    }

    private mutating func step(_ byte: UInt8) throws(SubmitError) {
        if inString {
            if capturing { captured.append(byte) }
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "\"") {
                inString = false
                try endString()
            } else if byte < 0x20 {
                throw malformed("control character inside a string")
            }
            return
        }
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
            return
        default:
            break
        }
        if finished { throw malformed("content after the end of the top-level object") }
        if !started {
            guard byte == UInt8(ascii: "{") else {
                throw SubmitError.bodyNotJSONObject(path: path, found: Self.describe(byte))
            }
            started = true
            openBrace = offset
            stack.append(.object)
            expectingTopKey = true
            return
        }
        let atTop = stack.count == 1
        if atTop, awaitingTopValue, byte != UInt8(ascii: ":") {
            awaitingTopValue = false
            if topValueIsExternal && byte != UInt8(ascii: "\"") { externalNotString = true }
            if byte != UInt8(ascii: "\"") { topValueIsCallback = false }
        }
        switch byte {
        case UInt8(ascii: "\""):
            inString = true
            stringStart = offset
            let isTopKey = atTop && expectingTopKey
            let isExternalValue = atTop && topValueIsExternal && !expectingTopKey
            if atTop && topValueIsCallback && !expectingTopKey {
                topValueIsCallback = false
                callbackStart = offset
            }
            capturing = isTopKey || isExternalValue
            captured = capturing ? [byte] : []
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            stack.append(byte == UInt8(ascii: "{") ? .object : .array)
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            let expected: Container = byte == UInt8(ascii: "}") ? .object : .array
            guard let last = stack.popLast(), last == expected else {
                throw malformed("unbalanced \(Self.describe(byte))")
            }
            if stack.isEmpty { finished = true }
        case UInt8(ascii: ":"):
            if atTop {
                guard lastTopKey != nil, !expectingTopKey else { throw malformed("':' without a key") }
                awaitingTopValue = true
            }
        case UInt8(ascii: ","):
            if atTop {
                expectingTopKey = true
                topValueIsExternal = false
                topValueIsCallback = false
                lastTopKey = nil
            }
        default:
            if atTop && expectingTopKey { throw malformed("expected a member name") }
        }
    }

    private mutating func endString() throws(SubmitError) {
        if let start = callbackStart, stack.count == 1 {
            callbackRange = start..<(offset + 1)
            callbackKeyStart = callbackKeyCandidate
            callbackStart = nil
        }
        guard capturing else { return }
        capturing = false
        guard stack.count == 1 else { return }
        if expectingTopKey {
            expectingTopKey = false
            topLevelMembers += 1
            lastTopKey = captured
            // Compared on the raw token: an escaped spelling of the key is not recognised, and
            // the body check (`validate`) reports such a body anyway.
            if captured == Self.imageKey { sawImage = true }
            if captured == Self.imageListKey { sawImageList = true }
            if captured == Self.callbackKey {
                topValueIsCallback = callbackRange == nil
                if topValueIsCallback { callbackKeyCandidate = stringStart }
            }
            let isExternal =
                captured.count == Self.externalKey.count + 2
                && Array(captured.dropFirst().dropLast()) == Self.externalKey
            if isExternal {
                if externalRaw != nil || externalNotString { duplicateExternal = true }
                topValueIsExternal = true
                externalKeyStart = stringStart
            }
        } else if topValueIsExternal {
            externalRaw = captured
            externalRange = stringStart..<(offset + 1)
            topValueIsExternal = false
        }
        captured = []
    }

    mutating func finish() throws(SubmitError) -> BodyScan {
        if !started { throw SubmitError.bodyNotJSONObject(path: path, found: "an empty file") }
        if inString { throw malformed("the file ends inside a string") }
        if !finished { throw malformed("the file ends before the top-level object is closed") }
        if duplicateExternal {
            throw SubmitError.bodyExternalIDInvalid(path: path, reason: "it appears more than once")
        }
        if externalNotString {
            throw SubmitError.bodyExternalIDInvalid(path: path, reason: "it is not a string")
        }
        var externalID: String? = nil
        if let raw = externalRaw {
            guard let decoded = try? JSONDecoder().decode(String.self, from: Data(raw)) else {
                throw SubmitError.bodyExternalIDInvalid(path: path, reason: "it is not a valid JSON string")
            }
            if let problem = ExternalTaskID.problem(with: decoded) {
                throw SubmitError.bodyExternalIDInvalid(path: path, reason: problem)
            }
            externalID = decoded
        }
        return BodyScan(
            sha256: hasher.finalize(), size: offset, openBraceOffset: openBrace,
            isEmptyObject: topLevelMembers == 0, externalID: externalID, externalIDRange: externalRange,
            callbackURLRange: callbackRange, externalMemberStart: externalRange == nil ? nil : externalKeyStart,
            callbackMemberStart: callbackKeyStart, hasImage: sawImage, hasImageList: sawImageList)
    }

    static func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7f { return "'\(Character(Unicode.Scalar(byte)))'" }
        return String(format: "byte 0x%02X", byte)
    }
}
