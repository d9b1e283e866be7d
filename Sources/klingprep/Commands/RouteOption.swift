import ArgumentParser
import KlingCheck

/// `--route` of `status`, `wait` and `download`: which route's path a task is read from.
struct RouteOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The task's route: image2video or multi-image2video (the path it is read from).",
            discussion: "Default: the route the journal (--journal) recorded for the task; otherwise both "
                + "routes are asked, image2video first. These commands only read, so no default can create "
                + "or pay for a task, and none reports a task missing because of its route.",
            valueName: "route"),
        transform: RouteOption.parse)
    var route: Route?

    static func parse(_ text: String) throws -> Route {
        guard let route = Route(rawValue: text) else {
            let names = Route.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("Unknown route '\(text)'; use one of \(names).")
        }
        return route
    }
}
