import KlingCheck

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
            let distance = EditDistance.between(key.lowercased(), candidate)
            if distance <= limit, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.key
    }

    private static func fold(_ key: String) -> String {
        String(key.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "-" })
    }
}
