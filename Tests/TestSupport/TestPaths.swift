public import Foundation

/// Where tests find the repository's fixtures, the shared corpus and the built `klingprep`.
public enum TestPaths {
    /// The package root (the folder holding Package.swift).
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // Tests/TestSupport/TestPaths.swift
        return url
    }()

    /// `fixtures/` in the repository.
    public static var fixtures: URL { packageRoot.appendingPathComponent("fixtures") }

    /// A file under `fixtures/`.
    public static func fixture(_ relative: String) -> String {
        fixtures.appendingPathComponent(relative).path
    }

    /// The public test corpus: `$KLINGPREP_CORPUS`, else `../shared/corpus` beside the package.
    public static var corpus: URL {
        if let path = ProcessInfo.processInfo.environment["KLINGPREP_CORPUS"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    }

    /// True when the corpus and its manifest are present.
    public static var corpusAvailable: Bool {
        FileManager.default.fileExists(atPath: corpus.appendingPathComponent("MANIFEST.tsv").path)
    }

    /// Why corpus tests are skipped.
    public static let corpusMissingMessage =
        "the shared image corpus is absent (expected ../shared/corpus or $KLINGPREP_CORPUS); corpus tests skipped"

    /// The built `klingprep` executable, next to the test bundle.
    public static var klingprep: URL {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = runner.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("klingprep")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/klingprep")
    }

    /// A fresh empty temporary directory.
    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("klingprep-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// One row of the corpus's MANIFEST.tsv.
public struct CorpusRow: Sendable {
    public var path: String
    public var format: String
    public var width: Int?
    public var height: Int?
    public var modeBits: String
    public var exifOrientation: Int?
    public var valid: Bool
    public var note: String

    /// Rows the manifest notes as decoding only with library warnings.
    public var warnsInStrictDecoders: Bool { note.contains("strict decoders") }

    /// All rows; empty when the corpus is absent.
    public static func all() -> [CorpusRow] {
        let manifest = TestPaths.corpus.appendingPathComponent("MANIFEST.tsv")
        guard let text = try? String(contentsOf: manifest, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 9 else { return nil }
            return CorpusRow(
                path: fields[0], format: fields[1], width: Int(fields[2]), height: Int(fields[3]),
                modeBits: fields[4], exifOrientation: Int(fields[5]), valid: fields[6] == "valid",
                note: fields[8])
        }
    }

    /// The file's absolute path.
    public var absolutePath: String { TestPaths.corpus.appendingPathComponent(path).path }
}

extension TestPaths {
    /// `../shared/cases` (inputs that failed in real use), or `$KLINGPREP_CASES`.
    public static var cases: URL {
        if let path = ProcessInfo.processInfo.environment["KLINGPREP_CASES"] { return URL(fileURLWithPath: path) }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/cases")
    }

    /// True when the shared cases are there.
    public static var casesAvailable: Bool {
        FileManager.default.fileExists(atPath: cases.appendingPathComponent("raw-body/README.md").path)
    }
}
