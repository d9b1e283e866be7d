import Foundation
import KlingCheck
@testable import KlingImage
import Synchronization
import TestSupport
import Testing

/// `inspect` judges its images in parallel (``Parallel/map(_:maximumInFlight:_:)``): the same
/// inspections, in the same order, as one after the other, and one image's failure is its own.
struct ParallelInspectionTests {
    @Test(arguments: [false, true])
    func parallelInspectionsEqualSerialOnesInOrder(decode: Bool) async throws {
        let paths = try MixedImages.paths()
        let serial = paths.map { ImageInspector.inspect(path: $0, decode: decode) }
        for width in [2, 3, 64] {
            let parallel = await Parallel.map(paths, maximumInFlight: width) {
                ImageInspector.inspect(path: $0, decode: decode)
            }
            #expect(parallel == serial, "with \(width) in flight")
        }
        #expect(serial.map(\.path) == paths)
    }

    /// The good photos among broken files come out as they do alone: no error, decodable.
    @Test func aBrokenImageDoesNotAffectTheOthers() async throws {
        let paths = try MixedImages.paths()
        let results = await Parallel.map(paths, maximumInFlight: 4) { ImageInspector.inspect(path: $0, decode: true) }
        for (path, result) in zip(paths, results) where path.contains("/fixtures/images/") {
            #expect(result.errors.isEmpty && result.decodable == true, "\(path): \(result.errors)")
        }
        let damaged = try #require(zip(paths, results).first { $0.0.hasSuffix("damaged.png") }?.1)
        #expect(damaged.decodable == false)
        let probed = await Parallel.map(paths, maximumInFlight: 4) { ImageInspector.inspect(path: $0, decode: false) }
        let damagedProbe = try #require(zip(paths, probed).first { $0.0.hasSuffix("damaged.png") }?.1)
        #expect(damagedProbe.errors.count == 1)
        let cut = try #require(zip(paths, probed).first { $0.0.hasSuffix("cut.png") }?.1)
        #expect(cut.info?.endMarkerFound == false && cut.errors.isEmpty)
    }

    /// At most `maximumInFlight` calls run at once, and every element is transformed once.
    @Test func theGroupIsBounded() async {
        let running = Mutex((now: 0, most: 0, calls: 0))
        let results = await Parallel.map(Array(0..<200), maximumInFlight: 3) { value in
            running.withLock {
                $0.now += 1
                $0.most = max($0.most, $0.now)
                $0.calls += 1
            }
            var spin = value
            for step in 0..<2000 { spin = spin &* 31 &+ step }
            running.withLock { $0.now -= 1 }
            return (value, spin).0
        }
        #expect(results == Array(0..<200))
        let counts = running.withLock { $0 }
        #expect(counts.most <= 3 && counts.most >= 1 && counts.calls == 200)
        #expect(await Parallel.map([Int](), maximumInFlight: 2) { $0 }.isEmpty)
        #expect(await Parallel.map([7], maximumInFlight: 1) { $0 * 2 } == [14])
        #expect(Parallel.coreCount >= 1)
    }
}
