/// Shows values in messages: quoted, with long values shortened so a 10 MB base64 string never
/// floods a report.
enum Quote {
    /// At most this many characters of a value are shown.
    static let maximumShown = 60

    /// `"value"`, or `"first 60 characters…" (1234 characters)` for long values.
    static func short(_ value: String) -> String {
        let scalars = value.unicodeScalars
        guard scalars.count > maximumShown else { return "\"\(escaped(value))\"" }
        let head = String(String.UnicodeScalarView(scalars.prefix(maximumShown)))
        return "\"\(escaped(head))…\" (\(scalars.count) characters)"
    }

    /// Control characters shown as `\u{…}` so a message stays on one line.
    private static func escaped(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            if scalar.properties.generalCategory == .control {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
