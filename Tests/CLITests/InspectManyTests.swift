import Foundation
import TestSupport
import Testing

/// `klingprep inspect` over many files judges them in parallel: each image's entry in the one
/// report is the entry it gets when inspected alone, in the order of the arguments.
struct InspectManyTests {
    /// `inspect --json ARGUMENTS…`'s images, as JSON objects.
    static func images(_ arguments: [String]) throws -> [NSDictionary] {
        let result = try CommandRunner.run(["inspect", "--json"] + arguments)
        #expect(result.status == 0 || result.status == 1, "\(arguments): \(result.stderr)")
        let document = try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any]
        return try #require(document?["images"] as? [NSDictionary])
    }

    @Test(arguments: [false, true])
    func eachImageIsJudgedAsItIsAlone(decode: Bool) throws {
        let paths = try MixedImages.paths()
        let flags = decode ? ["--decode"] : []
        let together = try Self.images(flags + paths)
        #expect(together.map { $0["path"] as? String } == paths)
        var alone: [String: NSDictionary] = [:]
        for path in Set(paths) { alone[path] = try Self.images(flags + [path]).first }
        for (path, image) in zip(paths, together) {
            #expect(alone[path] == image, "\(path)")
        }
        // The photos pass among the broken files.
        let photos = zip(paths, together).filter { $0.0.contains("/fixtures/images/") }
        #expect(!photos.isEmpty)
        for (path, image) in photos {
            #expect((image["findings"] as? [Any])?.isEmpty == true, "\(path): \(image)")
        }
    }
}
