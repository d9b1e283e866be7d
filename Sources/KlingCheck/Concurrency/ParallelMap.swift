#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// CPU work over many inputs on all cores, in the inputs' order (design: "callers parallelise
/// with a bounded task group").
public enum Parallel {
    /// The online processors (`sysconf(_SC_NPROCESSORS_ONLN)`), at least 1. Under `taskset`
    /// the group is as wide, its calls then share the cores they are allowed.
    public static var coreCount: Int { max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

    /// `transform` of each element, in the elements' order, with at most `maximumInFlight`
    /// calls running at once (a task group that adds the next element when one finishes), so
    /// memory stays bounded by what that many calls hold.
    /// - Parameter maximumInFlight: at least 1; by default ``coreCount``.
    public static func map<Element: Sendable, Result: Sendable>(
        _ elements: [Element], maximumInFlight: Int = coreCount,
        _ transform: @escaping @Sendable (Element) -> Result
    ) async -> [Result] {
        precondition(maximumInFlight >= 1, "maximumInFlight must be at least 1, not \(maximumInFlight)")
        guard elements.count > 1, maximumInFlight > 1 else { return elements.map(transform) }
        return await withTaskGroup(of: (Int, Result).self) { group in
            var results = [Result?](repeating: nil, count: elements.count)
            var next = 0
            while next < min(maximumInFlight, elements.count) {
                let index = next
                group.addTask { (index, transform(elements[index])) }
                next += 1
            }
            while let (index, result) = await group.next() {
                results[index] = result
                if next < elements.count {
                    let index = next
                    group.addTask { (index, transform(elements[index])) }
                    next += 1
                }
            }
            let done = results.compactMap { $0 }
            precondition(done.count == elements.count, "a task of the group gave no result")
            return done
        }
    }
}
