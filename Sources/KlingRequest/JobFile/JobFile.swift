public import Foundation
public import KlingCheck
import KlingImage

/// The format of a job file.
public enum JobFormat: String, Sendable, Hashable, CaseIterable {
    case yaml
    case json

    /// `.json` → JSON, `.yaml`/`.yml` → YAML; otherwise JSON when the first non-blank byte is
    /// `{`, else YAML.
    public static func guess(path: String, data: Data) -> JobFormat {
        let ext = (path as NSString).pathExtension.lowercased()
        if ext == "json" { return .json }
        if ext == "yaml" || ext == "yml" { return .yaml }
        let first = data.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        return first == UInt8(ascii: "{") ? .json : .yaml
    }
}

/// Reads job files (YAML or JSON, design.md, "Job file") into a ``JobDocument``.
public enum JobFile {
    /// Job files larger than this are refused unread (64 MiB: room for four inline images).
    public static let maximumFileBytes = 64 * 1024 * 1024

    /// Reads, decodes and field-checks the job file at `path`. Relative paths in the file are
    /// resolved against the file's directory.
    ///
    /// - Throws: ``RequestError/unreadable(path:reason:)`` when the file cannot be read,
    ///   ``RequestError/tooLarge(path:bytes:limit:)`` above ``maximumFileBytes``. Everything
    ///   wrong *inside* the file is a finding.
    ///
    /// - Parameters:
    ///   - backend: the backend the field rules are judged for.
    ///   - route: `--route`, overriding the file's `route`.
    ///   - allowUndocumented: `--allow-undocumented`, overriding `allow_undocumented_fields`.
    public static func load(
        path: String, backend: Backend = .cometapi, route: Route? = nil, allowUndocumented: Bool? = nil
    ) throws(RequestError) -> JobDocument {
        let data = Data(
            try RequestError.file { () throws(FileError) in try Files.readAll(path: path, limit: maximumFileBytes) })
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var document = decode(
            data, format: JobFormat.guess(path: path, data: data), baseDirectory: directory, backend: backend,
            route: route, allowUndocumented: allowUndocumented)
        document.sourcePath = path
        return document
    }

    /// Decodes and field-checks job text. Reading problems (`job.syntax`, `job.unknown_key`,
    /// `job.type_mismatch`, `job.missing_field`, …) come first, then ``JobValidator``'s
    /// findings, leaving out those about a path that already has a reading error (a value that
    /// could not be read is not judged again). Every message starts with its line.
    public static func decode(
        _ data: Data, format: JobFormat, baseDirectory: String, backend: Backend = .cometapi, route: Route? = nil,
        allowUndocumented: Bool? = nil
    ) -> JobDocument {
        let empty = Job(baseDirectory: baseDirectory)
        let root: SourceNode
        switch parse(data, format: format) {
        case .problem(let finding): return JobDocument(job: empty, findings: [finding], format: format)
        case .node(let node): root = node
        }
        var decoded = JobFileDecoder.decode(root, baseDirectory: baseDirectory)
        if let route { decoded.job.route = route }
        if let allowUndocumented { decoded.job.allowUndocumentedFields = allowUndocumented }
        let fieldFindings = JobValidator.validate(decoded.job, backend: backend).filter { finding in
            guard let path = finding.path.map(JobPathText.init) else { return true }
            return !decoded.unreadable.contains { path.isWithin($0) }
        }
        return JobDocument(
            job: decoded.job, findings: decoded.findings + FindingLines.annotate(fieldFindings, lines: decoded.lines),
            lines: decoded.lines, columns: decoded.columns, format: format)
    }

    private enum Parsed {
        case node(SourceNode)
        case problem(Finding)
    }

    private static func parse(_ data: Data, format: JobFormat) -> Parsed {
        switch format {
        case .json:
            do throws(JSONTreeReader.SyntaxError) {
                return .node(try JSONTreeReader.parse(data, lines: .always))
            } catch {
                let at = error.line.map { "line \($0): " } ?? ""
                if let duplicate = error.duplicate {
                    return .problem(
                        Finding(
                            .error, code: RequestCode.jobDuplicateKey, path: duplicate.path,
                            message: at + error.message + ".", fix: "Keep one '\(duplicate.key)'."))
                }
                return .problem(syntax("\(at)the job file is not valid JSON: \(error.message)."))
            }
        case .yaml:
            guard let text = String(validating: data, as: UTF8.self) else {
                let format = ImageFormat.detect([UInt8](data.prefix(16)))
                if format != .notAnImage, format != .empty {
                    return .problem(
                        syntax(
                            "the file is a \(format.displayName) image, not a job file; a job lists its images under 'images:'.",
                            fix: "Check the picture with 'klingprep inspect FILE', or write a job file that names it."))
                }
                return .problem(syntax("the job file is not UTF-8 text."))
            }
            do throws(YAMLTreeReader.SyntaxError) {
                guard let node = try YAMLTreeReader.parse(text) else {
                    return .problem(
                        Finding(
                            .error, code: RequestCode.jobEmpty, path: nil,
                            message: "the job file holds no settings.",
                            fix: "Write at least 'prompt:' and 'images:' (see the example in the README)."))
                }
                return .node(node)
            } catch {
                let at = error.line.map { "line \($0): " } ?? ""
                if error.isDuplicateKey {
                    return .problem(
                        Finding(
                            .error, code: RequestCode.jobDuplicateKey, path: nil, message: at + error.message + ".",
                            fix: "Keep one of them."))
                }
                return .problem(syntax("\(at)the job file is not valid YAML: \(error.message)."))
            }
        }
    }

    private static func syntax(
        _ message: String,
        fix: String = "Fix the file's syntax at that line; indentation and ':' after each key matter in YAML."
    ) -> Finding {
        Finding(.error, code: RequestCode.jobSyntax, path: nil, message: message, fix: fix)
    }
}

/// A finding's path, for containment tests.
private struct JobPathText {
    var text: String
    init(_ text: String) { self.text = text }

    /// True when this path is `other` or lies inside it (the root `""` contains everything).
    func isWithin(_ other: String) -> Bool {
        other.isEmpty || text == other || text.hasPrefix(other + ".") || text.hasPrefix(other + "[")
    }
}
