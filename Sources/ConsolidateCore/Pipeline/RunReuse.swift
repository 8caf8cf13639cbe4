import Foundation

/// Lets a nightly run in which nothing changed keep the previous run's outputs instead of merging
/// and rendering the same reports again.
///
/// A run that wrote its outputs records (`OUT/.consolidate/reuse.json`) a fingerprint of everything
/// its outputs follow from (the tool build, the pipeline configuration and summary template, the
/// roster, the reviewer's decisions, the input folder's listing with each file's size and time,
/// the paths it was given) and the size and time of each output as written. The next run with the
/// same fingerprint, every file's report in the state store and every output as it was written would
/// write the same bytes again, and keeps them: it writes only run.json (no file read, no stage time).
///
/// A run records this only where nothing of the moment (an interrupted earlier run, a store set
/// aside, a hand edit kept) was among its warnings. Where its changes.md and review.html said what
/// changed since the run before (or that it was the first), the next run would find nothing changed
/// and say so: it keeps the other outputs and writes those two again (`recompare`). The paths of
/// the input folder, the pipeline and the roster play no part, only what they hold (only run.json
/// names them, and the kept run's record gets this run's): a copy of the folder with the same files
/// and times keeps too. `run --full` never keeps outputs,
/// but records them for the next run.
public struct RunReuse: Codable, Equatable, Sendable {
    public var fingerprint: String
    /// Output file name → size and modification time (ns) as this run left it.
    public var outputs: [String: [Int]]
    /// Nil where changes.md and review.html already say that nothing changed.
    public var recompare: Recompare?

    /// What an unchanged next run needs to write changes.md and review.html's changes section again.
    public struct Recompare: Codable, Equatable, Sendable {
        /// What changes.md carries after the comparison (decisions that need another look): the
        /// same again on a run with the same decisions and reports.
        public var changesTail: String
    }

    static func url(_ output: URL) -> URL { output.appendingPathComponent(".consolidate/reuse.json") }

    /// The fingerprint of a run's inputs and settings.
    static func fingerprint(runner: PipelineRunner, output: URL, store: ReportStore,
                            submissions: [Submission], skipped: [SkippedFile]) -> String {
        var lines = ["tool\t\(ToolInfo.version)\t\(ToolInfo.build)", "configuration\t\(store.key)",
                     "output\t\(output.path)", "allowEmpty\t\(runner.allowEmpty)", "roster\t\(runner.roster != nil)"]
        let template = runner.configuration.render.summaryTemplate
        if !template.isEmpty {
            lines.append("template\t" + ((try? Data(contentsOf: URL(fileURLWithPath: template))).map(Fingerprint.sha256) ?? "unreadable"))
        }
        for entry in runner.roster?.entries ?? [] { lines.append("unit\t\(entry.unit)\t\(entry.file ?? "")") }
        let decisions = DecisionStore(output: output).url
        lines.append("decisions\t" + ((try? Data(contentsOf: decisions)).map(Fingerprint.sha256) ?? "none"))
        for entry in skipped { lines.append("skipped\t\(entry.path)\t\(entry.reason)") }
        // A line per file, made as bytes: interpolating each file's size and time took a fifteenth
        // of a nightly run in which nothing changed. The time is its `Double`'s bits, exact.
        var bytes = Array(lines.joined(separator: "\n").utf8)
        bytes.reserveCapacity(bytes.count + submissions.count * 160)
        func add(_ text: String) { bytes.append(contentsOf: text.utf8) }
        func add(_ number: UInt64) {
            var digits: (UInt64, [UInt8]) = (number, [])
            repeat {
                digits.1.append(UInt8(ascii: "0") + UInt8(digits.0 % 10))
                digits.0 /= 10
            } while digits.0 > 0
            bytes.append(contentsOf: digits.1.reversed())
        }
        let tab = UInt8(ascii: "\t")
        for submission in submissions {
            add("\nfile\t")
            add(submission.path)
            bytes.append(tab)
            add(UInt64(max(0, submission.size)))
            bytes.append(tab)
            add(submission.modified.timeIntervalSince1970.bitPattern)
            bytes.append(tab)
            add(submission.unitHint ?? "")
            bytes.append(tab)
            add(submission.nameEncoding ?? "")
            bytes.append(tab)
            switch submission.format {
            case .read: add("read")
            case let .notRead(ext): add("notRead:" + ext)
            }
        }
        return Fingerprint.sha256(Data(bytes))
    }

