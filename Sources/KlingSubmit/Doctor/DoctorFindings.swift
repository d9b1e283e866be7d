public import KlingCheck

/// What one lookup form did in `klingprep doctor`'s probes (api.md, "Follow a task").
public struct LookupFormFinding: Sendable, Equatable, Codable {
    /// The form probed.
    public let form: LookupForm
    /// What it answered for an id no task has: `not found (envelope …)` or why it said nothing.
    public let unknownID: String
    /// Whether the answer for the unknown id was the envelope's "no such task".
    public let answersNotFound: Bool
    /// The external id of a known task it was asked for, when one was available.
    public let knownExternalID: String?
    /// Whether it found that known task (`nil`: no known task to try).
    public let findsKnownTask: Bool?
    /// What it answered for the known task, when one was tried.
    public let knownAnswer: String?
    /// Whether `submit` should ask this form: it answers "not found" in the envelope and found
    /// a known task (without a known task to try, it is not verified and `submit` keeps asking
    /// every form).
    public let usable: Bool

    enum CodingKeys: String, CodingKey {
        case form, usable
        case unknownID = "unknown_id"
        case answersNotFound = "answers_not_found"
        case knownExternalID = "known_external_id"
        case findsKnownTask = "finds_known_task"
        case knownAnswer = "known_answer"
    }
}

/// The findings of `klingprep doctor` for one backend and base URL, as stored in the state file
/// and read by `submit` to choose its lookup forms.
public struct DoctorFindings: Sendable, Equatable, Codable {
    /// The backend probed.
    public let backend: Backend
    /// The base URL probed.
    public let baseURL: String
    /// The route whose paths were probed.
    public let route: Route
    /// When (ISO 8601, UTC).
    public let probedAt: String
    /// Whether listing (`GET {path}?pageNum=1&pageSize=…`) answered a list, and how many tasks.
    public let listing: String
    /// Each lookup form's finding.
    public let forms: [LookupFormFinding]
    /// The forms `submit` asks, in order: those verified against a known task; every form when
    /// none could be verified (no known task); empty when a known task was tried and no form
    /// found it, so every lookup is "unavailable" and a journal record stops a re-send.
    public let lookupForms: [LookupForm]
    /// Sentences for people.
    public let notes: [String]

    enum CodingKeys: String, CodingKey {
        case backend, route, listing, forms, notes
        case baseURL = "base_url"
        case probedAt = "probed_at"
        case lookupForms = "lookup_forms"
    }

    /// Creates findings.
    public init(
        backend: Backend, baseURL: String, route: Route, probedAt: String, listing: String,
        forms: [LookupFormFinding], lookupForms: [LookupForm], notes: [String]
    ) {
        self.backend = backend
        self.baseURL = baseURL
        self.route = route
        self.probedAt = probedAt
        self.listing = listing
        self.forms = forms
        self.lookupForms = lookupForms
        self.notes = notes
    }
}
