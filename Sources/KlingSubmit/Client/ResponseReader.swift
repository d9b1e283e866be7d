import Foundation
import NIOCore
import NIOHTTP1

/// What a failed answer proves about the request that caused it.
enum RetryClass: Sendable, Equatable {
    /// Retrying cannot help (bad key, bad body, no credit).
    case never
    /// The service provably did not take the request (429, 503): any request may be sent again.
    case notTaken
    /// The service may have acted on it (500, 502, 504, unreadable success): GETs may be retried,
    /// a POST only after the external id was looked up.
    case ambiguous
}

/// A decoded answer.
enum Answer<Payload: Sendable>: Sendable {
    case success(Payload)
    case failure(SubmitError, RetryClass, retryAfter: Duration?)
}

/// Turns raw answers into values or classified errors, in both dialects on every route
/// (api.md, "Errors"): Kling's envelope `{code, message, request_id, data}` and CometAPI's
/// gateway `{"error": {code, message, type}}`.
enum ResponseReader {
    /// Reads an answer. Any copy of a secret in `secrets` (the key, the key pair, the tokens)
    /// that the service echoes back, e.g. in an error message, is replaced by `<redacted>` before
    /// anything is decoded, so it can reach no message, log or journal.
    static func read<Payload: Decodable & Sendable>(
        _ raw: RawResponse, as: Payload.Type, endpoint: String, redacting secrets: [String]
    ) -> Answer<Payload> {
        let retryAfter = parseRetryAfter(raw.headers.first(name: "Retry-After"))
        let data = secrets.reduce(Data(raw.body.readableBytesView)) { redact($0, secret: $1) }
        let decoder = JSONDecoder()
        let success = (200..<300).contains(raw.status)
        if let bare = try? decoder.decode(BareEnvelope.self, from: data) {
            if bare.code == 0 && success {
                do {
                    let envelope = try decoder.decode(Envelope<Payload>.self, from: data)
                    guard let payload = envelope.data else {
                        return .failure(
                            .malformedResponse(endpoint: endpoint, status: raw.status, reason: "no data in the answer"),
                            .ambiguous, retryAfter: nil)
                    }
                    return .success(payload)
                } catch {
                    return .failure(
                        .malformedResponse(endpoint: endpoint, status: raw.status, reason: describe(error)),
                        .ambiguous, retryAfter: nil)
                }
            }
            let failure = ServiceFailure(
                code: bare.code, message: bare.message ?? "", requestID: bare.requestID,
                httpStatus: raw.status, endpoint: endpoint)
            return .failure(.service(failure), retryClass(for: failure), retryAfter: retryAfter)
        }
        if !success, let gateway = try? decoder.decode(GatewayErrorBody.self, from: data) {
            let failure = GatewayFailure(
                code: gateway.error.code ?? "", message: gateway.error.message ?? "", type: gateway.error.type,
                httpStatus: raw.status, endpoint: endpoint)
            return .failure(.gateway(failure), retryClass(for: failure), retryAfter: retryAfter)
        }
        if success {
            return .failure(
                .malformedResponse(
                    endpoint: endpoint, status: raw.status, reason: "the answer is not the documented JSON envelope"),
                .ambiguous, retryAfter: nil)
        }
        let requestID = raw.headers.first(name: "X-Request-Id")
        return .failure(
            .httpStatus(endpoint: endpoint, status: raw.status, requestID: requestID),
            retryClass(httpStatus: raw.status), retryAfter: retryAfter)
    }

    /// `data` with every occurrence of `secret` replaced by `<redacted>`.
    static func redact(_ data: Data, secret: String) -> Data {
        let needle = Data(secret.utf8)
        guard !needle.isEmpty, data.range(of: needle) != nil else { return data }
        var result = Data()
        var cursor = data.startIndex
        while let found = data.range(of: needle, in: cursor..<data.endIndex) {
            result += data[cursor..<found.lowerBound]
            result += Data("<redacted>".utf8)
            cursor = found.upperBound
        }
        result += data[cursor..<data.endIndex]
        return result
    }

    static func retryClass(for failure: ServiceFailure) -> RetryClass {
        switch failure.code {
        case 1302, 1303, 5001: return .notTaken
        case 5000, 5002: return .ambiguous
        default:
            return failure.family == .unknown ? retryClass(httpStatus: failure.httpStatus) : .never
        }
    }

    static func retryClass(httpStatus: Int) -> RetryClass {
        switch httpStatus {
        case 429, 503: return .notTaken
        case 500...599: return .ambiguous
        default: return .never
        }
    }

    /// [C-err]: `invalid_request` is never retried, whatever the status; 429 and 503 did not
    /// take the request; 500, 502, 504 and 524 may have.
    static func retryClass(for failure: GatewayFailure) -> RetryClass {
        if failure.isInvalidRequest { return .never }
        return retryClass(httpStatus: failure.httpStatus)
    }

    /// `Retry-After` as delta-seconds or an HTTP date, as a duration from now.
    static func parseRetryAfter(_ value: String?) -> Duration? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value), seconds >= 0 { return .seconds(seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return .seconds(max(0, date.timeIntervalSinceNow))
    }

    /// What was wrong with an answer, in our words (no decoder's internal text).
    static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return "unreadable JSON" }
        func at(_ path: [any CodingKey]) -> String {
            let text = path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return text.isEmpty ? "the answer" : text
        }
        switch decoding {
        case .keyNotFound(let key, let context): return "missing field \(at(context.codingPath + [key]))"
        case .typeMismatch(let type, let context): return "\(at(context.codingPath)) is not \(describe(type))"
        case .valueNotFound(let type, let context): return "\(at(context.codingPath)) is null, not \(describe(type))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not valid JSON" : "\(at(context.codingPath)) has an unusable value"
        @unknown default: return "unreadable JSON"
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Int64.Type, is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        default: return String(describing: type).hasPrefix("Array") ? "a list" : "an object"
        }
    }
}
