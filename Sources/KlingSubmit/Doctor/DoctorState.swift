public import Foundation
import KlingCheck

/// The small state file where `klingprep doctor` keeps its findings, one entry per backend and
/// base URL, so that `submit` asks only the lookup forms the service was seen to answer:
/// `doctor.json` in the ``StateDirectory``, written atomically.
public struct DoctorState: Sendable, Equatable {
    /// The largest state file read, in bytes.
    public static let maximumFileBytes = 1 << 20

    /// Where the file lives.
    public let url: URL

    /// The state file at `url`.
    public init(url: URL) { self.url = url }

    /// The default state file for `environment`.
    public static func standard(environment: [String: String]) -> DoctorState {
        DoctorState(url: StateDirectory.url(environment: environment).appendingPathComponent("doctor.json"))
    }

    /// Every entry; a missing file has none.
    ///
    /// - Throws: ``SubmitError/stateFileUnreadable(path:reason:)`` when it exists but cannot be read
    ///   as the state file.
    public func entries() throws(SubmitError) -> [DoctorFindings] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        let bytes: [UInt8]
        do {
            bytes = try Files.readAll(path: url.path, limit: Self.maximumFileBytes)
        } catch {
            throw .stateFileUnreadable(path: url.path, reason: error.reason)
        }
        do {
            return try JSONDecoder().decode([DoctorFindings].self, from: Data(bytes))
        } catch {
            throw .stateFileUnreadable(
                path: url.path, reason: "not a klingprep doctor state file; remove it and run doctor again")
        }
    }

    /// The findings for `endpoint`, if doctor has probed it.
    ///
    /// - Throws: as ``entries()``.
    public func findings(for endpoint: ServiceEndpoint) throws(SubmitError) -> DoctorFindings? {
        try entries().last { $0.backend == endpoint.backend && $0.baseURL == endpoint.baseURL }
    }

    /// Stores `findings`, replacing the entry of the same backend and base URL.
    ///
    /// - Throws: ``SubmitError/fileNotWritable(path:reason:)``.
    public func store(_ findings: DoctorFindings) throws(SubmitError) {
        var all = (try? entries()) ?? []
        all.removeAll { $0.backend == findings.backend && $0.baseURL == findings.baseURL }
        all.append(findings)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try AtomicFile.write(try encoder.encode(all), to: url.path)
        } catch let error as FileError {
            throw .fileNotWritable(path: url.path, reason: error.reason)
        } catch {
            throw .fileNotWritable(path: url.path, reason: Files.reason(of: error))
        }
    }
}
