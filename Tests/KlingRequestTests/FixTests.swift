import Foundation
import KlingCheck
import KlingImage
@testable import KlingRequest
import TestSupport
import Testing

/// `klingprep fix`'s library: each fix on real photos of the corpus, the byte budget, the
/// profile, idempotence, and what the copies are (they decode and pass the image rules).
@Suite(.enabled(if: TestPaths.corpusAvailable, Comment(rawValue: TestPaths.corpusMissingMessage)))
struct FixTests {
    static func corpus(_ relative: String) -> String {
        TestPaths.corpus.appendingPathComponent(relative).path
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The copy decodes cleanly through libpng/libjpeg and has no error or warning finding.
    static func expectCompliant(_ bytes: [UInt8], _ label: String) {
        let verdict = ImageRules.verdict(
            bytes: bytes, label: label, decode: true, context: RuleContext(route: .image2video))
        #expect(verdict.passes, "\(label): \(verdict.findings.map(\.message))")
        #expect(verdict.findings.filter { $0.severity >= .warning }.isEmpty, "\(label): \(verdict.findings)")
        #expect(verdict.inspection.decode?.warningCount == 0)
        #expect(verdict.inspection.info?.exifOrientation == nil)
    }

    static func mean(_ a: RGBImage, _ b: RGBImage) -> Double {
        var total = 0
        for index in a.pixels.indices { total += abs(Int(a.pixels[index]) - Int(b.pixels[index])) }
        return Double(total) / Double(a.pixels.count)
    }

    @Test func aCompliantHeaderOverDataCutShortIsNotCompliant() {
        // The corpus marks it corrupt: its IDAT holds far less than IHDR needs (CRCs intact).
        // Nothing about its header needs fixing; "left alone" would pass it on to a paid task.
        #expect(throws: FixError.self) { try Self.fix("png-extra/x_image-issue#1075.png") }
    }

    static func fix(_ relative: String, _ options: FixOptions = FixOptions()) throws -> FixOutcome {
        try ImageFixer.fix(path: corpus(relative), options: options)
    }

    static func kinds(_ outcome: FixOutcome) -> [FixStep.Kind] { outcome.steps.map(\.kind) }

    /// Every EXIF-rotated landscape photo, fixed, shows the same picture as the upright one.
    @Test(arguments: 2...8)
    func orientationIsApplied(orientation: Int) throws {
        let outcome = try Self.fix("jpeg/Landscape_\(orientation).jpg")
        let bytes = try #require(outcome.bytes)
        Self.expectCompliant(bytes, "Landscape_\(orientation)")
        #expect(outcome.steps.first?.text == "orientation: EXIF \(orientation) → upright (tag removed)")
        #expect(outcome.geometry.orientation == orientation)
        #expect(outcome.geometry.outputSize == PixelSize(width: 1800, height: 1200))
        let fixed = try ImageDecoder.decodePicture(bytes: bytes).image
        let upright = try ImageDecoder.decodePicture(path: Self.corpus("jpeg/Landscape_1.jpg")).image
        #expect(Self.mean(fixed, upright) < 4, "the fixed picture is not the upright one")
    }

    @Test func uprightPhotosAreLeftAlone() throws {
        let outcome = try Self.fix("jpeg/Landscape_1.jpg")
        #expect(outcome.isUnchanged && outcome.steps.isEmpty && outcome.geometry.isIdentity)
    }

    @Test func cmykBecomesRGBWithAWarning() throws {
        let outcome = try Self.fix("jpeg/jpg-cmyk-2.jpg")
        let step = try #require(outcome.steps.first { $0.kind == .color })
        #expect(step.text == "color: CMYK → 8-bit RGB (approximate, no colour management)" && step.isWarning)
        #expect(outcome.output?.jpeg?.colorSpace == .yCbCr)
        Self.expectCompliant(try #require(outcome.bytes), "jpg-cmyk-2")
    }

    @Test(arguments: [
        ("png-extra/rgb-16-sRGB.png", "16-bit RGB"), ("png-extra/gray-alpha-8-1.8.png", "8-bit gray+alpha"),
        ("png-extra/test-palette-8.png", "palette"), ("png-extra/rgb-alpha-16-linear.png", "16-bit RGBA"),
    ])
    func pngsBecome8BitRGB(file: String, before: String) throws {
        let outcome = try Self.fix(file)
        #expect(outcome.steps.first?.text == "color: \(before) → 8-bit RGB")
        #expect(outcome.output?.png?.bitDepth == 8 && outcome.output?.png?.colorType == 2)
        Self.expectCompliant(try #require(outcome.bytes), file)
    }

    @Test func transparencyIsCompositedOnTheChosenColour() throws {
        let red = RGBColour(red: 255, green: 0, blue: 0)
        let outcome = try Self.fix("png-extra/gray-alpha-8-1.8.png", FixOptions(background: red))
        #expect(Self.kinds(outcome).prefix(3) == [.color, .alpha, .size])
        let source = try ImageDecoder.decodePicture(
            path: Self.corpus("png-extra/gray-alpha-8-1.8.png"), background: red)
        #expect(source.transparentPixels > 0)
        // Fully transparent source pixels are pure red before the upscale.
        let fixedBytes = try #require(outcome.bytes)
        let fixed = try ImageDecoder.decodePicture(bytes: fixedBytes).image
        #expect(fixed.size == PixelSize(width: 300, height: 300))
        let reds = stride(from: 0, to: fixed.pixels.count, by: 3).filter {
            fixed.pixels[$0] > 200 && fixed.pixels[$0 + 1] < 60
        }
        #expect(!reds.isEmpty)
    }

    @Test func smallPicturesAreUpscaledWithAWarning() throws {
        let outcome = try Self.fix("jpeg/cat.jpg")
        let step = try #require(outcome.steps.first { $0.kind == .size })
        #expect(step.text == "size: 320x240 → 400x300 (upscaled: detail is invented)" && step.isWarning)
        #expect(outcome.output?.width == 400 && outcome.output?.height == 300)
    }

    @Test func extremeAspectIsPaddedOrCropped() throws {
        let padded = try Self.fix("jpeg/blank_800x280.jpg")
        #expect(padded.steps.first?.text == "aspect: 2.86:1 (800x280) → 2.49:1 (800x321) (pad, #FFFFFF)")
        #expect(padded.geometry.frame == PixelRect(x: 0, y: -20, width: 800, height: 321))
        Self.expectCompliant(try #require(padded.bytes), "padded")
        let cropped = try Self.fix("jpeg/blank_800x280.jpg", FixOptions(aspect: .crop, cropAnchor: .right))
        #expect(cropped.geometry.frame == PixelRect(x: 101, y: 0, width: 699, height: 280))
        // 699x280 is under 300 px high: upscaled to 749x300 (2·749 < 5·300).
        #expect(cropped.geometry.outputSize == PixelSize(width: 749, height: 300))
        Self.expectCompliant(try #require(cropped.bytes), "cropped")
        let tall = try Self.fix("jpeg/grayscale_long.jpg")
        #expect(tall.geometry.outputSize.width >= 300 && tall.geometry.outputSize.height >= 300)
        Self.expectCompliant(try #require(tall.bytes), "grayscale_long")
    }

    @Test func maxSideDownscalesAndRefusesTheImpossible() throws {
        let outcome = try Self.fix("jpeg/Landscape_1.jpg", FixOptions(maxSide: 900))
        #expect(outcome.geometry.outputSize == PixelSize(width: 900, height: 600))
        #expect(outcome.steps.first?.text == "size: 1800x1200 → 900x600 (downscaled to --max-side 900)")
        #expect(throws: FixError.maxSideTooSmall(maxSide: 400, needed: 748)) {
            try Self.fix("jpeg/blank_800x280.jpg", FixOptions(maxSide: 400))
        }
        #expect(throws: FixError.invalidOption(name: "--max-side", value: "299", expected: "at least 300")) {
            try Self.fix("jpeg/Landscape_1.jpg", FixOptions(maxSide: 299))
        }
    }

    @Test func profilesAreKeptAndANonSRGBOneIsAWarning() throws {
        let outcome = try Self.fix("jpeg/icc_profile_big.jpg")
        let source = try #require(try ImageDecoder.profile(path: Self.corpus("jpeg/icc_profile_big.jpg")))
        let keptBytes = try #require(outcome.bytes)
        let kept = try #require(try ImageDecoder.decodePicture(bytes: keptBytes).profile)
        #expect(kept == source && source.bytes.count > 100_000)
        let step = try #require(outcome.steps.last)
        #expect(step.kind == .profile && step.isWarning && !source.isSRGB)
        let png = try Self.fix("png-extra/F-exif-chunk-early.png")
        let pngBytes = try #require(png.bytes)
        let pngProfile = try #require(try ImageDecoder.decodePicture(bytes: pngBytes).profile)
        #expect(pngProfile.isSRGB && pngProfile.name == "GIMP built-in sRGB")
        #expect(png.steps.last?.text == "profile: GIMP built-in sRGB kept")
    }

    @Test func bytesInMemoryAreFixedAsFilesAre() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.corpus("jpeg/Landscape_6.jpg")))
        let fromBytes = try ImageFixer.fix(bytes: [UInt8](data), label: "images[0]")
        let fromFile = try Self.fix("jpeg/Landscape_6.jpg")
        let same = fromBytes.bytes == fromFile.bytes
        #expect(same && fromBytes.geometry == fromFile.geometry && fromBytes.steps == fromFile.steps)
    }

    /// A pad that would make the picture larger than the limit is refused before decoding.
    @Test func aPadOverThePixelLimitIsRefused() {
        #expect(throws: FixError.outputTooLarge(size: PixelSize(width: 800, height: 321), maximumPixels: 250_000)) {
            try ImageFixer.fix(
                path: Self.corpus("jpeg/blank_800x280.jpg"), limits: DecodeLimits(maximumPixels: 250_000))
        }
    }

