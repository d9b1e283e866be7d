/// Number formatting without Foundation.
enum NumberText {
    /// The shortest text that reads back as exactly `value`: whole numbers without a decimal
    /// point (`1`, not `1.0`), others as Swift prints them (`0.25`, `1e-05`).
    static func canonical(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int(value))
        }
        return String(describing: value)
    }

    /// `value` rounded to one decimal, e.g. `12.5`, `-0.3`, `7.0`.
    static func oneDecimal(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e14 else { return String(describing: value) }
        let tenths = Int((abs(value) * 10).rounded())
        let sign = value < 0 && tenths != 0 ? "-" : ""
        return "\(sign)\(tenths / 10).\(tenths % 10)"
    }
}
