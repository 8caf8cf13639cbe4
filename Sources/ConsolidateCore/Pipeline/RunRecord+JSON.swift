import Foundation

// run.json's entries written and read without `Codable` containers.
//
// run.json holds an entry per input file: 4 MB at ten thousand units, 40 MB at a hundred thousand.
// Every run reads the previous one (for changes.md and the ledger) and writes its own; a nightly
// run in which nothing changed does little else, and through `Codable` reading and writing the
// entries took a third of it. The `Codable` conformances stay the reference the tests hold these to.

extension StageName: JSONDirectEncodable {}

extension RunRecord.Input: JSONDirectEncodable {
    /// Writes the entry as its synthesized `encode(to:)` does: keys in order, absent optionals left out.
    func writeJSON(to w: JSONByteWriter, depth: Int) throws {
        typealias K = RunRecordKeys.Input
        w.beginObject()
        w.fieldIfPresent(K.convertedBy, convertedBy, depth)
        w.fieldIfPresent(K.encoding, encoding, depth)
        try w.fieldIfPresent(K.format, format, depth)
        try w.fieldIfPresent(K.identifiedBy, identifiedBy, depth)
        w.fieldIfPresent(K.nameEncoding, nameEncoding, depth)
        try w.fieldIfPresent(K.notOnRoster, notOnRoster, depth)
        w.field(K.path, path, depth)
        w.fieldIfPresent(K.reason, reason, depth)
        try w.fieldIfPresent(K.rosterMatch, rosterMatch, depth)
        w.fieldIfPresent(K.sha256, sha256, depth)
        try w.fieldIfPresent(K.stage, stage, depth)
        w.field(K.status, status.rawValue, depth)
        w.fieldIfPresent(K.supersededBy, supersededBy, depth)
        w.field(K.unit, unit, depth)
        try w.field(K.warnings, warnings, depth)
        w.endObject(depth)
    }
}

extension SkippedFile: JSONDirectEncodable {
    func writeJSON(to w: JSONByteWriter, depth: Int) {
        typealias K = RunRecordKeys.Skipped
        w.beginObject()
        w.field(K.path, path, depth)
        w.field(K.reason, reason, depth)
        w.field(K.status, status, depth)
        w.endObject(depth)
    }
}

/// The keys of run.json's directly written and read types, each type's in key order (UTF-8 byte
/// order), as their synthesized conformances name them.
enum RunRecordKeys {
    enum Input {
        static let names = ["convertedBy", "encoding", "format", "identifiedBy", "nameEncoding", "notOnRoster", "path",
                            "reason", "rosterMatch", "sha256", "stage", "status", "supersededBy", "unit", "warnings"]
        static let set = JSONKeySet(names)
        static let convertedBy = JSONKey(names[0]), encoding = JSONKey(names[1]), format = JSONKey(names[2]),
                   identifiedBy = JSONKey(names[3]), nameEncoding = JSONKey(names[4]), notOnRoster = JSONKey(names[5]),
                   path = JSONKey(names[6]), reason = JSONKey(names[7]), rosterMatch = JSONKey(names[8]),
                   sha256 = JSONKey(names[9]), stage = JSONKey(names[10]), status = JSONKey(names[11]),
                   supersededBy = JSONKey(names[12]), unit = JSONKey(names[13]), warnings = JSONKey(names[14])
    }
    enum Skipped {
        static let set = JSONKeySet(["path", "reason", "status"])
        static let path = JSONKey("path"), reason = JSONKey("reason"), status = JSONKey("status")
    }
    static let rosterMatch = JSONKeySet(["entry", "found"])
    static let counts = JSONKeySet(["files", "metrics", "missing", "notOnRoster", "quarantined", "read", "received",
                                    "skipped", "statements", "superseded"])
    static let record = JSONKeySet(["counts", "input", "inputs", "missing", "outputs", "pipeline", "roster", "skipped",
                                    "timings", "tool", "version", "warnings"])
}

extension JSONDirectReportReader {
    /// An object whose keys are data (run.json's timings): every member once, its value read by `read`.
    func dictionary<T>(_ index: Int, _ read: (Int) throws -> T) throws -> [String: T] {
        let token = tokens[index]
        guard token.kind == .object else { throw Refused() }
        var values: [String: T] = [:]
        var key = index + 1
        for _ in 0..<Int(token.length) {
            let name = try string(key)
            guard values.updateValue(try read(key + 1), forKey: name) == nil else { throw Refused() }
            key = Int(tokens[key + 1].next)
        }
        return values
    }

    func rosterMatch(_ index: Int) throws -> RosterMatch {
        var entry: String?, found: String?
        _ = try members(index, RunRecordKeys.rosterMatch) { key, value in
            if key == 0 { entry = try string(value) } else { found = try string(value) }
        }
        guard let entry, let found else { throw Refused() }
        return RosterMatch(entry: entry, found: found)
    }

