import Foundation
import KlingCheck

/// `--format junit`: one JUnit XML document,
/// `<testsuites><testsuite name="klingprep COMMAND" tests failures errors skipped time>` with
/// one `<testcase classname="klingprep.COMMAND" name="UNIT" time>` per unit. A unit that fails
/// holds one `<failure message type="CODE">` listing its blocking findings (errors; warnings
/// too under `--strict`); a unit that could not be judged holds an `<error>`; the other
/// findings are in `<system-out>`. Times are seconds with 3 decimals.
enum JUnitWriter {
    /// The whole document, ending in a newline.
    static func document(_ report: FormatReport) -> String {
        let failures = report.units.filter { $0.failed && !$0.errored }.count
        let errors = report.units.filter(\.errored).count
        let name = "klingprep \(report.command)"
        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        let counts =
            #"tests="\#(report.units.count)" failures="\#(failures)" errors="\#(errors)""#
            + #" time="\#(seconds(report.totalSeconds))""#
        xml += #"<testsuites name="\#(attribute(name))" \#(counts)>"# + "\n"
        xml += #"  <testsuite name="\#(attribute(name))" \#(counts) skipped="0">"# + "\n"
        for unit in report.units { xml += testcase(unit, command: report.command, strict: report.strict) }
        xml += "  </testsuite>\n</testsuites>\n"
        return xml
    }

    private static func testcase(_ unit: FormatUnit, command: String, strict: Bool) -> String {
        var open = #"    <testcase classname="klingprep.\#(attribute(command))" name="\#(attribute(unit.name))""#
        if let file = unit.file { open += #" file="\#(attribute(file))""# }
        if let time = unit.seconds { open += #" time="\#(seconds(time))""# }
        let blocking = unit.blocking(strict: strict)
        let others = unit.findings.filter { !blocking.contains($0) }
        var body = ""
        if unit.errored {
            let message = unit.detail ?? "could not be checked"
            body += #"      <error message="\#(attribute(message))" type="klingprep.error">"#
            body += text(message) + "</error>\n"
        }
        if unit.failed, !unit.errored {
            let first = blocking.first?.finding
            // A unit failed without a blocking finding (a batch's failed task) says why in its detail.
            let message =
                blocking.isEmpty
                ? unit.detail ?? unit.status
                : blocking.count == 1
                    ? first.map { "\($0.code): \($0.message)" } ?? unit.status
                    : "\(blocking.count) blocking findings" + (first.map { ", first \($0.code)" } ?? "")
            body +=
                #"      <failure message="\#(attribute(message))" type="\#(attribute(first?.code ?? unit.status))">"#
            body += text(blocking.isEmpty ? message : blocking.map(line).joined(separator: "\n")) + "</failure>\n"
        }
        var out = others.map(line)
        if !unit.failed, let detail = unit.detail { out.append(detail) }
        if !out.isEmpty { body += "      <system-out>" + text(out.joined(separator: "\n")) + "</system-out>\n" }
        return body.isEmpty ? open + "/>\n" : open + ">\n" + body + "    </testcase>\n"
    }

    /// `jobs/a.yaml:3:5: error images.too_small: images[0]: … (fix: …)`.
    private static func line(_ located: LocatedFinding) -> String {
        var place = located.file ?? ""
        if let line = located.line { place += ":\(line)" + (located.column.map { ":\($0)" } ?? "") }
        let finding = located.finding
        var text = place.isEmpty ? "" : place + ": "
        text += "\(finding.severity.rawValue) \(finding.code): "
        if let path = finding.path { text += "\(path): " }
        text += finding.message
        if let fix = finding.fix { text += " (fix: \(fix))" }
        return text
    }

    private static func seconds(_ value: Double) -> String { String(format: "%.3f", value.isFinite ? value : 0) }

    /// Element text: `&`, `<`, `>` escaped; characters XML 1.0 forbids replaced by U+FFFD.
    static func text(_ value: String) -> String {
        value.replacingScalars { scalar in
            switch scalar {
            case "&": "&amp;"
            case "<": "&lt;"
            case ">": "&gt;"
            default: allowed(scalar) ? nil : "\u{FFFD}"
            }
        }
    }

    /// An attribute value: as ``text(_:)``, and `"`, `'`, tab, LF and CR as character
    /// references, so that attribute normalisation keeps them.
    static func attribute(_ value: String) -> String {
        text(value).replacingScalars { scalar in
            switch scalar {
            case "\"": "&quot;"
            case "'": "&apos;"
            case "\t": "&#9;"
            case "\n": "&#10;"
            case "\r": "&#13;"
            default: nil
            }
        }
    }

    /// XML 1.0's `Char`: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000 and above.
    private static func allowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
