public import KlingCheck
public import KlingImage

/// What `klingprep fix` (and, later, a job's `fix:`) may do to make an image compliant.
public struct FixOptions: Sendable, Hashable {
    /// How an aspect ratio outside 1:2.5…2.5:1 is brought into range; never by stretching.
    public enum Aspect: String, Sendable, Hashable, Codable, CaseIterable {
        /// Letterbox: add bands of ``FixOptions/background`` just into range.
        case pad
        /// Cut the long side just into range, held at ``FixOptions/cropAnchor``.
        case crop
    }

    /// Transparent pixels are composited over it, and pad bands are filled with it (white).
    public var background: RGBColour
    /// Pad or crop (pad).
    public var aspect: Aspect
    /// Where a crop holds the picture (centre).
    public var cropAnchor: CropAnchor
    /// Downscale so that neither side exceeds this many pixels (`nil`: no limit); at least
    /// ``ImageRules/minimumSide``.
    public var maxSide: Int?
    /// The lowest JPEG quality the byte-size search may use (70); the search starts at 95.
    public var minimumQuality: Int

    /// The options; the defaults are those of `klingprep fix` without flags.
    public init(
        background: RGBColour = .white, aspect: Aspect = .pad, cropAnchor: CropAnchor = .center, maxSide: Int? = nil,
        minimumQuality: Int = 70
    ) {
        self.background = background
        self.aspect = aspect
        self.cropAnchor = cropAnchor
        self.maxSide = maxSide
        self.minimumQuality = minimumQuality
    }

    /// The highest JPEG quality tried (the search goes down from it).
    public static let maximumQuality = 95
}

/// One thing the fixer changed (or kept, for a profile), with the before and after.
public struct FixStep: Sendable, Hashable, Codable {
    /// What the step is about.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// EXIF orientation applied.
        case orientation
        /// Colour type or depth converted to 8-bit RGB.
        case color
        /// Transparent pixels composited.
        case alpha
        /// Aspect ratio brought into range.
        case aspect
        /// Dimensions changed (up for the minimum, down for `maxSide` or the byte budget).
        case size
        /// The file re-encoded to fit the byte budget.
        case bytes
        /// The file re-encoded: its format and quality; metadata dropped.
        case encoding
        /// The colour profile (kept).
        case profile
    }

    /// What the step is about.
    public var kind: Kind
    /// The fact before, e.g. `EXIF 6`.
    public var before: String
    /// The fact after, e.g. `upright (tag removed)`.
    public var after: String
    /// A caveat, e.g. `upscaled: detail is invented`; `nil` when there is none.
    public var note: String?
    /// True when the user should look: detail invented, colours approximate, a profile not sRGB.
    public var isWarning: Bool

    /// A step.
    public init(_ kind: Kind, _ before: String, _ after: String, note: String? = nil, isWarning: Bool = false) {
        self.kind = kind
        self.before = before
        self.after = after
        self.note = note
        self.isWarning = isWarning
    }

    /// `orientation: EXIF 6 → upright (tag removed)`; a profile kept shows one fact.
    public var text: String {
        let arrow = kind == .profile && before == after ? before : "\(before) → \(after)"
        return "\(kind.rawValue): \(arrow)\(note.map { " (\($0))" } ?? "")"
    }

    enum CodingKeys: String, CodingKey {
        case kind, before, after, note
        case isWarning = "warning"
    }
}
