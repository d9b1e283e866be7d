/// "Did you mean" for keywords: the closest accepted word within a small edit distance.
enum Suggestion {
    static func closest(to word: String, in candidates: [String]) -> String? {
        let lowered = Array(word.lowercased())
        var best: String?
        var bestDistance = Int.max
        for candidate in candidates {
            let distance = editDistance(lowered, Array(candidate))
            if distance < bestDistance {
                bestDistance = distance
                best = candidate
            }
        }
        let allowed = lowered.count <= 3 ? 1 : 2
        return bestDistance <= allowed ? best : nil
    }

    /// Levenshtein distance.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
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
