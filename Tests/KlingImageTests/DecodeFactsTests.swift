import Foundation
@testable import KlingImage
import TestSupport
import Testing

/// What a full decode reports about data that decodes but is not all there.
struct DecodeFactsTests {
    /// A JPEG cut in the middle of its scan and given a new end marker: it ends like a whole
    /// file, decodes, and the decoder says its data ran out.
    @Test(arguments: [0.3, 0.5, 0.9])
    func aJPEGCutInTheMiddleWithAnEndMarkerAddedIsMissingData(fraction: Double) throws {
        let photo = try FixtureData.bytes("images/landscape.jpg")
        let cut = Array(photo[0..<Int(Double(photo.count) * fraction)]) + [0xFF, 0xD9]
        let info = try ImageProbe.probe(bytes: cut)
        #expect(info.endMarkerFound == true)
        let report = try ImageDecoder.verify(bytes: cut)
        #expect(report.missingDataWarnings > 0)
        #expect(report.warnings.contains { $0.contains("premature end of data segment") })
    }

    @Test func wholeJPEGAndPNGMissNothing() throws {
        for fixture in ["images/landscape.jpg", "images/portrait.jpg", "images/gradient.png"] {
            let report = try ImageDecoder.verify(path: TestPaths.fixture(fixture))
            #expect(report.missingDataWarnings == 0, "\(fixture)")
            #expect(report.warningCount == 0, "\(fixture)")
        }
    }

    /// A JPEG cut short without an end marker is corrupt (libjpeg: "Premature end of JPEG file").
    @Test func aJPEGCutShortIsCorrupt() throws {
        let photo = try FixtureData.bytes("images/landscape.jpg")
        #expect {
            try ImageDecoder.verify(bytes: Array(photo[0..<(photo.count / 2)]))
        } throws: { error in
            guard case .corrupt(.jpeg, let message) = error as? ImageError else { return false }
            return message.contains("Premature end of JPEG file")
        }
    }
}
