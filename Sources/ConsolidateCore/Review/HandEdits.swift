import Foundation

/// Keeps hand edits of summary.md and summary.docx from being overwritten without a word.
///
/// Each run records the SHA-256 of the documents it wrote (`OUT/.consolidate/outputs.json`); the
/// next run compares the files with it before writing. A file changed since (or, in a folder no run
/// has written, a file already there) is copied beside the new one as `summary.edited-<time>.md`
/// and the run says so. Edits belong in the review page, whose decisions every run applies.
public enum HandEdits {
    /// The documents a person might edit by hand.
    public static let watched = ["summary.md", "summary.docx"]

    struct Record: Codable {
        var sha256: [String: String]
    }

    static func recordURL(_ output: URL) -> URL {
        output.appendingPathComponent(".consolidate/outputs.json")
    }

    /// Copies every watched file that changed since the last run wrote it; one Chinese warning per copy.
    public static func keepEdited(in output: URL, now: Date = Date()) -> [String] {
        let manager = FileManager.default
        let recorded = (try? Data(contentsOf: recordURL(output))).flatMap { try? JSONDecoder().decode(Record.self, from: $0) }
        // A folder written by a build before this record existed: its files are the tool's own.
        if recorded == nil, manager.fileExists(atPath: output.appendingPathComponent("run.json").path) { return [] }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let stamp = formatter.string(from: now)
        var warnings: [String] = []
        for name in watched {
            let url = output.appendingPathComponent(name)
            guard let data = try? Data(contentsOf: url) else { continue }
            if let expected = recorded?.sha256[name], expected == Fingerprint.sha256(data) { continue }
            let ext = (name as NSString).pathExtension
            let stem = (name as NSString).deletingPathExtension
            let copy = output.appendingPathComponent("\(stem).edited-\(stamp).\(ext)")
            do {
                try AtomicFile.write(data, to: copy)
                warnings.append("\(url.path): warning: [render] \(name) 在上次运行后被手工改动过，改动后的文件已另存为 \(copy.lastPathComponent)，"
                    + "本次重新生成的 \(name) 不含这些改动。请在审核页面（consolidate review --out \(output.path)）中修改表述，审核决定会在每次运行中保留。")
            } catch {
                warnings.append("\(url.path): warning: [render] \(name) 在上次运行后被手工改动过，但无法另存（\(error)），本次运行会覆盖它。")
            }
        }
        return warnings
    }

    /// Records the hashes of the watched files among `files` (the ones this run writes).
    public static func record(_ files: [(name: String, data: Data)], in output: URL) throws {
        var hashes: [String: String] = [:]
        for file in files where watched.contains(file.name) { hashes[file.name] = Fingerprint.sha256(file.data) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(Record(sha256: hashes)), to: recordURL(output))
    }
}
