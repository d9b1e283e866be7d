import KlingCheck
import KlingRequest

/// How a job's report reads for people.
enum ReportText {
    static func render(_ report: JobReport) -> String {
        var lines: [String] = []
        for image in report.images {
            var line = "image \(image.index + 1): "
            if let info = image.info, info.format.isAccepted {
                line += "\(info.format.displayName) \(info.width)x\(info.height), \(info.byteCount) bytes"
                if let decodable = image.decodable { line += decodable ? ", decodes cleanly" : ", does not decode" }
            } else if let info = image.info {
                line += info.format.displayName
            } else {
                line += "not read"
            }
            if image.index == report.referenceIndex { line += "  (reference: masks are drawn on it)" }
            lines.append(line)
        }
        if let brushes = report.brushes {
            if let mask = brushes.staticMask {
                lines.append("static mask: \(brushes.size.width)x\(brushes.size.height), \(percent(mask.whiteShare)) frozen")
            }
            for group in brushes.groups {
                var line = "group \(group.number): "
                if let mask = group.mask {
                    line += "\(percent(mask.whiteShare)) of the picture"
                } else {
                    line += "area not drawn (see its errors)"
                }
                line += group.trajectory.map { ", \($0.api.count) points" } ?? ", no trajectory"
                lines.append(line)
            }
        }
        lines += report.findings.map { FindingText.line($0, indent: "") }
        lines.append(summary(report.findings))
        return lines.joined(separator: "\n")
    }

    static func summary(_ findings: [Finding]) -> String {
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.filter { $0.severity == .warning }.count
        if errors == 0 {
            return warnings == 0 ? "ok: no problems found." : "ok: \(warnings) warning(s), no errors."
        }
        return "invalid: \(errors) error(s), \(warnings) warning(s)."
    }

    static func percent(_ share: Double) -> String {
        let tenths = Int((share * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
