import Foundation
import KlingImage
public import TestSupport
public import Testing

extension CorpusRow: CustomTestStringConvertible {
    public var testDescription: String { path }
}

/// Every row of the shared corpus's MANIFEST.tsv (372 files) through probe and full decode.
@Suite(.enabled(if: TestPaths.corpusAvailable, Comment(rawValue: TestPaths.corpusMissingMessage)))
struct CorpusTests {
    static let rows = CorpusRow.all()

    @Test func manifestHasEveryRow() {
        #expect(Self.rows.count == 372)
    }

    @Test(arguments: rows)
    func decodeGivesTheManifestVerdict(row: CorpusRow) throws {
        do {
            let report = try ImageDecoder.verify(path: row.absolutePath)
            #expect(row.valid, "decoded a file the manifest calls corrupt")
            #expect(report.width == row.width)
            #expect(report.height == row.height)
            if row.warnsInStrictDecoders {
                #expect(report.warningCount > 0, "the manifest notes library warnings for this file")
                #expect(!report.warnings.isEmpty)
            }
            // A scan whose data ends early ("premature end of data segment") is missing data.
            if row.note.contains("premature end of data segment") {
                #expect(report.missingDataWarnings > 0)
            }
        } catch {
            switch error {
            case .unsupportedPrecision(let bits):
                #expect(row.valid)
                #expect(bits == 12 || bits == 16)
                #expect(row.modeBits.contains("12-bit") || row.modeBits.contains("16-bit"))
            case .unsupportedProcess:
                // 8-bit lossless JPEG needs libjpeg-turbo 3; Debian 12 ships 2.1.5.
                #expect(row.modeBits.hasPrefix("lossless"))
            default:
                #expect(!row.valid, "refused a valid file: \(error)")
                #expect(!error.description.isEmpty)
            }
        }
    }

    @Test(arguments: rows)
    func probeOnBytesMatchesProbeOnFile(row: CorpusRow) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: row.absolutePath)))
        let fromFile = Result { () throws(ImageError) in try ImageProbe.probe(path: row.absolutePath) }
        let fromBytes = Result { () throws(ImageError) in try ImageProbe.probe(bytes: bytes) }
        switch (fromFile, fromBytes) {
        case (.success(let file), .success(let memory)):
            #expect(file == memory)
            if row.valid {
                #expect(file.format.rawValue == row.format.lowercased())
                #expect(file.width == row.width)
                #expect(file.height == row.height)
                #expect(file.endMarkerFound == true, "a valid file is not cut short")
            }
            #expect(file.exifOrientation == row.exifOrientation)
        case (.failure(let file), .failure(let memory)):
            #expect(file == memory)
            #expect(!row.valid)
        default:
            Issue.record("file and bytes disagree: \(fromFile) vs \(fromBytes)")
        }
    }
}
