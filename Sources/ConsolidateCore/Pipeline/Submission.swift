import Foundation

/// A file found in the input folder that is read as a unit's submission.
public struct Submission: Sendable, Equatable {
    /// How the run treats the file's format.
    public enum Format: Sendable, Equatable {
        /// A format the Ingest stage reads (or refuses with advice: a .doc, a .wps).
        case read
        /// A format no stage reads (a PDF, a scan, a spreadsheet): the unit's submission all
        /// the same, quarantined with advice rather than ignored. Holds the extension.
        case notRead(String)
    }

    public var url: URL
    /// The path relative to the input folder, as every output names it.
    public var path: String
    /// The unit the file belongs to where the roster or the file name tells it.
    public var unitHint: String?
    public var modified: Date
    /// The file's size in bytes when the folder was scanned.
    public var size: Int = 0
    public var format: Format = .read
    /// The path's bytes as the file system holds them: a name need not be UTF-8 (a GBK name
    /// from a Windows archive), and then `url` cannot reach the file.
    public var fileSystemPath: [UInt8] = []
    /// Where the file's name was not UTF-8: the encoding it was decoded from to name it.
    public var nameEncoding: String?

    public init(url: URL, path: String, unitHint: String?, modified: Date) {
        self.init(url: url, path: path, unitHint: unitHint, modified: modified, fileSystemPath: Array(url.path.utf8))
    }

    /// A file found by scanning, whose path's bytes are known (`URL.path` is not asked again for them).
    init(url: URL, path: String, unitHint: String?, modified: Date, fileSystemPath: [UInt8]) {
        self.url = url
        self.path = path
        self.unitHint = unitHint
        self.modified = modified
        self.fileSystemPath = fileSystemPath
    }

    /// A file named on the command line: its unit from the file name where that is a name.
    public static func file(_ path: String) -> Submission {
        let url = URL(fileURLWithPath: path)
        return Submission(url: url, path: path, unitHint: unitName(fromStem: url.deletingPathExtension().lastPathComponent),
                          modified: Date(timeIntervalSince1970: 0))
    }

    /// The file's stem (name without its extension), as the outputs name it.
    public var stem: String {
        // On UTF-8 bytes, not walked by characters: `/` and `.` are ASCII, no byte of another
        // character. (A `/` or `.` with a combining mark after it is cut at here, where `Character`s would not.)
        let utf8 = path.utf8
        var end = utf8.endIndex
        while end > utf8.startIndex, utf8[utf8.index(before: end)] == UInt8(ascii: "/") { end = utf8.index(before: end) }
        guard end > utf8.startIndex else { return path }
        let start = utf8[..<end].lastIndex(of: UInt8(ascii: "/")).map { utf8.index(after: $0) } ?? utf8.startIndex
        let name = utf8[start..<end]
        guard let dot = name.lastIndex(of: UInt8(ascii: ".")), dot != start else { return String(Substring(name)) }
        return String(Substring(utf8[start..<dot]))
    }

    /// The submissions in `folder` (recursively, sorted by path) and every other entry with why it
    /// was passed over. `output`, the run's own output folder, is never read, wherever it is.
    public static func discover(in folder: URL, extensions: [String], roster: Roster?,
                                excluding excluded: Set<String> = [], output: URL? = nil,
                                toolFileNames: Set<String> = Submission.toolFileNames)
        throws -> (submissions: [Submission], skipped: [SkippedFile]) {
        var scan = InputScan(folder: folder, extensions: extensions, excluded: excluded, output: output,
                             toolFileNames: toolFileNames)
        try scan.run()
        var submissions: [Submission] = []
        var skipped = scan.skipped
        for found in scan.found {
            var submission = found
            let stem = found.stem
            submission.unitHint = roster?.unit(forFileStem: stem) ?? UnitName.fromStem(stem)
            // An attachment whose name names no unit is no unit's report: listed, not counted.
            if case let .notRead(ext) = found.format, InputScan.attachmentFormats.contains(ext), submission.unitHint == nil {
                skipped.append(SkippedFile(path: found.path, reason: "\(InputScan.unreadFormats[ext] ?? "文件")（.\(ext)），"
                    + "文件名看不出是哪个单位的报送材料，未读取；如是某单位的汇报，请另存为 .docx 或 .txt 并以单位名称命名"))
                continue
            }
            submissions.append(submission)
        }
        return (submissions.sorted { $0.path < $1.path }, skipped.sorted { $0.path < $1.path })
    }

    /// The files a run writes, by name: every output a pipeline may configure and changes.md.
    public static let toolFileNames: Set<String> = [
        "summary.md", "summary.docx", "review.html", "summary.json", "run.json", "changes.md",
    ]

    /// Fails with a `RunError` where `folder` is not a folder that can be read, or is `output` itself:
    /// checked before the output folder is touched.
    public static func checkInputFolder(_ folder: URL, output: URL?) throws {
        var info = stat()
        let path = Array(folder.path.utf8)
        if InputScan.status(path, &info, follow: true) != 0 {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw RunError.inputMissing(path: folder.path) }
            throw RunError.inputUnreadable(path: folder.path, reason: InputScan.words(errno: code))
        }
        guard InputScan.kind(info) == S_IFDIR else { throw RunError.inputNotFolder(path: folder.path) }
        guard let handle = InputScan.withCString(path, { opendir($0) }) else {
            throw RunError.inputUnreadable(path: folder.path, reason: InputScan.words(errno: errno))
        }
        closedir(handle)
        if let output {
            var outputInfo = stat()
            let same = InputScan.status(Array(output.path.utf8), &outputInfo, follow: true) == 0
                && InputScan.FileID(outputInfo) == InputScan.FileID(info)
            if same || output.standardizedFileURL.path == folder.standardizedFileURL.path {
                throw RunError.outputIsInput(path: output.path)
            }
        }
    }

    /// A file stem names a unit when it is mostly Chinese words (`财政局`, `城关镇党委`),
    /// not a serial number or a hash; a leading serial number (`03-财政局`) is dropped.
    static func unitName(fromStem stem: String) -> String? {
        let trimmed = stem.drop { $0.isASCII && ($0.isNumber || $0 == "-" || $0 == "_" || $0 == " " || $0 == ".") }
        let ideographs = trimmed.unicodeScalars.filter { $0.properties.isIdeographic }.count
        return ideographs >= 2 ? String(trimmed) : nil
    }
}

/// An entry of the input folder that was not read, with why.
public struct SkippedFile: Codable, Sendable, Equatable {
    public var path: String
    public var reason: String
    /// Always `skipped`: every entry of run.json carries a status.
    public var status: String = "skipped"

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey { case path, reason, status }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        path = try c.decode(String.self, forKey: .path)
        reason = try c.decode(String.self, forKey: .reason)
        status = try c.decodeIfPresent(String.self, forKey: .status) ?? "skipped"
    }
}