    @Test func unreadableAndRefusedFilesAreTypedErrors() throws {
        let folder = try Self.temporaryFolder()
        let text = folder.appendingPathComponent("note.png").path
        try Data("not an image".utf8).write(to: URL(fileURLWithPath: text))
        #expect(throws: FixError.self) { try ImageFixer.fix(path: text) }
        do {
            _ = try ImageFixer.fix(path: folder.appendingPathComponent("missing.jpg").path)
            Issue.record("a missing file was fixed")
        } catch {
            guard case .image(_, .unreadable) = error else {
                Issue.record("expected .image(.unreadable), got \(error)")
                return
            }
        }
    }

    /// A photo whose PNG is over 10,000,000 bytes becomes a JPEG within it.
    @Test func tooManyBytesBecomeAJPEGWithinTheBudget() throws {
        var generator = SeededGenerator(seed: 14)
        let width = 2000
        let height = 1700
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for index in pixels.indices { pixels[index] = UInt8(truncatingIfNeeded: generator.next()) }
        let png = try PNGEncoder.encode(pixels: pixels, width: width, height: height, channels: 3)
        #expect(png.count > ImageRules.documentedMaximumBytes)
        let folder = try Self.temporaryFolder()
        let path = folder.appendingPathComponent("noise.png").path
        try Data(png).write(to: URL(fileURLWithPath: path))
        let outcome = try ImageFixer.fix(path: path)
        let bytes = try #require(outcome.bytes)
        #expect(bytes.count <= ImageRules.documentedMaximumBytes)
        #expect(outcome.format == .jpeg)
        let step = try #require(outcome.steps.first { $0.kind == .bytes })
        #expect(step.before.hasSuffix("MB PNG") && step.after.contains("JPEG q"))
        Self.expectCompliant(bytes, "noise")
    }

