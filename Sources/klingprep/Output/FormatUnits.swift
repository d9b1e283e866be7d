import KlingCheck
import KlingRequest

/// The units of `--format github|junit|sarif` made from the checks' reports, each finding
/// placed in its file: a job's at the line and column of its key path (or the line its message
/// names), a body's likewise when the body has several lines, an image's at the file only.
extension FormatUnit {
    /// A checked job: findings in the job file; `name` the file as given, or `(flags)`.
    init(job report: JobReport, status: String, strict: Bool, seconds: Double?) {
        let file = report.document.sourcePath
        let findings = report.findings.map { finding in
            FormatUnit.place(finding, in: file) { report.document.location(of: $0) }
        }
        self.init(
            name: file ?? "(flags)", file: file, status: status, failed: report.findings.blocks(strict: strict),
            findings: findings, seconds: seconds)
    }

    /// A checked raw body at `path`; `report` places its findings when the body has lines.
    init(body path: String, findings: [Finding], report: RawBodyReport?, status: String, strict: Bool, seconds: Double?)
    {
        let located = findings.map { finding in
            FormatUnit.place(finding, in: path) { report?.location(of: $0) }
        }
        self.init(
            name: path, file: path, status: status, failed: findings.blocks(strict: strict), findings: located,
            seconds: seconds)
    }

    /// A lone image: every finding points at the file.
    init(image path: String, findings: [Finding], status: String, strict: Bool, seconds: Double? = nil) {
        self.init(
            name: path, file: path, status: status, failed: findings.blocks(strict: strict),
            findings: findings.map { LocatedFinding($0, file: path) }, seconds: seconds)
    }

    /// `finding` in `file` at its path's location, else at the line its message starts with
    /// (`line 3: …`, e.g. a syntax error), else at the file only.
    static func place(
        _ finding: Finding, in file: String?, location: (String) -> SourceLocation?
    ) -> LocatedFinding {
        let place = JobDocument.place(of: finding, location: location)
        return LocatedFinding(finding, file: file, line: place?.line, column: place?.column)
    }
}
