public import ArgumentParser
import Foundation
import KlingCheck
public import KlingSubmit

/// `--backend cometapi|kling` (default `$KLINGPREP_BACKEND`, else cometapi): the service whose
/// rules judge a job and whose API the submitter talks to (api.md, "Routes", "Auth").
struct BackendOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The service: cometapi or kling (default: $KLINGPREP_BACKEND, else cometapi).",
            discussion: "It chooses the rules a job is judged by, and for the submitter the API, its paths and "
                + "credentials: cometapi takes COMETAPI_KEY, kling takes KLING_ACCESS_KEY and KLING_SECRET_KEY "
                + "(or --api-key-file with KEY=VALUE lines).",
            valueName: "backend"))
    var backend: Backend =
        ProcessInfo.processInfo.environment[ServiceEndpoint.backendVariable].flatMap(Backend.init(rawValue:))
        ?? .cometapi

    func validate() throws {
        if let value = ProcessInfo.processInfo.environment[ServiceEndpoint.backendVariable],
            Backend(rawValue: value) == nil
        {
            throw ValidationError("\(ServiceEndpoint.backendVariable) is '\(value)'; it must be cometapi or kling")
        }
    }
}
extension KlingRegion: ExpressibleByArgument {}
