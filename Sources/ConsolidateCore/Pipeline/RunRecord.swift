import Foundation

/// What a run read, what it set aside and why, and how long each stage took: `run.json`.
///
/// Unlike the summary, this record carries timings, so it differs from run to run.
public struct RunRecord: Codable, Sendable, Equatable {
    public struct Input: Codable, Sendable, Equatable {
        public var path: String
        public var unit: String
        public var sha256: String?
        public var format: SourceFormat?
        public var encoding: String?
        /// received, quarantined or superseded.
        public var status: SubmissionStatus
        /// Why the file was set aside, in words a user understands.
        public var reason: String?
        /// The stage that set it aside.
        public var stage: StageName?
        public var warnings: [String]
    }

    public struct Counts: Codable, Sendable, Equatable {
        public var files: Int
        public var received: Int
        public var quarantined: Int
        public var superseded: Int
        public var missing: Int
        public var skipped: Int
        public var statements: Int
        public var metrics: Int
        /// Files read and parsed in this run; the others' reports came from the state store.
        public var read: Int = 0
    }

    public var tool: String
    public var version: String
    public var input: String
    public var pipeline: String?
    public var roster: String?
    public var inputs: [Input]
    public var skipped: [SkippedFile]
    public var missing: [String]
    public var counts: Counts
    /// Milliseconds per stage.
    public var timings: [String: Int]
    public var outputs: [String]
    /// The run's warning lines, as printed on standard error (quarantined and superseded files).
    public var warnings: [String] = []

    /// The record of the previous run in `folder`, if there is one this build can read.
    public static func previous(in folder: URL) -> RunRecord? {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent("run.json")) else { return nil }
        return try? JSONDecoder().decode(RunRecord.self, from: data)
    }
}

/// The tool's name and version, recorded in every run.
public enum ToolInfo {
    public static let name = "consolidate"
    public static let version = "0.1.0"
}
