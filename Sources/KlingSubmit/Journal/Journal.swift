public import Foundation
public import KlingCheck

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The append-only JSON-lines journal: one record per state change, each written with a single
/// `write(2)` to a file opened with `O_APPEND`, under an exclusive `flock(2)` (so writers in
/// several tasks or processes never interleave), and followed by `fsync(2)`. Records are never
/// rewritten; a torn last line (a crash mid-write) is ignored when reading.
public struct Journal: Sendable, Equatable {
    /// The default file name, placed next to the body file.
    public static let defaultFileName = "klingprep-journal.jsonl"

    /// Where the journal lives.
    public let url: URL

    /// A journal at `url` (created on the first append).
    public init(url: URL) { self.url = url }

    /// The default journal for a body: `klingprep-journal.jsonl` in the body's directory.
    public static func defaultJournal(forBody body: URL) -> Journal {
        Journal(url: body.deletingLastPathComponent().appendingPathComponent(defaultFileName))
    }

    /// The largest journal read, in bytes (a record is a few hundred bytes).
    public static let maximumFileBytes = 256 << 20

    /// Appends `record` and flushes it to disk.
    ///
    /// The file is opened for appending with the checks of ``InputFile``: without blocking, and
    /// refused by name when it is a FIFO, a device, a socket or a folder.
    ///
    /// - Throws: ``SubmitError/fileNotWritable(path:reason:)``.
    public func append(_ record: JournalRecord) throws(SubmitError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard var line = try? encoder.encode(record) else {
            throw .fileNotWritable(path: url.path, reason: "the record could not be encoded")
        }
        line.append(UInt8(ascii: "\n"))
        let fd = try openForAppending()
        defer { close(fd) }
        // Several writers (a batch's submissions, shards sharing a folder) append one at a time:
        // the torn-tail check must never see another writer's record half written.
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw .fileNotWritable(path: url.path, reason: Files.reason(errno: errno)) }
        }
        defer { flock(fd, LOCK_UN) }
        try dropTornTail(fd)
        let failure: String? = line.withUnsafeBytes { raw -> String? in
            var offset = 0
            while offset < raw.count {
                guard let base = raw.baseAddress else { return "empty buffer" }
                let n = write(fd, base + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return Files.reason(errno: errno)
                }
                offset += n
            }
            return nil
        }
        if let failure { throw .fileNotWritable(path: url.path, reason: failure) }
        guard fsync(fd) == 0 else { throw .fileNotWritable(path: url.path, reason: Files.reason(errno: errno)) }
    }

    /// The longest torn tail looked for, in bytes (a record is a few hundred bytes).
    static let maximumTornTail: Int64 = 1 << 20

    /// A crash mid-write leaves a torn last line, an incomplete record that was never written
    /// whole: it is cut off before the next record is appended, so that record starts on its own
    /// line and the journal stays readable (``records()`` skips a torn last line).
    private func dropTornTail(_ fd: Int32) throws(SubmitError) {
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_size > 0 else { return }
        let size = Int64(status.st_size)
        var last: UInt8 = 0
        guard pread(fd, &last, 1, off_t(size - 1)) == 1, last != UInt8(ascii: "\n") else { return }
        let window = min(size, Self.maximumTornTail)
        var tail = [UInt8](repeating: 0, count: Int(window))
        let read = tail.withUnsafeMutableBytes { pread(fd, $0.baseAddress, Int(window), off_t(size - window)) }
        guard read == Int(window) else {
            throw .fileNotWritable(path: url.path, reason: Files.reason(errno: errno))
        }
        let keep = tail.lastIndex(of: UInt8(ascii: "\n")).map { size - window + Int64($0) + 1 } ?? (size - window)
        guard ftruncate(fd, off_t(keep)) == 0 else {
            throw .fileNotWritable(path: url.path, reason: Files.reason(errno: errno))
        }
    }

    /// Opens (or creates) the journal for appending: a FIFO is refused before `open` could wait
    /// for a reader, and `fstat` confirms a regular file before a byte is written.
    private func openForAppending() throws(SubmitError) -> Int32 {
        do {
            return try Files.openForAppending(path: url.path)
        } catch {
            throw .fileNotWritable(path: url.path, reason: error.reason)
        }
    }

    /// Reads every record, oldest first. A missing file is an empty journal.
    ///
    /// - Throws: ``SubmitError/journalCorrupt(path:line:reason:)`` for an unreadable line other than
    ///   a torn last one; ``SubmitError/journalUnreadable(path:reason:)`` when the file cannot be
    ///   read at all (a folder, a FIFO, a device, no permission).
    public func records() throws(SubmitError) -> [JournalRecord] {
        var status = stat()
        if stat(url.path, &status) != 0 && errno == ENOENT { return [] }
        let data: Data
        do {
            data = Data(try Files.readAll(path: url.path, limit: Self.maximumFileBytes))
        } catch {
            throw .journalUnreadable(path: url.path, reason: error.reason)
        }
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let decoder = JSONDecoder()
        var result: [JournalRecord] = []
        for (index, line) in lines.enumerated() where !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) {
            do {
                result.append(try decoder.decode(JournalRecord.self, from: Data(line)))
            } catch {
                let isTornTail = index == lines.count - 1 && data.last != UInt8(ascii: "\n")
                if isTornTail { break }
                throw .journalCorrupt(path: url.path, line: index + 1, reason: "not a journal record")
            }
        }
        return result
    }

    /// The state of the job most recently prepared for this body on `route` at `endpoint`: a
    /// `prepared` record whose body digest is `bodySHA256` or whose content digest is
    /// `contentSHA256`, at the same backend and base URL (records without a backend are
    /// CometAPI's; records without a base URL match any).
    ///
    /// - Throws: as ``records()``.
    public func latestJob(
        bodySHA256: String, contentSHA256: String?, route: Route, endpoint: ServiceEndpoint
    ) throws(SubmitError) -> JobState? {
        let all = try records()
        guard
            let prepared = all.last(where: {
                $0.event == .prepared
                    && ($0.bodySHA256 == bodySHA256 || (contentSHA256 != nil && $0.contentSHA256 == contentSHA256))
                    && ($0.route ?? JobState.legacyRoute) == route && JobState.matches($0, endpoint)
            }),
            let externalID = prepared.externalTaskID
        else { return nil }
        return JobState(
            externalID: externalID,
            records: all.filter { $0.externalTaskID == externalID && JobState.matches($0, endpoint) })
    }

    /// The state of the job with `externalID` at `endpoint`, if the journal has any record of it
    /// there (the same id at another backend is another task).
    ///
    /// - Throws: as ``records()``.
    public func job(forExternalID externalID: String, at endpoint: ServiceEndpoint) throws(SubmitError) -> JobState? {
        let mine = try records().filter { $0.externalTaskID == externalID && JobState.matches($0, endpoint) }
        return mine.isEmpty ? nil : JobState(externalID: externalID, records: mine)
    }

    /// The take numbers recorded for this body's content (`prepared` records).
    ///
    /// - Throws: as ``records()``.
    public func takes(contentSHA256: String, route: Route, endpoint: ServiceEndpoint) throws(SubmitError) -> [Int] {
        try records().compactMap {
            $0.event == .prepared && $0.contentSHA256 == contentSHA256 && ($0.route ?? JobState.legacyRoute) == route
                && JobState.matches($0, endpoint) ? ($0.take ?? 1) : nil
        }
    }

    /// The jobs whose task is known and whose last recorded status is not final, at `endpoint`.
    ///
    /// - Throws: as ``records()``.
    public func runningJobs(at endpoint: ServiceEndpoint) throws(SubmitError) -> [JobState] {
        let all = try records()
        var seen = Set<String>()
        var result: [JobState] = []
        for record in all.reversed() {
            guard let taskID = record.taskID, !seen.contains(taskID) else { continue }
            seen.insert(taskID)
            let job = JobState(externalID: nil, records: all.filter { $0.taskID == taskID })
            if JobState.matches(record, endpoint), !(job.lastStatus?.isFinal ?? false) { result.append(job) }
        }
        return result
    }

    /// The state of the job whose task id is `taskID`, if the journal knows it.
    ///
    /// - Throws: as ``records()``.
    public func job(forTaskID taskID: String) throws(SubmitError) -> JobState? {
        let all = try records()
        guard let any = all.last(where: { $0.taskID == taskID }) else { return nil }
        // The job's records: its external id at the same service (one id may name a task at each
        // backend).
        let place = { (record: JournalRecord) in
            (record.backend ?? .cometapi) == (any.backend ?? .cometapi)
                && (record.baseURL == nil || any.baseURL == nil || record.baseURL == any.baseURL)
        }
        if let externalID = any.externalTaskID {
            return JobState(
                externalID: externalID, records: all.filter { $0.externalTaskID == externalID && place($0) })
        }
        return JobState(externalID: nil, records: all.filter { $0.taskID == taskID && place($0) })
    }

}

