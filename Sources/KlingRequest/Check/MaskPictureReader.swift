import Foundation
public import KlingBrush
public import KlingCheck
public import KlingImage
import Synchronization

/// Reads `image PATH` areas of a job: a PNG or JPEG at its own stored size (no EXIF rotation:
/// masks follow the stored grid), cut into inside (255) and outside (0), and remembers how each
/// picture was cut so the job's report can say so (design.md, "Description language").
///
/// The cut (``MaskPicture/plane(_:)``):
/// - no transparency: inside where the gray level is at least 128 (white on black works; grey
///   or coloured pixels get a `brushes.mask_not_binary` warning with their counts);
/// - one flat colour with the shape in alpha (an opaque shape on a transparent background):
///   inside where alpha is at least 128, with a `brushes.mask_shape_in_alpha` warning that says
///   so;
/// - colour detail *and* transparency (a photo with a transparent hole, as some mask editors
///   save the painted area): inside where the picture is transparent (alpha below 128), with a
///   `brushes.mask_transparent_photo` warning — never the photo's bright parts.
///
/// Relative paths are resolved against `baseDirectory` (the job file's directory).
public final class MaskPictureReader: Sendable {
    /// How one picture was read.
    public struct Note: Sendable, Hashable {
        /// The path as written in the description.
        public var path: String
        /// The picture's facts.
        public var picture: MaskPicture
        /// The cut that was made.
        public var cut: Cut
    }

    /// Which cut ``MaskPictureReader`` made.
    public enum Cut: Sendable, Hashable {
        /// Gray level at least 128.
        case gray
        /// Alpha at least 128 (the shape is in alpha).
        case opaque
        /// Alpha below 128 (the transparent hole of a photo).
        case transparent
    }

    /// Directory relative paths are resolved against.
    public let baseDirectory: String
    /// Decoder limits.
    public let limits: DecodeLimits
    private let notes = Mutex<[Note]>([])

    /// A reader for one job.
    public init(baseDirectory: String, limits: DecodeLimits = .standard) {
        self.baseDirectory = baseDirectory
        self.limits = limits
    }

    /// The mask in the picture at `path`.
    /// - Throws: ``ImageError`` when the picture cannot be read or decoded.
    @Sendable public func read(_ path: String) throws -> GrayMask {
        let full = path.hasPrefix("/") ? path : URL(fileURLWithPath: baseDirectory).appendingPathComponent(path).path
        let picture = try MaskPicture(path: full, limits: limits)
        let cut: Cut
        let plane: [UInt8]
        if picture.counts.translucent == 0 {
            cut = .gray
            plane = picture.plane(.grayAtLeast(128))
        } else if picture.shapeOnlyInAlpha {
            cut = .opaque
            plane = picture.plane(.alphaAtLeast(128))
        } else {
            cut = .transparent
            plane = picture.plane(.alphaAtLeast(128)).map { $0 == 255 ? 0 : 255 }
        }
        notes.withLock { $0.append(Note(path: path, picture: picture, cut: cut)) }
        return GrayMask(width: picture.width, height: picture.height, pixels: plane)
    }

    /// How every picture read so far was cut, in reading order, each path once.
    public var readNotes: [Note] {
        notes.withLock { all in
            var seen = Set<String>()
            return all.filter { seen.insert($0.path).inserted }
        }
    }

    /// The findings on the pictures read: grey or coloured pixels cut at 128, a photo whose
    /// transparent hole was taken as the area. `path` is where the findings point (`brushes`).
    public func findings(at path: String, in context: RuleContext) -> [Finding] {
        readNotes.compactMap { note in
            let counts = note.picture.counts
            switch note.cut {
            case .gray where counts.grey + counts.coloured > 0:
                let inside = note.picture.plane(.grayAtLeast(128)).filter { $0 == 255 }.count
                return MaskRules.notBinary.finding(
                    "image \(note.path) has \(Digits.grouped(counts.grey)) grey and \(Digits.grouped(counts.coloured)) coloured pixels; it was cut at gray level 128 of 255, so \(Digits.grouped(inside)) pixels are inside and the masks sent are pure black and white.",
                    at: path, fix: "Save the mask as pure black and white so the cut is yours.", in: context)
            case .opaque:
                let inside = note.picture.plane(.alphaAtLeast(128)).filter { $0 == 255 }.count
                return MaskRules.shapeInAlpha.finding(
                    "image \(note.path) holds its shape in the alpha channel (\(Digits.grouped(counts.translucent)) translucent pixels over one colour); it was cut at alpha 128 of 255, so \(Digits.grouped(inside)) pixels are inside and the masks sent are pure black and white.",
                    at: path, fix: "Save the mask as pure black and white so the cut is yours.", in: context)
            case .transparent:
                let hole = note.picture.alpha.filter { $0 < 128 }.count
                return MaskRules.transparentPhoto.finding(
                    "image \(note.path) has colour detail and \(Digits.grouped(counts.translucent)) translucent pixels: its transparent hole (\(Digits.grouped(hole)) pixels) was taken as the painted area, as mask editors save it, not the picture's bright parts.",
                    at: path,
                    fix: "If the opaque part is meant, save a black-and-white mask of it (white = the area).",
                    in: context)
            default:
                return nil
            }
        }
    }
}
