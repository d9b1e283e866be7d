import Foundation
import KlingBrush
import KlingCheck

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file a job reads, and what it is to the job ("image 1 of the job").
public struct JobInputFile: Sendable, Hashable {
    /// The path, resolved against the job's base directory.
    public var path: String
    /// What the file is to the job, for messages: "image 1 of the job", "the tail image of the
    /// job", "a mask picture of the job (`image masks/sky.png` in brushes.static[0])".
    public var role: String

    /// A file at `path` that is `role` to its reader.
    public init(path: String, role: String) {
        self.path = path
        self.role = role
    }
}

extension Job {
    /// Every local file the job reads: its images, its tail, and the pictures its brushes name
    /// (`image PATH` areas, resolved against ``baseDirectory`` as the brushes resolve them).
    /// Descriptions that do not parse name no file.
    public var inputFiles: [JobInputFile] {
        var files: [JobInputFile] = []
        for (index, image) in images.enumerated() {
            if case .file(let path) = image {
                files.append(JobInputFile(path: path, role: "image \(index + 1) of the job"))
            }
        }
        if case .file(let path) = tail { files.append(JobInputFile(path: path, role: "the tail image of the job")) }
        guard let brushes else { return files }
        let areas =
            brushes.staticAreas.enumerated().map { ("brushes.static[\($0.offset)]", $0.element) }
            + brushes.dynamic.enumerated().map { ("brushes.dynamic[\($0.offset)].area", $0.element.area) }
        for (place, text) in areas {
            guard let area = try? Area(parsing: text) else { continue }
            for term in area.terms {
                guard case .image(let picture) = term.shape else { continue }
                let path =
                    picture.hasPrefix("/")
                    ? picture : URL(fileURLWithPath: baseDirectory).appendingPathComponent(picture).path
                files.append(
                    JobInputFile(path: path, role: "a mask picture of the job (`image \(picture)` in \(place))"))
            }
        }
        return files
    }
}

extension JobInputFile {
    /// The input among `inputs` that `output` would write over: the same path once `.`, `..`
    /// and symbolic links are resolved, or the same file by device and inode (a hard link);
    /// `nil` when none.
    public static func overwritten(by output: String, among inputs: [JobInputFile]) -> JobInputFile? {
        let resolvedOutput = resolved(output)
        let outputIdentity = identity(output)
        return inputs.first { input in
            resolved(input.path) == resolvedOutput || (outputIdentity != nil && identity(input.path) == outputIdentity)
        }
    }

    static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Device and inode of an existing file, following links.
    static func identity(_ path: String) -> [UInt64]? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return [UInt64(status.st_dev), UInt64(status.st_ino)]
    }
}