/// What the journal knows about one job (one external id).
public struct JobState: Sendable, Equatable {
    /// The route of records without one: every task was a multi-image2video task before the
    /// journal recorded routes.
    public static let legacyRoute = Route.multiImage2video

    /// The job's external id.
    public let externalID: String?
    /// SHA-256 of the body, when the job came from a body file.
    public let bodySHA256: String?
    /// The service's task id, once a task was created or adopted.
    public let taskID: String?
    /// The last status recorded.
    public let lastStatus: TaskStatus?
    /// The route the job's task lives on: the last one recorded, or multi-image2video for
    /// records written before routes were recorded.
    public let route: Route
    /// The videos recorded on success.
    public let videos: [TaskVideo]
    /// The backend the job's task lives at (CometAPI for records without one).
    public let backend: Backend
    /// The base URL recorded, when any.
    public let baseURL: String?
    /// The cost recorded on success (`final_unit_deduction`).
    public let cost: String?
    /// When the task was recorded as succeeded (ISO 8601 text of the record), if it was.
    public let succeededAt: String?
    /// Records of the job, oldest first.
    public let records: [JournalRecord]
    /// Files recorded as downloaded.
    public let downloads: [DownloadedFile]

    init(externalID: String?, records: [JournalRecord]) {
        self.externalID = externalID
        bodySHA256 = records.last(where: { $0.bodySHA256 != nil })?.bodySHA256
        taskID = records.last(where: { $0.taskID != nil })?.taskID
        lastStatus = records.last(where: { $0.status != nil })?.status.map(TaskStatus.init(rawValue:))
        route = records.last(where: { $0.route != nil })?.route ?? Self.legacyRoute
        videos = records.last(where: { $0.videos != nil })?.videos ?? []
        downloads = records.compactMap(\.file)
        backend = records.last(where: { $0.backend != nil })?.backend ?? .cometapi
        baseURL = records.last(where: { $0.baseURL != nil })?.baseURL
        cost = records.last(where: { $0.cost != nil })?.cost
        succeededAt = records.last(where: { $0.event == .succeeded })?.time
        self.records = records
    }

    /// Whether `record` was written for `endpoint`: the same backend (none recorded means
    /// CometAPI) and, when a base URL is recorded, the same base URL.
    static func matches(_ record: JournalRecord, _ endpoint: ServiceEndpoint) -> Bool {
        (record.backend ?? .cometapi) == endpoint.backend && (record.baseURL.map { $0 == endpoint.baseURL } ?? true)
    }

    /// Whether this job's task lives at `endpoint` (see ``matches(_:_:)``).
    public func lives(at endpoint: ServiceEndpoint) -> Bool {
        backend == endpoint.backend && (baseURL.map { $0 == endpoint.baseURL } ?? true)
    }

    /// `backend at base URL`, for messages.
    public var placeDescription: String { "\(backend.rawValue)" + (baseURL.map { " at \($0)" } ?? "") }
}
