import Foundation

/// A JSON value as the fake service reads a body: integers are kept apart from other numbers,
/// and booleans from numbers, so that field types can be checked as the API documents them.
enum FakeJSON: Decodable, Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([FakeJSON])
    case object([String: FakeJSON])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let value = try? c.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? c.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? c.decode(Double.self) {
            self = .number(value)
        } else if let value = try? c.decode(String.self) {
            self = .string(value)
        } else if let value = try? c.decode([FakeJSON].self) {
            self = .array(value)
        } else {
            self = .object(try c.decode([String: FakeJSON].self))
        }
    }

    var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    var object: [String: FakeJSON]? {
        if case .object(let o) = self { return o }
        return nil
    }

    var array: [FakeJSON]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The value as a number, when it is one (integer or not).
    var number: Double? {
        switch self {
        case .integer(let i): Double(i)
        case .number(let d): d
        default: nil
        }
    }
}