    /// An output file's size and modification time in nanoseconds, where it exists.
    static func stamp(_ url: URL) -> [Int]? {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return nil }
        return [Int(info.st_size), Int(info.st_mtim.tv_sec) &* 1_000_000_000 &+ Int(info.st_mtim.tv_nsec)]
    }

    /// The record a run left, where its fingerprint is `fingerprint` and every output is as it was written.
    static func keeping(_ output: URL, fingerprint: String) -> RunReuse? {
        guard let data = try? Data(contentsOf: url(output)),
              let reuse = try? JSONDecoder().decode(RunReuse.self, from: data),
              reuse.fingerprint == fingerprint, !reuse.outputs.isEmpty else { return nil }
        for (name, stamp) in reuse.outputs where Self.stamp(output.appendingPathComponent(name)) != stamp { return nil }
        return reuse
    }

    /// What the kept run writes again where the run it keeps said that something changed: changes.md
    /// and review.html with their changes section saying nothing did, byte for byte what a run that
    /// merged would write; none where they already say so. Nil where review.html has no changes
    /// section to replace (then the run does not keep).
    func unchangedFiles(in output: URL) -> [(name: String, data: Data)]? {
        guard let recompare else { return [] }
        var files: [(name: String, data: Data)] = [("changes.md", Data((ChangeReport.unchangedMarkdown + recompare.changesTail).utf8))]
        if outputs["review.html"] != nil {
            guard let page = try? Data(contentsOf: output.appendingPathComponent("review.html")),
                  let replaced = Self.replacingChangesSection(in: page, with: ReviewPage.unchangedChangesSection) else { return nil }
            files.append(("review.html", replaced))
        }
        return files
    }

    /// `page` with its changes section replaced by `section`; nil where it has none. The section's
    /// markup is the only `<section id="changes"` of a page (all text is escaped) and holds no
    /// other section, so it ends at the first `</section>` after it.
    static func replacingChangesSection(in page: Data, with section: String) -> Data? {
        let opening = Array("<section id=\"changes\" class=\"changes\">".utf8), closing = Array("</section>\n".utf8)
        return page.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Data? in
            guard let start = offset(of: opening, in: bytes, from: 0),
                  let end = offset(of: closing, in: bytes, from: start + opening.count) else { return nil }
            var replaced = Data(capacity: bytes.count - (end + closing.count - start) + section.utf8.count)
            replaced.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[..<start]))
            replaced.append(contentsOf: section.utf8)
            replaced.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[(end + closing.count)...]))
            return replaced
        }
    }

    /// Where `needle` first occurs in `bytes` at or after `from`, nil where it does not: `memchr` to
    /// each place its first byte occurs, `memcmp` there. A review page is tens of megabytes at a
    /// province's scale: Foundation's generic search over `Data` took a seventh of an unchanged rerun.
    static func offset(of needle: [UInt8], in bytes: UnsafeRawBufferPointer, from: Int) -> Int? {
        guard let base = bytes.baseAddress, !needle.isEmpty, from >= 0 else { return nil }
        return needle.withUnsafeBytes { needleBytes -> Int? in
            let first = Int32(needle[0])
            var at = from
            while bytes.count - at >= needle.count {
                guard let found = memchr(base + at, first, bytes.count - at - needle.count + 1) else { return nil }
                let offset = base.distance(to: UnsafeRawPointer(found))
                if memcmp(found, needleBytes.baseAddress!, needle.count) == 0 { return offset }
                at = offset + 1
            }
            return nil
        }
    }

    /// Records the outputs just written (`names`) under `fingerprint`; with nil, forgets any record.
    static func record(_ output: URL, fingerprint: String?, names: [String], recompare: Recompare?) {
        guard let fingerprint else {
            try? FileManager.default.removeItem(at: url(output))
            return
        }
        var outputs: [String: [Int]] = [:]
        for name in names {
            guard let stamp = stamp(output.appendingPathComponent(name)) else {
                try? FileManager.default.removeItem(at: url(output))
                return
            }
            outputs[name] = stamp
        }
        guard let data = try? JSONOutput.encode(RunReuse(fingerprint: fingerprint, outputs: outputs, recompare: recompare)),
              (try? AtomicFile.write(data, to: url(output))) != nil else {
            try? FileManager.default.removeItem(at: url(output))
            return
        }
    }
}
