import Foundation
import KlingCheck

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns a batch's INPUT arguments into its jobs, in a deterministic order.
public enum BatchInputs {
    /// The extensions of job files looked for in folders.
    public static let jobExtensions: Set<String> = ["yaml", "yml", "json"]
    /// Files in folders that are outputs, not jobs: a build's report, a batch's summary.
    static let outputNames: Set<String> = ["report.json", "summary.json", "doctor.json", "hook.json"]
    /// The largest manifest read, in bytes.
    public static let maximumManifestBytes = 256 << 20

    /// The jobs of `arguments`, in argument order; within a folder sorted by relative path.
    ///
    /// - A folder is searched recursively for `*.yaml`, `*.yml` and `*.json` (hidden entries,
    ///   build folders `*.klingprep`, `report.json` and `summary.json` are skipped, and so is
    ///   `skipping`, the batch's own output folder).
    /// - A `*.jsonl` file is a manifest: one job per non-blank line.
    /// - Any other file is one job (a job file or a request body).
    ///
    /// The same path reached twice is one job; two paths to one file (links) are two jobs, as
    /// their relative image paths may resolve differently (the same body is still created
    /// once). Each job's ``BatchJob/folder`` is unique.
    /// - Throws: ``BatchError`` for an argument that names nothing or cannot be read.
    public static func expand(_ arguments: [String], skipping: String? = nil) throws(BatchError) -> [BatchJob] {
        var jobs: [BatchJob] = []
        var seenFiles: Set<String> = []
        var folders: Set<String> = []
        let skipped = skipping.map(canonical)
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                throw .inputNotFound(path: argument)
            }
            if isDirectory.boolValue {
                for relative in try files(in: argument, skipping: skipped) {
                    let path = join(argument, relative)
                    guard seenFiles.insert(standardized(path)).inserted else { continue }
                    jobs.append(
                        BatchJob(
                            source: .file(path: path), input: path, shardKey: relative,
                            folder: unique(folderName(relative), in: &folders)))
                }
            } else if (argument as NSString).pathExtension.lowercased() == "jsonl" {
                jobs += try manifest(argument, folders: &folders)
            } else {
                guard seenFiles.insert(standardized(argument)).inserted else { continue }
                let key = normalized(argument)
                jobs.append(
                    BatchJob(
                        source: .file(path: argument), input: argument, shardKey: key,
                        folder: unique(folderName((key as NSString).lastPathComponent), in: &folders)))
            }
        }
        return jobs
    }

    /// The job files under `folder`, as paths relative to it, sorted. Symbolic links are
    /// followed (a Kubernetes ConfigMap mounts every file as one), each real folder walked once
    /// (a link loop ends there); an entry named like a job file that cannot be read — a dangling
    /// link, a FIFO, a link loop — is kept, so that its job reports it instead of vanishing.
    /// - Throws: ``BatchError/inputUnreadable(path:reason:)`` for a folder that cannot be listed.
    static func files(in folder: String, skipping: String?) throws(BatchError) -> [String] {
        var found: [String] = []
        var visited: Set<String> = [canonical(folder)]
        try walk(folder, relative: "", visited: &visited, skipping: skipping, into: &found)
        return found.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    private static func walk(
        _ directory: String, relative: String, visited: inout Set<String>, skipping: String?,
        into found: inout [String]
    ) throws(BatchError) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw .inputUnreadable(path: directory, reason: Files.reason(of: error))
        }
        for name in names where !name.hasPrefix(".") {
            let path = join(directory, name)
            let inside = relative.isEmpty ? name : relative + "/" + name
            var status = stat()
            let isFolder = stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
            if isFolder {
                let real = canonical(path)
                guard !name.hasSuffix(".klingprep"), real != skipping, visited.insert(real).inserted else { continue }
                try walk(path, relative: inside, visited: &visited, skipping: skipping, into: &found)
            } else if jobExtensions.contains((name as NSString).pathExtension.lowercased()),
                !outputNames.contains(name)
            {
                found.append(inside)
            }
        }
    }

    /// The jobs of the manifest at `path`, one per non-blank line.
    static func manifest(_ path: String, folders: inout Set<String>) throws(BatchError) -> [BatchJob] {
        let bytes: [UInt8]
        do {
            bytes = try Files.readAll(path: path, limit: maximumManifestBytes)
        } catch {
            throw .inputUnreadable(path: path, reason: error.reason)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .inputUnreadable(path: path, reason: "it is not UTF-8 text")
        }
        let stem = ((normalized(path) as NSString).deletingPathExtension as NSString).lastPathComponent
        var jobs: [BatchJob] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            // A line that is not a job (not JSON, not an object) is judged as its job: invalid.
            if line.isEmpty { continue }
            jobs.append(
                BatchJob(
                    source: .manifestLine(manifest: path, line: index + 1, text: line),
                    input: "\(path):\(index + 1)", shardKey: line,
                    folder: unique("\(stem)/line-\(index + 1).klingprep", in: &folders)))
        }
        return jobs
    }

    /// `shots/a.yaml` → `shots/a.klingprep`.
    static func folderName(_ relative: String) -> String {
        (relative as NSString).deletingPathExtension + ".klingprep"
    }

    /// `name`, or `name~2`, `name~3`, … when taken.
    static func unique(_ name: String, in taken: inout Set<String>) -> String {
        var candidate = name
        var number = 2
        while !taken.insert(candidate).inserted {
            candidate = name.replacingOccurrences(of: ".klingprep", with: "~\(number).klingprep")
            number += 1
        }
        return candidate
    }

    /// A path without leading `./` and with single slashes.
    static func normalized(_ path: String) -> String {
        var parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        while parts.first == "." { parts.removeFirst() }
        return (path.hasPrefix("/") ? "/" : "") + parts.filter { $0 != "." }.joined(separator: "/")
    }

    static func join(_ folder: String, _ relative: String) -> String {
        folder.hasSuffix("/") ? folder + relative : folder + "/" + relative
    }

    /// The absolute path without `.` and `..`, links kept (what identifies a job).
    static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// The absolute path with links resolved (what identifies a folder walked).
    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
