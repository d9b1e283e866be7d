import Foundation
@testable import KlingImage
import TestSupport
import Testing

/// The probe finds where a PNG's or JPEG's own data ends: bytes appended after it are a
/// counted fact, and only a file really cut short lacks its end marker.
struct DataEndTests {
    static let trailerLengths = [1, 2, 3, 100, 4095, 4096, 4097, 70_000, 300_000]

    @Test(arguments: trailerLengths)
    func aJPEGWithDataAfterItsEndMarkerIsWhole(length: Int) throws {
        let photo = try FixtureData.bytes("images/landscape.jpg")
        let bytes = photo + FixtureData.trailer(length)
        let info = try ImageProbe.probe(bytes: bytes)
        #expect(info.endMarkerFound == true)
        #expect(info.trailingByteCount == length)
        #expect(info.byteCount == photo.count + length)
        let report = try ImageDecoder.verify(bytes: bytes)
        #expect(report.warningCount == 0 && report.missingDataWarnings == 0)
    }

    @Test(arguments: trailerLengths)
    func aPNGWithBytesAfterIENDIsWhole(length: Int) throws {
        let png = try FixtureData.bytes("images/gradient.png")
        let bytes = png + FixtureData.trailer(length)
        let info = try ImageProbe.probe(bytes: bytes)
        #expect(info.endMarkerFound == true)
        #expect(info.trailingByteCount == length)
        #expect(try ImageDecoder.verify(bytes: bytes).width == 360)
    }

    @Test func fileAndBytesAgreeOnTheTrailer() throws {
        let bytes = try FixtureData.bytes("images/portrait.jpg") + FixtureData.trailer(12_345)
        let file = try TestPaths.temporaryDirectory().appendingPathComponent("with-video.jpg")
        try Data(bytes).write(to: file)
        let fromFile = try ImageProbe.probe(path: file.path)
        #expect(fromFile == (try ImageProbe.probe(bytes: bytes)))
        #expect(fromFile.trailingByteCount == 12_345)
    }

    @Test func wholeFilesHaveNoTrailingBytes() throws {
        for fixture in ["images/landscape.jpg", "images/portrait.jpg", "images/gradient.png", "bad/rotated.png"] {
            let info = try ImageProbe.probe(path: TestPaths.fixture(fixture))
            #expect(info.endMarkerFound == true, "\(fixture)")
            #expect(info.trailingByteCount == 0, "\(fixture)")
        }
    }

    /// Cut anywhere after the header — in the scan, just before or inside the end marker — a
    /// JPEG is cut short.
    @Test func aJPEGCutShortHasNoEndMarker() throws {
        let photo = try FixtureData.bytes("images/landscape.jpg")
        let scan = try #require(FixtureData.jpegMarkerBoundaries(photo).last)
        for cut in [scan + 20, photo.count / 2, photo.count - 100, photo.count - 2, photo.count - 1] {
            let info = try ImageProbe.probe(bytes: Array(photo[0..<cut]))
            #expect(info.endMarkerFound == false, "cut at \(cut)")
            #expect(info.trailingByteCount == nil, "cut at \(cut)")
        }
        let fixture = try ImageProbe.probe(path: TestPaths.fixture("bad/truncated.jpg"))
        #expect(fixture.endMarkerFound == false)
    }

    @Test func aPNGCutShortHasNoEndMarker() throws {
        let png = try FixtureData.bytes("images/gradient.png")
        for cut in [png.count / 2, png.count - 12, png.count - 1] {
            let info = try ImageProbe.probe(bytes: Array(png[0..<cut]))
            #expect(info.endMarkerFound == false, "cut at \(cut)")
        }
        // IEND's bytes inside another chunk's data do not end the walk.
        var fake = Array(png[0..<33])
        let data: [UInt8] = [0, 0, 0, 0] + Array("IEND".utf8) + [0xAE, 0x42, 0x60, 0x82]
        fake += [0, 0, 0, UInt8(data.count)] + Array("tEXt".utf8) + data + [0, 0, 0, 0]
        #expect(try ImageProbe.probe(bytes: fake).endMarkerFound == false)
    }

    /// `FF D9` inside a segment after the frame (here a comment) is data, skipped by the
    /// segment's length; the end is the marker after the scan.
    @Test func anEndMarkerInsideASegmentIsNotTheEnd() throws {
        let photo = try FixtureData.bytes("images/landscape.jpg")
        let sof = try #require(FixtureData.sofOffset(photo))
        let sofEnd = sof + 2 + (Int(photo[sof + 2]) << 8 | Int(photo[sof + 3]))
        let comment: [UInt8] = [0xFF, 0xD9, 0xFF, 0xD9, 0x00, 0xFF, 0xD9]
        let segment: [UInt8] = [0xFF, 0xFE, 0, UInt8(comment.count + 2)] + comment
        let bytes = Array(photo[0..<sofEnd]) + segment + Array(photo[sofEnd...])
        let info = try ImageProbe.probe(bytes: bytes)
        #expect(info.endMarkerFound == true && info.trailingByteCount == 0)
        // And cut inside the scan, the comment's FF D9 does not make it whole.
        let cut = Array(bytes[0..<(bytes.count / 2)])
        #expect(try ImageProbe.probe(bytes: cut).endMarkerFound == false)
    }

    /// A second image after the first one's end (an MPO, an Ultra HDR gain map) is trailing
    /// data of the first.
    @Test func aSecondPictureAfterTheEndIsTrailing() throws {
        let first = try FixtureData.bytes("images/portrait.jpg")
        let second = try FixtureData.bytes("images/landscape.jpg")
        let info = try ImageProbe.probe(bytes: first + second)
        #expect(info.width == 1200 && info.height == 1800)
        #expect(info.trailingByteCount == second.count)
    }
}
