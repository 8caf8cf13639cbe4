import Foundation
internal import GRDB

/// Remembers each submission's extracted report between runs, so a nightly run
/// re-reads only new or changed files.
///
/// Kept in SQLite beside the outputs (`OUT/.consolidate/state.sqlite`). A
/// report is reused when the file's path, size and modification time are as
/// recorded (the file is not even opened), or else when its content hash is,
/// and always only under the same pipeline configuration and tool build
/// (`key`: the configuration, the version and the executable's hash); anything
/// else is read again. A store that does not open or is not
/// ours is set aside with a warning and started anew.
public final class ReportStore: @unchecked Sendable {
    private let queue: DatabaseQueue
    /// The configuration's and the tool's fingerprint: a change of either re-reads everything.
    public let key: String
    /// What happened to a store that had to be set aside, for the run's warnings.
    public private(set) var warning: String?
    /// Whether stored reports stand in for files (false for `run --full`: every file is read again,
    /// and what is read is still saved, so the next nightly run starts from it).
    public var reuse = true

    public static func url(in folder: URL) -> URL { folder.appendingPathComponent(".consolidate/state.sqlite") }

    public init(folder: URL, configuration: PipelineConfiguration) throws {
        let url = Self.url(in: folder)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        // The configuration as compact JSON with sorted keys: the same settings give the same bytes
        // in any process (YAML took a fifteenth of a nightly run in which nothing changed).
        key = Fingerprint.sha256(((try? JSONOutput.encode(configuration, pretty: false)) ?? Data()) + Data((ToolInfo.version + ToolInfo.build).utf8))
        do {
            queue = try Self.open(url)
        } catch {
            let aside = url.deletingLastPathComponent().appendingPathComponent("state.sqlite.unreadable")
            try? FileManager.default.removeItem(at: aside)
            try FileManager.default.moveItem(at: url, to: aside)
            warning = "状态库 \(url.path) 无法读取（\(error)），已移至 \(aside.lastPathComponent) 并重建，本次全部重新读取。"
            queue = try Self.open(url)
        }
    }

