import KlingCheck

/// "Did you mean" for keywords: the closest accepted word within a small edit distance.
enum Suggestion {
    static func closest(to word: String, in candidates: [String]) -> String? {
        let lowered = word.lowercased()
        var best: String?
        var bestDistance = Int.max
        for candidate in candidates {
            let distance = EditDistance.between(lowered, candidate)
            if distance < bestDistance {
                bestDistance = distance
                best = candidate
            }
        }
        let allowed = lowered.count <= 3 ? 1 : 2
        return bestDistance <= allowed ? best : nil
    }
}
