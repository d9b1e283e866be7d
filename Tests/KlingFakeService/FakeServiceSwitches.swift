import Synchronization

/// The per-test switches and the counters that go with them. Every switch can be changed while
/// the service runs; its default is the fake's behaviour before the switch existed.
extension FakeKlingService {
    private func switched<T>(_ key: KeyPath<FakeSwitches, T>) -> T {
        state.withLock { $0.switches }[keyPath: key]
    }
    private func setSwitch<T>(_ key: WritableKeyPath<FakeSwitches, T>, _ value: T) {
        state.withLock { $0.switches[keyPath: key] = value }
    }

    /// The body of the fake's own refusals (bad key, invalid body, reused external id) on the
    /// CometAPI backend; Kling's backend always answers in the envelope. Default `.envelope`.
    public var refusalDialect: FakeDialect {
        get { switched(\.refusalDialect) }
        set { setSwitch(\.refusalDialect, newValue) }
    }

    /// What paths the fake does not serve answer. Default `.plain404`.
    public var unknownPathAnswer: FakeUnknownPathAnswer {
        get { switched(\.unknownPath) }
        set { setSwitch(\.unknownPath, newValue) }
    }

    /// Whether `GET {path}/{id}` also finds a task by its external id. Default `false`.
    public var pathLookupByExternalID: Bool {
        get { switched(\.pathLookupByExternalID) }
        set { setSwitch(\.pathLookupByExternalID, newValue) }
    }

    /// How `GET {path}?external_task_id=ID` answers. Default `.task`.
    public var queryLookup: FakeQueryLookupMode {
        get { switched(\.queryLookup) }
        set { setSwitch(\.queryLookup, newValue) }
    }

    /// Whether `created_at`/`updated_at` are sent as strings. Default `false` (numbers).
    public var timestampsAsStrings: Bool {
        get { switched(\.timestampsAsStrings) }
        set { setSwitch(\.timestampsAsStrings, newValue) }
    }

    /// Seconds added to the real time when the Kling backend checks a JWT's `nbf` and `exp`
    /// (positive: the service's clock is ahead of the client's). Default 0.
    public var clockOffset: Double {
        get { switched(\.clockOffset) }
        set { setSwitch(\.clockOffset, newValue) }
    }

    /// While this many tasks are submitted or processing, a create answers HTTP 429 with code
    /// 1303 and creates nothing. Default `nil` (no limit), or the init's value.
    public var concurrencyLimit: Int? {
        get { switched(\.concurrencyLimit) }
        set { setSwitch(\.concurrencyLimit, newValue) }
    }

    /// A create with an external id a task already has creates another task instead of being
    /// refused with 1201. Neither service documents what a reused id gets (api.md leaves it
    /// open); this is the costly answer, which the client must never need. Default `false`.
    public var acceptsReusedExternalID: Bool {
        get { switched(\.acceptsReusedExternalID) }
        set { setSwitch(\.acceptsReusedExternalID, newValue) }
    }

    /// How many times each callback is sent, for tasks created from now on. Default 1.
    public var callbackRepeats: Int {
        get { switched(\.callbackRepeats) }
        set { setSwitch(\.callbackRepeats, newValue) }
    }

    /// Whether callbacks of tasks created from now on are sent final first, then the earlier
    /// ones (all at the final time). Default `false`.
    public var callbackReorder: Bool {
        get { switched(\.callbackReorder) }
        set { setSwitch(\.callbackReorder, newValue) }
    }

    /// How many redirects (301, 302, 301, …) precede every video. Default 0.
    public var downloadRedirects: Int {
        get { switched(\.downloadRedirects) }
        set { setSwitch(\.downloadRedirects, newValue) }
    }

    /// The path of `route` on this service's backend.
    public func path(_ route: FakeAPIRoute) -> String { route.path(on: backend) }

    /// Bearer tokens presented to the Kling backend, in order (accepted or not).
    public var presentedTokens: [String] { state.withLock { $0.presentedTokens } }

    /// Distinct bearer tokens presented to the Kling backend.
    public var tokensSeen: Int { Set(presentedTokens).count }

    /// Requests refused with business `code` (1001–1004).
    public func authorizationFailures(code: Int) -> Int {
        state.withLock { $0.authorizationFailuresByCode[code] ?? 0 }
    }

    /// Lookups by external id received in `form` (whatever they answered).
    public func lookupCount(_ form: FakeLookupForm) -> Int { state.withLock { $0.lookups[form] ?? 0 } }

    /// Creates refused with 1303.
    public var concurrencyRefusals: Int { state.withLock { $0.concurrencyRefusals } }

    /// Redirects served before videos.
    public var downloadRedirectsServed: Int { state.withLock { $0.downloadRedirectsServed } }

    /// Tasks submitted or processing now.
    public var runningTasks: Int {
        let now = ContinuousClock.now
        return state.withLock { $0.tasks.filter { $0.isRunning(at: now, timeline: timeline) }.count }
    }
}
