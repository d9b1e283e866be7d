import Foundation
import KlingCheck

/// How findings read for people.
enum FindingText {
    /// `  error   image.too_small  the image is 200x200 pixels; … (fix: …)`
    static func line(_ finding: Finding, indent: String = "  ") -> String {
        let severity = finding.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
        var text = "\(indent)\(severity) \(finding.code): "
        if let path = finding.path { text += "\(path): " }
        text += finding.message
        if let fix = finding.fix { text += "\n\(indent)        fix: \(fix)" }
        return text
    }
}
