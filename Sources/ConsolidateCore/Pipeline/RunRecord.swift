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
        /// received, quarantined or superseded (entries passed over are in `skipped`, status `skipped`).
        public var status: SubmissionStatus
        /// Why the file was set aside, in words a user understands.
        public var reason: String?
        /// The stage that set it aside.
        public var stage: StageName?
        public var warnings: [String]
        /// For a superseded file: the file of the same unit that counts instead.
        public var supersededBy: String? = nil
        /// How the unit was told: `roster`, `name`, or `file` (named after its file).
        public var identifiedBy: UnitIdentity.Basis? = nil
        /// The roster entry matched by a near name, with the name found.
        public var rosterMatch: RosterMatch? = nil
        /// True where a roster was given and the file's unit is not on it.
        public var notOnRoster: Bool? = nil
        /// Where the file's name is not UTF-8: the encoding it was read in (`gb18030`, or `unknown`).
        public var nameEncoding: String? = nil
        /// The tool that converted a .doc, .wps or .pdf into a format the readers take.
        public var convertedBy: String? = nil
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
        /// Units whose files came in although they are not on the roster; nil without a roster.
        public var notOnRoster: Int? = nil

        init(files: Int, received: Int, quarantined: Int, superseded: Int, missing: Int, skipped: Int,
             statements: Int, metrics: Int) {
            (self.files, self.received, self.quarantined, self.superseded) = (files, received, quarantined, superseded)
            (self.missing, self.skipped, self.statements, self.metrics) = (missing, skipped, statements, metrics)
        }

        /// A record written before `read` existed still reads, so the next run can compare with it.
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            files = try c.decode(Int.self, forKey: .files)
            received = try c.decode(Int.self, forKey: .received)
            quarantined = try c.decode(Int.self, forKey: .quarantined)
            superseded = try c.decode(Int.self, forKey: .superseded)
            missing = try c.decode(Int.self, forKey: .missing)
            skipped = try c.decode(Int.self, forKey: .skipped)
            statements = try c.decode(Int.self, forKey: .statements)
            metrics = try c.decode(Int.self, forKey: .metrics)
            read = try c.decodeIfPresent(Int.self, forKey: .read) ?? files
            notOnRoster = try c.decodeIfPresent(Int.self, forKey: .notOnRoster)
        }
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

    enum CodingKeys: String, CodingKey {
        case tool, version, input, pipeline, roster, inputs, skipped, missing, counts, timings, outputs, warnings
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        tool = try c.decode(String.self, forKey: .tool)
        version = try c.decode(String.self, forKey: .version)
        input = try c.decode(String.self, forKey: .input)
        pipeline = try c.decodeIfPresent(String.self, forKey: .pipeline)
        roster = try c.decodeIfPresent(String.self, forKey: .roster)
        inputs = try c.decode([Input].self, forKey: .inputs)
        skipped = try c.decode([SkippedFile].self, forKey: .skipped)
        missing = try c.decode([String].self, forKey: .missing)
        counts = try c.decode(Counts.self, forKey: .counts)
        timings = try c.decode([String: Int].self, forKey: .timings)
        outputs = try c.decode([String].self, forKey: .outputs)
        warnings = try c.decodeIfPresent([String].self, forKey: .warnings) ?? []
    }

    init(tool: String, version: String, input: String, pipeline: String?, roster: String?, inputs: [Input],
         skipped: [SkippedFile], missing: [String], counts: Counts, timings: [String: Int], outputs: [String]) {
        (self.tool, self.version, self.input, self.pipeline, self.roster) = (tool, version, input, pipeline, roster)
        (self.inputs, self.skipped, self.missing, self.counts) = (inputs, skipped, missing, counts)
        (self.timings, self.outputs) = (timings, outputs)
    }

    /// The record of the previous run in `folder`, if there is one this build can read.
    public static func previous(in folder: URL) -> RunRecord? {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent("run.json")) else { return nil }
        return JSONByteDecoder.decodeLeniently(RunRecord.self, from: data)
    }
}

/// The tool's name and version, recorded in every run.
public enum ToolInfo {
    public static let name = "consolidate"
    public static let version = "0.1.0"
    /// The running executable's identity (its device, inode, size and modification time, hashed),
    /// read once per process: a rebuilt or reinstalled tool reads every file again even where its
    /// version string did not change. Not the executable's content: hashing its 85 MB took a tenth
    /// of a night on which nothing changed. Empty where the executable cannot be found.
    public static let build: String = {
        guard let url = Bundle.main.executableURL else { return "" }
        var info = stat()
        guard stat(url.path, &info) == 0 else { return "" }
        let identity = "\(info.st_dev):\(info.st_ino):\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        return Fingerprint.sha256(Data(identity.utf8))
    }()
}
