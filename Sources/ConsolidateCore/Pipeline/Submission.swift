import Foundation

/// A file found in the input folder that is read as a unit's submission.
public struct Submission: Sendable, Equatable {
    public var url: URL
    /// The path relative to the input folder, as every output names it.
    public var path: String
    /// The unit the file belongs to where the roster or the file name tells it.
    public var unitHint: String?
    public var modified: Date

    public init(url: URL, path: String, unitHint: String?, modified: Date) {
        self.url = url
        self.path = path
        self.unitHint = unitHint
        self.modified = modified
    }

    /// A file named on the command line: its unit from the file name where that is a name.
    public static func file(_ path: String) -> Submission {
        let url = URL(fileURLWithPath: path)
        return Submission(url: url, path: path, unitHint: unitName(fromStem: url.deletingPathExtension().lastPathComponent),
                          modified: Date(timeIntervalSince1970: 0))
    }

    /// The submissions in `folder` (recursively, sorted by path) and the files passed over with why.
    public static func discover(in folder: URL, extensions: [String], roster: Roster?,
                                excluding excluded: Set<String> = [])
        throws -> (submissions: [Submission], skipped: [SkippedFile]) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw StageError(stage: .ingest, file: folder.path, message: "输入文件夹不存在，请用 --input 指定报送材料所在的文件夹。")
        }
        // Legacy Word formats are taken in too, so they are quarantined with advice rather than skipped.
        let accepted = Set(extensions.map { $0.lowercased() } + ["doc", "wps"])
        let base = folder.standardizedFileURL.path
        var submissions: [Submission] = []
        var skipped: [SkippedFile] = []
        let enumerator = manager.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey, .contentModificationDateKey])
        while let url = enumerator?.nextObject() as? URL {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .contentModificationDateKey])
            guard values?.isRegularFile == true else { continue }
            var path = url.standardizedFileURL.path
            if path.hasPrefix(base + "/") { path = String(path.dropFirst(base.count + 1)) }
            let name = url.lastPathComponent
            if name.hasPrefix(".") || name.hasPrefix("~$") {
                skipped.append(SkippedFile(path: path, reason: "隐藏文件或 Word 临时文件"))
                continue
            }
            if excluded.contains(url.standardizedFileURL.path) {
                skipped.append(SkippedFile(path: path, reason: "单位名单"))
                continue
            }
            guard accepted.contains(url.pathExtension.lowercased()) else {
                skipped.append(SkippedFile(path: path, reason: "不是报送材料的文件类型（.\(url.pathExtension)）"))
                continue
            }
            let stem = url.deletingPathExtension().lastPathComponent
            submissions.append(Submission(url: url, path: path,
                                          unitHint: roster?.unit(forFileStem: stem) ?? Self.unitName(fromStem: stem),
                                          modified: values?.contentModificationDate ?? Date(timeIntervalSince1970: 0)))
        }
        return (submissions.sorted { $0.path < $1.path }, skipped.sorted { $0.path < $1.path })
    }

    /// A file stem names a unit when it is mostly Chinese words (`财政局`, `城关镇党委`),
    /// not a serial number or a hash; a leading serial number (`03-财政局`) is dropped.
    static func unitName(fromStem stem: String) -> String? {
        let trimmed = stem.drop { $0.isASCII && ($0.isNumber || $0 == "-" || $0 == "_" || $0 == " " || $0 == ".") }
        let ideographs = trimmed.unicodeScalars.filter { $0.properties.isIdeographic }.count
        return ideographs >= 2 ? String(trimmed) : nil
    }
}

/// A file in the input folder that was not read, with why.
public struct SkippedFile: Codable, Sendable, Equatable {
    public var path: String
    public var reason: String
}
