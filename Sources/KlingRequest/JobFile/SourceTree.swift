/// A parsed YAML or JSON document with the line and column of every value, so that one schema
/// reader serves both formats and every finding can name its place.
struct SourceNode: Sendable {
    enum Kind: Sendable {
        case scalar(SourceScalar)
        case mapping([SourceEntry])
        case sequence([SourceNode])
    }

    var kind: Kind
    /// 1-based line where the value starts.
    var line: Int
    /// 1-based column (in Unicode scalars) where the value starts; `nil` when only the line is
    /// known (JSON that Foundation alone could read).
    var column: Int? = nil

    /// A short name of the node's kind for messages ("a string", "a list", …).
    var kindName: String {
        switch kind {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar(let scalar): scalar.type.name
        }
    }
}

/// One key and its value in a mapping, in document order.
struct SourceEntry: Sendable {
    var key: String
    /// 1-based line of the key.
    var keyLine: Int
    /// 1-based column of the key (in Unicode scalars), when known.
    var keyColumn: Int? = nil
    var value: SourceNode
}

/// A scalar as written, with its resolved type.
struct SourceScalar: Sendable {
    enum ScalarType: Sendable {
        case string, integer, float, bool, null

        var name: String {
            switch self {
            case .string: "a string"
            case .integer: "an integer"
            case .float: "a number"
            case .bool: "a boolean"
            case .null: "null"
            }
        }
    }

    /// The text as written (unescaped for JSON and quoted YAML; a JSON number as Foundation prints it).
    var text: String
    var type: ScalarType
    /// The numeric value of an `integer` or `float`.
    var number: Double?
    /// The value of an `integer` that fits `Int`.
    var integer: Int?
    /// True for an unquoted YAML scalar: its text may stand for a string (e.g. `prompt: 42`).
    var plainYAML: Bool
}
