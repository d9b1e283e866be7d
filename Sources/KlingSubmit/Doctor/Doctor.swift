import Foundation
public import KlingCheck

/// `klingprep doctor`: cheap, read-only probes of how the service answers lookups by external id
/// (api.md, "Follow a task": neither the form nor the "not found" answer is documented by
/// CometAPI). No probe creates a task: only `GET`s are sent.
///
/// For each ``LookupForm`` it asks for an id no task has (a fresh random one) — the envelope's
/// "no such task" is what makes the form's "not found" trustworthy — and, when a known external
/// id is at hand (from the journal, or from the first page of the task list), for that id: a form
/// that answers "not found" for a task that exists does not look external ids up at all, so
/// `submit` must not read its "not found" as proof.
public struct Doctor: Sendable {
    /// The client (owned by the caller).
    public let client: KlingClient
    /// Journals whose records offer known external ids at this backend.
    public let journals: [Journal]

    /// Creates a doctor.
    public init(client: KlingClient, journals: [Journal] = []) {
        self.client = client
        self.journals = journals
    }

    /// Runs the probes on `route`'s paths; `nil` takes the route of the newest task the journals
    /// know at this backend (so a known id can be tried), else image2video.
    ///
    /// - Throws: a refusal of the credentials or the account (``SubmitError/service(_:)``,
    ///   ``SubmitError/gateway(_:)``, ``SubmitError/httpStatus(endpoint:status:requestID:)``)
    ///   and the transport cases: then no finding can be trusted.
    public func examine(route requested: Route? = nil) async throws(SubmitError) -> DoctorFindings {
        var notes: [String] = []
        let route = requested ?? newestKnownRoute() ?? .image2video
        var known: String? = knownFromJournals(route: route)
        let listing: String
        do throws(SubmitError) {
            let tasks = try await client.listTasks(route: route, page: 1, pageSize: 30)
            listing = "answers a list (\(tasks.count) task\(tasks.count == 1 ? "" : "s") on page 1)"
            if known == nil { known = tasks.first(where: { $0.externalTaskID?.isEmpty == false })?.externalTaskID }
        } catch {
            switch error {
            case .httpStatus(_, let status, _) where status == 401 || status == 403: throw error
            case .gateway(let failure) where failure.isAuthentication: throw error
            case .service(let failure) where failure.family == .authentication || failure.family == .account:
                throw error
            case .clockSkew, .unreachable, .interrupted: throw error
            default: listing = "unavailable (\(error.description))"
            }
        }
        if known == nil {
            notes.append(
                "No known external id was found (journal or task list), so no form could be checked against an existing task: submit keeps asking every form, and trusts \"not found\" only when all of them say so. Run doctor again with --journal of a submit."
            )
        }
        var forms: [LookupFormFinding] = []
        let unknownID = "klingprep-doctor-" + UUID().uuidString.lowercased()
        for form in LookupForm.allCases {
            let unknown = try await client.lookUp(externalID: unknownID, route: route, form: form)
            let answersNotFound = unknown == .notFound
            var findsKnown: Bool? = nil
            var knownAnswer: String? = nil
            if let known {
                let answer = try await client.lookUp(externalID: known, route: route, form: form)
                knownAnswer = Self.describe(answer, knownID: true)
                if case .found = answer { findsKnown = true } else { findsKnown = false }
            }
            let usable = answersNotFound && findsKnown == true
            forms.append(
                LookupFormFinding(
                    form: form, unknownID: Self.describe(unknown), answersNotFound: answersNotFound,
                    knownExternalID: known, findsKnownTask: findsKnown, knownAnswer: knownAnswer, usable: usable))
            if answersNotFound && findsKnown == false {
                notes.append(
                    "The \(form.rawValue) form answers \"not found\" even for an existing task (\(known ?? "")): it does not look external ids up, so submit will not trust it."
                )
            }
        }
        var usable = forms.filter(\.usable).map(\.form)
        if known == nil {
            // Nothing could be verified: submit asks every form, and any that cannot tell makes
            // the lookup "unavailable".
            usable = LookupForm.allCases
        } else if usable.isEmpty {
            notes.append(
                "No lookup form can be trusted: submit will POST a new id only when no earlier attempt is recorded, and stops (exit 3) when the journal records one."
            )
        }
        return DoctorFindings(
            backend: client.endpoint.backend, baseURL: client.endpoint.baseURL, route: route,
            probedAt: JournalRecord.timestamp(Date()), listing: listing, forms: forms, lookupForms: usable,
            notes: notes)
    }

    /// The route of the newest task with an external id the journals record at this backend.
    func newestKnownRoute() -> Route? {
        for journal in journals {
            guard let records = try? journal.records() else { continue }
            if let record = records.last(where: {
                $0.taskID != nil && $0.externalTaskID != nil && JobState.matches($0, client.endpoint)
            }) {
                return record.route ?? JobState.legacyRoute
            }
        }
        return nil
    }

    /// The newest external id with a task id recorded at this client's backend in `journals`.
    func knownFromJournals(route: Route) -> String? {
        for journal in journals {
            guard let records = try? journal.records() else { continue }
            if let record = records.last(where: {
                $0.taskID != nil && $0.externalTaskID != nil && ($0.route ?? JobState.legacyRoute) == route
                    && JobState.matches($0, client.endpoint)
            }) {
                return record.externalTaskID
            }
        }
        return nil
    }

    static func describe(_ answer: LookupAnswer, knownID: Bool = false) -> String {
        switch answer {
        case .found(let task):
            return knownID ? "found task \(task.taskID)" : "found task \(task.taskID) (an id no task should have!)"
        case .notFound: return "not found (the service's JSON envelope)"
        case .unavailable(_, let reason): return "says nothing: \(reason)"
        }
    }
}
