/// Builds the `path` of a finding: dotted keys and 0-based indexes, e.g.
/// `brushes.dynamic[2].points` or `image_list[0].image`.
struct JobPath: Sendable, Hashable, CustomStringConvertible {
    private var text: String

    /// The document root (printed as an empty string; findings use `nil` for it).
    static let root = JobPath(text: "")

    private init(text: String) { self.text = text }

    /// The path of `key` inside this mapping.
    func key(_ key: String) -> JobPath {
        JobPath(text: text.isEmpty ? key : "\(text).\(key)")
    }

    /// The path of item `index` (0-based) inside this sequence.
    func index(_ index: Int) -> JobPath {
        JobPath(text: "\(text)[\(index)]")
    }

    var description: String { text }

    /// The form a `Finding` stores: `nil` for the root.
    var findingPath: String? { text.isEmpty ? nil : text }
}