    private static func open(_ url: URL) throws -> DatabaseQueue {
        let queue = try DatabaseQueue(path: url.path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS report (
                    path TEXT NOT NULL, unit TEXT NOT NULL, key TEXT NOT NULL,
                    size INTEGER NOT NULL, modified REAL NOT NULL, sha256 TEXT NOT NULL, json BLOB NOT NULL,
                    PRIMARY KEY (path, unit, key))
                """)
            try db.execute(sql: "CREATE INDEX IF NOT EXISTS report_sha ON report (sha256, unit, key)")
            // Each report as a run keeps it (`PackedReport.storedBytes`), where the run stored it: a store
            // of an earlier build has no such column, and gains it (its reports are of another key).
            if try !db.columns(in: "report").contains(where: { $0.name == "packed" }) {
                try db.execute(sql: "ALTER TABLE report ADD COLUMN packed BLOB")
            }
            // A file that is a database but not ours has no such table shape: reading proves it.
            _ = try Row.fetchOne(db, sql: "SELECT path, unit, key, size, modified, sha256, json, packed FROM report LIMIT 1")
        }
        return queue
    }

    /// For each file (path, unit, size, modification time), its stored report where the file is
    /// unchanged since it was read: one query for what is stored, then only the reports of the
    /// unchanged files fetched and decoded, on every core.
    public func reports(unchanged files: [(path: String, unit: String, size: Int, modified: Double)]) -> [UnitReport?] {
        reports(unchanged: files) { $0 }
    }

    /// `reports(unchanged:)`, each report decoded and passed through `transform` (a run keeps a
    /// thinned report) a batch of `batch` files at a time: neither the stored bytes nor the whole
    /// reports of every file are ever held at once, two batches' at most. `settle` is applied to each
    /// kept one after its batch is decoded, on the thread that reads the store, in the batches' order
    /// (while the next batch is decoded on the other cores).
    /// With `restoring`, a report stored as a run keeps it (`insert(encoded:kept:of:)`) is read back
    /// from that, and its whole report is neither read nor decoded; where it is not, or does not read
    /// back, from the whole report.
    public func reports<Kept: Sendable>(unchanged files: [(path: String, unit: String, size: Int, modified: Double)],
                                        batch: Int = 512,
                                        restoring restore: (@Sendable (Data) -> Kept?)? = nil,
                                        settling settle: (Kept) -> Kept = { $0 },
                                        _ transform: @escaping @Sendable (UnitReport) -> Kept) -> [Kept?] {
        guard reuse, !files.isEmpty else { return files.map { _ in nil } }
        let kept: [Kept?]? = try? queue.read { db -> [Kept?] in
            let rows = try storedStamps(db)
            let whole = try db.makeStatement(sql: "SELECT json FROM report WHERE rowid = ?")
            let packed = try db.makeStatement(sql: "SELECT packed FROM report WHERE rowid = ?")
            var kept: [Kept?] = []
            kept.reserveCapacity(files.count)
            typealias Found = [(kept: Data?, rowid: Int64)?]
            /// A batch's rows, each with what it keeps as a run keeps it: read on this thread (the database's).
            func fetch(_ slice: ArraySlice<(path: String, unit: String, size: Int, modified: Double)>) throws -> Found {
                try slice.map { file in
                    guard let rowid = rows[Stamp(path: file.path, unit: file.unit, size: file.size, modified: file.modified)] else { return nil }
                    return (restore == nil ? nil : try Data.fetchOne(packed, arguments: [rowid]), rowid)
                }
            }
            /// A batch restored, those not kept so from their whole reports, and settled in order.
            func finish(_ found: Found, restored: [Kept?]) throws {
                var made = restored
                // Those not kept as a run keeps them, from their whole reports.
                let wholes = try found.indices.map { index -> Data? in
                    guard made[index] == nil, let rowid = found[index]?.rowid else { return nil }
                    return try Data.fetchOne(whole, arguments: [rowid])
                }
                for (index, report) in ParallelMap.map(wholes, { data in
                    data.flatMap { try? JSONByteDecoder.decode(UnitReport.self, from: $0) }.map(transform)
                }).enumerated() where made[index] == nil {
                    made[index] = report
                }
                kept += made.map { $0.map(settle) }
            }
            // Each batch restored on every core while this thread settles the batch before it and reads
            // the next one's rows: reading and settling, one thread's work, no longer wait for the
            // restoring (a 1 % rerun at 100k units spent 3.5 s here on little more than one core).
            var previous: (found: Found, restoring: ParallelMap.Started<[Kept?]>)?
            defer { _ = previous?.restoring.wait() }
            var start = 0
            while start < files.count {
                let slice = files[start..<min(files.count, start + max(1, batch))]
                start += slice.count
                let found = try fetch(slice)
                // Without `restoring` there is nothing to restore, and no thread to start for it.
                let restoring = restore.map { restore in
                    ParallelMap.started { ParallelMap.map(found) { found in found?.kept.flatMap(restore) } }
                } ?? .finished(found.map { _ in nil })
                // Held before the batch before it is finished: whatever throws, this one is waited for.
                let done = previous
                previous = (found, restoring)
                if let done { try finish(done.found, restored: done.restoring.wait()) }
            }
            if let done = previous {
                previous = nil
                try finish(done.found, restored: done.restoring.wait())
            }
            return kept
        }
        return kept ?? files.map { _ in nil }
    }

    /// A file as the store recorded it: what tells an unchanged file without opening it.
    private struct Stamp: Hashable { var path: String, unit: String, size: Int, modified: Double }

    /// The stamps of the reports stored under this configuration, with their rows.
    private func storedStamps(_ db: Database) throws -> [Stamp: Int64] {
        var rows: [Stamp: Int64] = [:]
        let cursor = try Row.fetchCursor(db, sql: "SELECT rowid, path, unit, size, modified FROM report WHERE key = ?", arguments: [key])
        while let row = try cursor.next() {
            rows[Stamp(path: row[1], unit: row[2], size: row[3], modified: row[4])] = row[0]
        }
        return rows
    }

    /// The stored report of the same content, read under another path or time.
    public func report(sha256: String, unit: String) -> UnitReport? {
        guard reuse else { return nil }
        let data = try? queue.read { db in
            try Data.fetchOne(db, sql: "SELECT json FROM report WHERE sha256 = ? AND unit = ? AND key = ? AND length(json) > 0 LIMIT 1",
                              arguments: [sha256, unit, key])
        }
        return data.flatMap { try? JSONByteDecoder.decode(UnitReport.self, from: $0) }
    }

    /// The report of the same content as a run keeps it (`insert(encoded:kept:of:)`), read under
    /// another path or time; nil where none is stored so.
    func kept(sha256: String, unit: String) -> Data? {
        guard reuse else { return nil }
        return try? queue.read { db in
            try Data.fetchOne(db, sql: "SELECT packed FROM report WHERE sha256 = ? AND unit = ? AND key = ? AND packed IS NOT NULL LIMIT 1",
                              arguments: [sha256, unit, key])
        }
    }

    /// Records the reports of one run (quarantined ones too: an unchanged bad file stays quarantined),
    /// and forgets what no later run can use: reports under another configuration or tool version,
    /// and files no longer among `present` (the paths of this run's submissions). Nightly runs over
    /// a folder whose files come and go thus keep the store the size of the folder.
    public func save(_ entries: [(report: UnitReport, unit: String, size: Int, modified: Double)],
                     present: [String]) throws {
        try insert(entries)
        try forget(present: present)
    }

    /// Records reports (`save` without the forgetting), `batch` at a time: each batch encoded on
    /// every core and written, so that no more than a batch of encoded reports is held at once.
    public func insert(_ entries: [(report: UnitReport, unit: String, size: Int, modified: Double)],
                       batch: Int = 512) throws {
        var start = 0
        while start < entries.count {
            let slice = Array(entries[start..<min(entries.count, start + max(1, batch))])
            start += slice.count
            try insert(encoded: try ParallelMap.map(slice) { entry -> Result<Data, Error> in
                Result { try Self.encode(entry.report) }
            }.map { try $0.get() }, of: slice.map { ($0.report.source.path, $0.unit, $0.size, $0.modified, $0.report.source.sha256) })
        }
    }

    /// Writes reports already encoded with their files' stamps, in one transaction: each whole
    /// (`encode`), or in the form a run keeps it in (`kept`, read back by `reports(unchanged:restoring:…)`
    /// and `kept(sha256:unit:)`), or both. A report kept only so has no whole JSON (an empty one): a
    /// caller that needs the whole report reads its file again.
    func insert(encoded: [Data?], kept: [Data?]? = nil,
                of files: [(path: String, unit: String, size: Int, modified: Double, sha256: String)]) throws {
        guard !files.isEmpty else { return }
        try queue.write { db in
            let insert = try db.makeStatement(sql: """
                INSERT OR REPLACE INTO report (path, unit, key, size, modified, sha256, json, packed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for (index, (file, json)) in zip(files, encoded).enumerated() {
                try insert.execute(arguments: [file.path, file.unit, key, file.size, file.modified, file.sha256, json ?? Data(), kept?[index] ?? nil])
            }
        }
    }

    /// Forgets reports under another configuration or tool version, and files not among `present`.
    public func forget(present: [String]) throws {
        try queue.write { db in
            try db.execute(sql: "DELETE FROM report WHERE key != ?", arguments: [key])
            try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS present (path TEXT PRIMARY KEY)")
            try db.execute(sql: "DELETE FROM present")
            // One statement made once for every path (made per path, its SQL was parsed 100,000 times
            // in a province's run, a third of a second on one core).
            let insert = try db.makeStatement(sql: "INSERT INTO present (path) VALUES (?)")
            for path in Set(present) { try insert.execute(arguments: [path]) }
            try db.execute(sql: "DELETE FROM report WHERE path NOT IN (SELECT path FROM present)")
        }
    }

    /// Whether the store holds a report for every file (path, unit, size, modification time) as it
    /// is now, under this configuration: one query over the stamps, no report decoded.
    public func holdsAll(_ files: [(path: String, unit: String, size: Int, modified: Double)]) -> Bool {
        guard reuse, let stored = try? queue.read({ db in try storedStamps(db) }) else { return false }
        return files.allSatisfy { stored[Stamp(path: $0.path, unit: $0.unit, size: $0.size, modified: $0.modified)] != nil }
    }

    /// A report as the store keeps it: compact JSON with sorted keys, the bytes Foundation's
    /// `JSONEncoder` writes with `.sortedKeys` (so stores written before stay alike).
    static func encode(_ report: UnitReport) throws -> Data {
        Data(try JSONByteEncoder(pretty: false, escapeSlashes: true).encode(report))
    }

    /// How many reports the store holds.
    public func count() -> Int {
        (try? queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM report") }) ?? 0
    }
}
