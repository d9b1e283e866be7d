import KlingImage
import KlingBrush
import KlingCheck
import KlingRequest

/// How a job's report reads for people.
enum ReportText {
    static func render(_ report: JobReport, strict: Bool = false) -> String {
        var lines: [String] = []
        let job = report.job
        let source = report.document.sourcePath.map { "\($0): " } ?? ""
        lines.append(
            "\(source)\(job.effectiveRoute) job\(job.route == nil ? " (route from the number of images)" : "")")
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
                lines.append(
                    "static mask: \(brushes.size.width)x\(brushes.size.height), \(percent(mask.whiteShare)) frozen")
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
        lines.append(summary(report.findings, strict: strict))
        return lines.joined(separator: "\n")
    }

    static func summary(_ findings: [Finding], strict: Bool = false) -> String {
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.filter { $0.severity == .warning }.count
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        if errors == 0 && (warnings == 0 || !strict) {
            return warnings == 0 ? "ok: no problems found." : "ok: \(count(warnings, "warning")), no errors."
        }
        let mode = errors == 0 ? " (--strict: warnings count as errors)" : ""
        return "invalid: \(count(errors, "error")), \(count(warnings, "warning"))\(mode)."
    }

    static func percent(_ share: Double) -> String {
        let tenths = Int((share * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
