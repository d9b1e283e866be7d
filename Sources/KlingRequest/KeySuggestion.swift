/// "Did you mean" for unknown keys: the closest known key by edit distance.
enum KeySuggestion {
    /// Body field names people put in job files by habit, and the job key they mean.
    static let aliases: [String: String] = [
        "model_name": "model",
        "image_list": "images",
        "static_mask": "brushes.static",
        "dynamic_masks": "brushes.dynamic",
    ]

    /// The known key closest to `key`, when it is close enough to be a likely typo: an entry of
    /// ``aliases`` (job files only); the same ignoring case, `_` and `-`; or within an edit
    /// distance of 1 for short keys, 2 for keys of 6+ characters, 3 for 12+.
    static func suggestion(for key: String, among known: [String], useAliases: Bool) -> String? {
        if useAliases, let alias = aliases[key] { return alias }
        let folded = fold(key)
        if let match = known.first(where: { fold($0) == folded }) { return match }
        let limit = key.count >= 12 ? 3 : (key.count >= 6 ? 2 : 1)
        var best: (key: String, distance: Int)?
        for candidate in known {
            let distance = editDistance(key.lowercased(), candidate)
            if distance <= limit, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.key
    }

    private static func fold(_ key: String) -> String {
        String(key.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "-" })
    }

    /// Levenshtein distance over Unicode scalars (insert, delete, substitute each cost 1).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
