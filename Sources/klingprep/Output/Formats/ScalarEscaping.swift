extension String {
    /// The string with every scalar for which `replacement` gives a text replaced by that text
    /// (the escaping of the writers: GitHub's `%0A`, XML's `&amp;`).
    func replacingScalars(_ replacement: (Unicode.Scalar) -> String?) -> String {
        var result = ""
        for scalar in unicodeScalars {
            if let text = replacement(scalar) { result += text } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }
}