    func runInput(_ index: Int) throws -> RunRecord.Input {
        var convertedBy: String?, encoding: String?, format: SourceFormat?, identifiedBy: UnitIdentity.Basis?
        var nameEncoding: String?, notOnRoster: Bool?, path: String?, reason: String?, rosterMatch: RosterMatch?
        var sha256: String?, stage: StageName?, status: SubmissionStatus?, supersededBy: String?, unit: String?
        var warnings: [String]?
        _ = try members(index, RunRecordKeys.Input.set) { key, value in
            switch key {
            case 0: convertedBy = try optional(value, string)
            case 1: encoding = try optional(value, string)
            case 2: format = try optional(value) { try raw($0, as: SourceFormat.self) }
            case 3: identifiedBy = try optional(value) { try raw($0, as: UnitIdentity.Basis.self) }
            case 4: nameEncoding = try optional(value, string)
            case 5: notOnRoster = try optional(value, bool)
            case 6: path = try string(value)
            case 7: reason = try optional(value, string)
            case 8: rosterMatch = try optional(value, self.rosterMatch)
            case 9: sha256 = try optional(value, string)
            case 10: stage = try optional(value) { try raw($0, as: StageName.self) }
            case 11: status = try raw(value, as: SubmissionStatus.self)
            case 12: supersededBy = try optional(value, string)
            case 13: unit = try string(value)
            default: warnings = try array(value, string)
            }
        }
        guard let path, let unit, let status, let warnings else { throw Refused() }
        var input = RunRecord.Input(path: path, unit: unit, sha256: sha256, format: format, encoding: encoding, status: status,
                                    reason: reason, stage: stage, warnings: warnings)
        (input.supersededBy, input.identifiedBy, input.rosterMatch) = (supersededBy, identifiedBy, rosterMatch)
        (input.notOnRoster, input.nameEncoding, input.convertedBy) = (notOnRoster, nameEncoding, convertedBy)
        return input
    }

    func skippedFile(_ index: Int) throws -> SkippedFile {
        var path: String?, reason: String?, status: String?
        _ = try members(index, RunRecordKeys.Skipped.set) { key, value in
            switch key {
            case 0: path = try string(value)
            case 1: reason = try string(value)
            default: status = try string(value)
            }
        }
        guard let path, let reason, let status else { throw Refused() }
        var file = SkippedFile(path: path, reason: reason)
        file.status = status
        return file
    }

    func runCounts(_ index: Int) throws -> RunRecord.Counts {
        var values = [Int?](repeating: nil, count: 10)
        _ = try members(index, RunRecordKeys.counts) { key, value in
            values[key] = key == 3 ? try optional(value, int) : try int(value)
        }
        // files, metrics, missing, quarantined, received, skipped, statements, superseded are required.
        guard let files = values[0], let metrics = values[1], let missing = values[2], let quarantined = values[4],
              let received = values[6], let skipped = values[7], let statements = values[8], let superseded = values[9]
        else { throw Refused() }
        var counts = RunRecord.Counts(files: files, received: received, quarantined: quarantined, superseded: superseded,
                                      missing: missing, skipped: skipped, statements: statements, metrics: metrics)
        counts.read = values[5] ?? files
        counts.notOnRoster = values[3]
        return counts
    }

    func runRecord(_ index: Int) throws -> RunRecord {
        var counts: RunRecord.Counts?, input: String?, inputs: [RunRecord.Input]?, missing: [String]?, outputs: [String]?
        var pipeline: String?, roster: String?, skipped: [SkippedFile]?, timings: [String: Int]?, tool: String?
        var version: String?, warnings: [String]?
        _ = try members(index, RunRecordKeys.record) { key, value in
            switch key {
            case 0: counts = try runCounts(value)
            case 1: input = try string(value)
            case 2: inputs = try array(value, runInput)
            case 3: missing = try array(value, string)
            case 4: outputs = try array(value, string)
            case 5: pipeline = try optional(value, string)
            case 6: roster = try optional(value, string)
            case 7: skipped = try array(value, skippedFile)
            case 8: timings = try dictionary(value, int)
            case 9: tool = try string(value)
            case 10: version = try string(value)
            default: warnings = try optional(value) { try array($0, string) }
            }
        }
        guard let counts, let input, let inputs, let missing, let outputs, let skipped, let timings, let tool, let version
        else { throw Refused() }
        var record = RunRecord(tool: tool, version: version, input: input, pipeline: pipeline, roster: roster, inputs: inputs,
                               skipped: skipped, missing: missing, counts: counts, timings: timings, outputs: outputs)
        record.warnings = warnings ?? []
        return record
    }
}