    /// The size search never writes above the budget: with small budgets it lowers the quality,
    /// then the size, and reports both.
    @Test(arguments: [400_000, 150_000, 60_000])
    func theSizeSearchNeverExceedsTheBudget(budget: Int) throws {
        var generator = SeededGenerator(seed: UInt64(budget))
        let size = PixelSize(width: 700, height: 500)
        var image = RGBImage(size: size)
        for index in image.pixels.indices {
            image.pixels[index] = UInt8(truncatingIfNeeded: generator.next() % 64 + 96)
        }
        let jpeg = try JPEGEncoder.encode(image, quality: 98)
        let picture = try ImageDecoder.decodePicture(bytes: jpeg)
        let info = try ImageProbe.probe(bytes: jpeg)
        var plan = try FixPlanner.plan(info)
        plan.overBudget = true
        let outcome = try ImageFixer.fix(picture, plan: plan, path: "noise.jpg", options: FixOptions(), budget: budget)
        let bytes = try #require(outcome.bytes)
        #expect(bytes.count <= budget)
        if outcome.geometry.outputSize != size {
            #expect(outcome.steps.contains { $0.kind == .size && $0.note?.hasPrefix("downscaled to fit") == true })
            #expect(min(outcome.geometry.outputSize.width, outcome.geometry.outputSize.height) >= 300)
        }
        #expect(throws: FixError.self) {
            try ImageFixer.fix(picture, plan: plan, path: "noise.jpg", options: FixOptions(), budget: 2_000)
        }
    }

    static let everyFix = [
        "jpeg/Landscape_6.jpg", "jpeg/Portrait_5.jpg", "jpeg/pil_sample_cmyk.jpg", "jpeg/cat.jpg",
        "jpeg/blank_800x280.jpg", "jpeg/icc_profile_big.jpg", "png-extra/rgb-16-sRGB.png",
        "png-extra/gray-alpha-16-sRGB.png", "pngsuite/basn3p08.png", "png-extra/F-exif-chunk-early.png",
        "jpeg/grayscale_large.jpg",
    ]

    /// Fixing the copies again changes nothing.
    @Test func fixingTwiceChangesNothing() throws {
        let folder = try Self.temporaryFolder()
        let first = FixWriter.fix(Self.everyFix.map(Self.corpus), into: folder.path)
        #expect(
            first.allSatisfy { $0.status == .fixed },
            "\(first.map { "\($0.path): \($0.status) \($0.error.map(String.init(describing:)) ?? "")" })")
        let outputs = first.compactMap(\.outputPath)
        #expect(outputs.count == Self.everyFix.count)
        let again = FixWriter.fix(outputs, into: folder.appendingPathComponent("again").path)
        for result in again {
            #expect(result.status == .unchanged, "\(result.path): \(result.outcome?.steps.map(\.text) ?? [])")
            #expect(result.outcome?.steps.allSatisfy { $0.kind == .profile } == true)
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("again").path))
    }

    @Test func theWriterNeverOverwritesItsInputAndNamesFollowTheFormat() throws {
        let folder = try Self.temporaryFolder()
        let input = folder.appendingPathComponent("photo.jpg").path
        try FileManager.default.copyItem(atPath: Self.corpus("jpeg/Landscape_1.jpg"), toPath: input)
        let before = try Data(contentsOf: URL(fileURLWithPath: input))
        let results = FixWriter.fix([input], into: folder.path, copyAll: true)
        #expect(results.first?.status == .failed)
        #expect(results.first?.error == .wouldOverwriteInput(path: input))
        #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == before)
        var taken: Set<String> = []
        #expect(FixWriter.outputPath(for: "a/x.PNG", format: .jpeg, in: "o", taken: &taken) == "o/x.jpg")
        #expect(FixWriter.outputPath(for: "b/x.jpeg", format: .jpeg, in: "o", taken: &taken) == "o/x.jpeg")
        #expect(FixWriter.outputPath(for: "c/x.jpg", format: .jpeg, in: "o", taken: &taken) == "o/x-2.jpg")
    }
}
