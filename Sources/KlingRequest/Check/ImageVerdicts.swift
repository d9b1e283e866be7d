import KlingCheck
public import KlingImage

extension ImageRules {
    /// The verdicts of many files, in the order of `paths`, judged on all cores (at most
    /// ``Parallel/coreCount`` files in flight, so a `decode`'s memory stays bounded): the same
    /// verdicts as ``verdict(path:decode:limits:context:findingPath:)`` for each path alone; a
    /// file that fails is a finding of its own verdict and changes no other.
    public static func verdicts(
        paths: [String], decode: Bool, limits: DecodeLimits = .standard, context: RuleContext
    ) async -> [ImageVerdict] {
        await Parallel.map(paths) { path in
            verdict(path: path, decode: decode, limits: limits, context: context)
        }
    }
}
