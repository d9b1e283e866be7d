public import KlingCheck

/// Supplies the pixels of `image PATH` areas: given the path as written, returns the mask
/// picture (white or opaque = inside, value ≥ 128). KlingBrush does not read files itself.
public typealias MaskResolver = (String) throws -> GrayMask

extension Area {
    /// Draws the area on a grid of `size` pixels: 255 inside, 0 outside, a pixel being inside
    /// when its centre is. Terms apply left to right (`-` terms clear pixels).
    ///
    /// - Parameter resolver: reads `image PATH` terms; without one they fail with
    ///   ``BrushError/imageUnavailable(path:reason:)``.
    /// - Throws: ``BrushError/imageUnavailable(path:reason:)`` or
    ///   ``BrushError/imageSize(path:found:expected:)`` for `image` terms.
    public func rasterize(size: PixelSize, resolver: MaskResolver? = nil) throws(BrushError) -> GrayMask {
        precondition(size.isDrawable, "cannot draw a mask of \(size) pixels")
        var canvas = SpanCanvas(size: size)
        try canvas.draw(self, resolver: resolver)
        return canvas.mask
    }

    /// Draws the area on a grid of `size` pixels as runs: the same pixels as
    /// ``rasterize(size:resolver:)``, without a byte per pixel (an `image` term's picture is
    /// read row by row). Terms apply left to right (`-` terms clear pixels).
    ///
    /// - Parameter resolver: reads `image PATH` terms; without one they fail with
    ///   ``BrushError/imageUnavailable(path:reason:)``.
    /// - Throws: ``BrushError/imageUnavailable(path:reason:)`` or
    ///   ``BrushError/imageSize(path:found:expected:)`` for `image` terms.
    public func runs(size: PixelSize, resolver: MaskResolver? = nil) throws(BrushError) -> MaskRuns {
        precondition(size.isDrawable, "cannot draw a mask of \(size) pixels")
        var canvas = RunCanvas(size: size)
        try canvas.draw(self, resolver: resolver)
        return canvas.mask
    }
}

/// A grid areas are drawn into: spans, the whole grid, and `image` pictures.
protocol AreaCanvas: SpanTarget {
    /// Sets (or clears) every pixel.
    mutating func fillAll(value: UInt8)
    /// Sets (or clears) the pixels where `picture` (same size) is at least 128.
    mutating func image(_ picture: GrayMask, value: UInt8)
}

extension SpanCanvas: AreaCanvas {
    mutating func image(_ picture: GrayMask, value: UInt8) {
        pixels.withUnsafeMutableBufferPointer { target in
            picture.pixels.withUnsafeBufferPointer { source in
                for index in source.indices where source[index] >= 128 { target[index] = value }
            }
        }
    }
}

extension RunCanvas: AreaCanvas {
    mutating func image(_ picture: GrayMask, value: UInt8) {
        picture.pixels.withUnsafeBufferPointer { pixels in
            for row in 0..<height {
                let line = UnsafeBufferPointer(rebasing: pixels[(row * width)..<((row + 1) * width)])
                for run in MaskRuns.runs(of: line) { fill(row: row, columns: run, value: value) }
            }
        }
    }
}

extension AreaCanvas {
    /// Applies every term of `area` in order.
    mutating func draw(_ area: Area, resolver: MaskResolver?) throws(BrushError) {
        for term in area.terms {
            try draw(term.shape, value: term.isSubtracted ? 0 : 255, resolver: resolver)
        }
    }

    mutating func draw(_ shape: AreaShape, value: UInt8, resolver: MaskResolver?) throws(BrushError) {
        let size = PixelSize(width: width, height: height)
        switch shape {
        case .rect(let a, let b):
            rect(a.resolve(in: size), b.resolve(in: size), value: value)
        case .ellipse(let centre, let radii):
            let r = radii.resolve(in: size)
            ellipse(centre: centre.resolve(in: size), rx: r.x, ry: r.y, value: value)
        case .circle(let centre, let radius):
            let r = radius.lengthPixels(in: size)
            ellipse(centre: centre.resolve(in: size), rx: r, ry: r, value: value)
        case .polygon(let points):
            polygon(points.map { $0.resolve(in: size) }, value: value)
        case .stroke(let width, let points):
            stroke(points.map { $0.resolve(in: size) }, width: width.lengthPixels(in: size), value: value)
        case .all:
            fillAll(value: value)
        case .image(let path):
            try imageTerm(path, value: value, resolver: resolver)
        }
    }

    private mutating func imageTerm(_ path: String, value: UInt8, resolver: MaskResolver?) throws(BrushError) {
        guard let resolver else {
            throw .imageUnavailable(path: path, reason: "no way to read mask images was supplied")
        }
        let picture: GrayMask
        do {
            picture = try resolver(path)
        } catch {
            throw .imageUnavailable(path: path, reason: String(describing: error))
        }
        guard picture.width == width, picture.height == height else {
            throw .imageSize(
                path: path, found: picture.size, expected: PixelSize(width: width, height: height))
        }
        image(picture, value: value)
    }
}
