import Foundation

/// The record of every run into an output folder, one JSON line per run, oldest first.
///
/// It lives beside the outputs (`OUT/.consolidate/ledger.jsonl`) so that
/// `consolidate status` can say what the nightly runs did.
public enum Ledger {
    public struct Entry: Codable, Sendable, Equatable {
        public var started: Date
        public var ended: Date
        public var exitCode: Int32
        public var filesNew: Int
        public var filesChanged: Int
        public var filesUnchanged: Int
        /// Files opened and read in this run (the rest were taken from the state store unopened);
        /// nil in the entries of versions before it was recorded.
        public var filesRead: Int?
        public var filesQuarantined: Int
        public var unitsReceived: Int
        public var unitsMissing: Int
        public var warnings: Int
        /// Why the run failed, where it did.
        public var error: String?

        public init(started: Date, ended: Date, exitCode: Int32, filesNew: Int = 0, filesChanged: Int = 0,
                    filesUnchanged: Int = 0, filesRead: Int? = nil, filesQuarantined: Int = 0, unitsReceived: Int = 0, unitsMissing: Int = 0,
                    warnings: Int = 0, error: String? = nil) {
            self.started = started
            self.ended = ended
            self.exitCode = exitCode
            self.filesNew = filesNew
            self.filesChanged = filesChanged
            self.filesUnchanged = filesUnchanged
            self.filesRead = filesRead
            self.filesQuarantined = filesQuarantined
            self.unitsReceived = unitsReceived
            self.unitsMissing = unitsMissing
            self.warnings = warnings
            self.error = error
        }
    }

    public static func url(in folder: URL) -> URL {
        folder.appendingPathComponent(".consolidate/ledger.jsonl")
    }

    /// Appends one run's entry.
    public static func append(_ entry: Entry, in folder: URL) throws {
        let url = url(in: folder)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(timestamp(fractional: true).string(from: date))
        }
        encoder.outputFormatting = [.sortedKeys]
        var line = try encoder.encode(entry)
        line.append(0x0A)
        if let handle = try? FileHandle(forWritingTo: url) {
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: line)
        } else {
            try line.write(to: url)
        }
    }

    /// Every entry, oldest first; a line that does not read (a run killed mid-write) is passed over.
    public static func entries(in folder: URL) -> [Entry] {
        guard let text = try? String(contentsOf: url(in: folder), encoding: .utf8) else { return [] }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            // Milliseconds since this version; whole seconds in the ledgers of earlier ones.
            guard let date = timestamp(fractional: true).date(from: text) ?? timestamp(fractional: false).date(from: text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a time: \(text)"))
            }
            return date
        }
        return text.split(separator: "\n").compactMap { try? decoder.decode(Entry.self, from: Data($0.utf8)) }
    }

    /// ISO 8601 in UTC, with milliseconds where `fractional`, so that a run's length reads to the tenth of a second.
    static func timestamp(fractional: Bool) -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = fractional ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        return formatter
    }

    /// How the files of `current` compare with the previous run's, by path and content hash.
    public static func fileChanges(previous: RunRecord?, current: RunRecord) -> (new: Int, changed: Int, unchanged: Int) {
        let before = Dictionary((previous?.inputs ?? []).map { ($0.path, $0.sha256 ?? "") }, uniquingKeysWith: { a, _ in a })
        var counts = (new: 0, changed: 0, unchanged: 0)
        for input in current.inputs {
            switch before[input.path] {
            case nil: counts.new += 1
            case input.sha256 ?? "": counts.unchanged += 1
            default: counts.changed += 1
            }
        }
        return counts
    }
}
