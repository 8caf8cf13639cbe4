import Foundation

/// A walk over the input folder that accounts for every entry: a submission to read, or an
/// entry passed over with its reason.
///
/// It works on the file system's own bytes (`opendir`, `lstat`) rather than Foundation's
/// enumerator, for three reasons: a name that is not UTF-8 (a GBK name unzipped from a
/// Windows archive) must be found and named, not dropped; a FIFO, a device or a symbolic
/// link must be told apart without opening it (opening a FIFO blocks, reading /dev/zero
/// never ends); and a symbolic link to a folder is not followed, so a loop cannot recur.
struct InputScan {
    let folder: URL
    let readExtensions: Set<String>
    /// The files not to read (the roster), by identity: a path, a link or another spelling of the path
    /// to one of them is the same file.
    let excluded: Set<FileID>
    /// The input folder's path as the submissions' full paths begin, worked out once.
    let root: String
    let output: URL?
    /// Names of the files this tool writes (`summary.docx`, `review.html` …): never a unit's report,
    /// wherever a copy of one lies.
    let toolFileNames: Set<String>
    private(set) var found: [Submission] = []
    private(set) var skipped: [SkippedFile] = []

    init(folder: URL, extensions: [String], excluded: Set<String>, output: URL?, toolFileNames: Set<String>) {
        self.folder = folder
        self.toolFileNames = toolFileNames
        // Legacy Word formats are read too, so they are quarantined with advice rather than skipped.
        readExtensions = Set(extensions.map { $0.lowercased() } + ["doc", "wps"])
        self.excluded = Set(excluded.compactMap { path in
            var info = stat()
            return Self.status(Array(path.utf8), &info, follow: true) == 0 ? FileID(info) : nil
        })
        root = folder.standardizedFileURL.path
        self.output = output
    }

    /// Formats a unit may send its report in that no stage reads: the file is the unit's
    /// submission all the same, quarantined with advice; the Chinese name says what it is.
    static let unreadFormats: [String: String] = [
        "pdf": "PDF 文件", "ofd": "OFD 版式文件", "xps": "XPS 版式文件", "rtf": "RTF 文档", "odt": "OpenDocument 文档",
        "wpt": "WPS 模板", "dot": "Word 模板", "pages": "Pages 文稿", "htm": "网页文件", "html": "网页文件",
        "mht": "网页文件", "mhtml": "网页文件", "jpg": "图片", "jpeg": "图片", "png": "图片", "tif": "图片", "tiff": "图片",
        "bmp": "图片", "gif": "图片", "heic": "图片", "webp": "图片", "zip": "压缩包", "rar": "压缩包", "7z": "压缩包",
        "xls": "Excel 表格", "xlsx": "Excel 表格", "et": "WPS 表格", "ppt": "PowerPoint 演示文稿",
        "pptx": "PowerPoint 演示文稿", "dps": "WPS 演示文稿",
    ]

    /// Of the formats not read, those an attachment comes in (a scan, a table, slides, an archive)
    /// rather than a report: such a file is a unit's submission only where its name names the unit.
    static let attachmentFormats: Set<String> = [
        "jpg", "jpeg", "png", "tif", "tiff", "bmp", "gif", "heic", "webp", "zip", "rar", "7z",
        "xls", "xlsx", "et", "ppt", "pptx", "dps",
    ]

    /// Folders are not descended past this depth (a submission folder is a few levels at most).
    static let maxDepth = 32

    mutating func run() throws {
        let root = Array(folder.path.utf8)
        var info = stat()
        if Self.status(root, &info, follow: true) != 0 {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw RunError.inputMissing(path: folder.path) }
            throw RunError.inputUnreadable(path: folder.path, reason: Self.words(errno: code))
        }
        guard Self.kind(info) == S_IFDIR else { throw RunError.inputNotFolder(path: folder.path) }
        var outputID: FileID?
        if let output {
            var outputInfo = stat()
            if Self.status(Array(output.path.utf8), &outputInfo, follow: true) == 0 {
                outputID = FileID(outputInfo)
                if outputID == FileID(info) { throw RunError.outputIsInput(path: output.path) }
            }
        }
        try walk(root, relative: [], depth: 0, outputID: outputID, isRoot: true)
    }

    /// A file's identity on its device: two paths naming one folder compare equal.
    struct FileID: Hashable {
        var device: UInt64
        var inode: UInt64
        init(_ info: stat) { (device, inode) = (UInt64(info.st_dev), UInt64(info.st_ino)) }
    }

    private mutating func walk(_ directory: [UInt8], relative: [String], depth: Int, outputID: FileID?,
                               isRoot: Bool) throws {
        let display = relative.joined(separator: "/")
        guard let handle = Self.withCString(directory, { opendir($0) }) else {
            if isRoot { throw RunError.inputUnreadable(path: folder.path, reason: Self.words(errno: errno)) }
            skipped.append(SkippedFile(path: display + "/", reason: "文件夹无法打开（\(Self.words(errno: errno))），其中的文件未读取"))
            return
        }
        var names: [[UInt8]] = []
        while let entry = readdir(handle) {
            var name = entry.pointee.d_name
            let bytes = withUnsafeBytes(of: &name) { Array($0.prefix { $0 != 0 }) }
            if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
            names.append(bytes)
        }
        closedir(handle)
        for bytes in names.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let (name, encoding) = Self.decodeName(bytes)
            let path = directory + [0x2F] + bytes
            let shown = (relative + [name]).joined(separator: "/")
            try visit(path, name: name, nameEncoding: encoding, relative: relative + [name], shown: shown,
                      depth: depth, outputID: outputID)
        }
    }

    private mutating func visit(_ path: [UInt8], name: String, nameEncoding: String?, relative: [String], shown: String,
                                depth: Int, outputID: FileID?) throws {
        var info = stat()
        guard Self.status(path, &info, follow: false) == 0 else {
            skipped.append(SkippedFile(path: shown, reason: "无法读取文件信息（\(Self.words(errno: errno))）"))
            return
        }
        var kind = Self.kind(info)
        var viaLink = false
        if kind == S_IFLNK {
            var target = stat()
            if Self.status(path, &target, follow: true) != 0 {
                let code = errno
                skipped.append(SkippedFile(path: shown, reason: code == ELOOP
                    ? "符号链接形成循环，无法读取" : "符号链接指向的文件不存在或无法访问（\(Self.words(errno: code))）"))
                return
            }
            kind = Self.kind(target)
            if kind == S_IFDIR {
                skipped.append(SkippedFile(path: shown + "/", reason: "指向文件夹的符号链接，未跟随（以免重复或循环读取）"))
                return
            }
            info = target
            viaLink = true
        }
        switch kind {
        case S_IFDIR:
            if let outputID, FileID(info) == outputID {
                skipped.append(SkippedFile(path: shown + "/", reason: "本次运行的输出文件夹（--out），本工具写入的文件不作为报送材料读取"))
            } else if Self.isOutputFolder(path) {
                skipped.append(SkippedFile(path: shown + "/", reason: "本工具以前运行的输出文件夹，其中的文件不作为报送材料读取"))
            } else if name.hasPrefix(".") {
                skipped.append(SkippedFile(path: shown + "/", reason: "隐藏文件夹，未读取"))
            } else if depth + 1 > Self.maxDepth {
                skipped.append(SkippedFile(path: shown + "/", reason: "文件夹层级超过\(Self.maxDepth)层，未读取"))
            } else {
                try walk(path, relative: relative, depth: depth + 1, outputID: outputID, isRoot: false)
            }
            return
        case S_IFREG:
            break
        default:
            let what = kind == S_IFIFO ? "命名管道（FIFO）" : kind == S_IFSOCK ? "套接字"
                : kind == S_IFCHR || kind == S_IFBLK ? "设备文件" : "特殊文件"
            skipped.append(SkippedFile(path: shown, reason: (viaLink ? "指向\(what)的符号链接" : what) + "，不是报送文件，未打开"))
            return
        }
        let fullPath = root + "/" + shown
        if name.hasPrefix(".") || name.hasPrefix("~$") {
            skipped.append(SkippedFile(path: shown, reason: "隐藏文件或 Word 临时文件"))
            return
        }
        if toolFileNames.contains(name) {
            skipped.append(SkippedFile(path: shown, reason: "本工具写出的文件（\(name)），不作为报送材料读取"))
            return
        }
        if excluded.contains(FileID(info)) {
            skipped.append(SkippedFile(path: shown, reason: "单位名单"))
            return
        }
        let dot = name.lastIndex(of: ".")
        let ext = dot.map { name[name.index(after: $0)...].lowercased() } ?? ""
        let format: Submission.Format
        if readExtensions.contains(ext) {
            format = .read
        } else if Self.unreadFormats[ext] != nil {
            format = .notRead(ext)
        } else {
            skipped.append(SkippedFile(path: shown, reason: ext.isEmpty
                ? "没有扩展名，看不出是报送材料" : "不是报送材料的文件类型（.\(ext)）"))
            return
        }
        let modified = Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
        var submission = Submission(url: URL(fileURLWithPath: fullPath), path: shown, unitHint: nil, modified: modified,
                                    fileSystemPath: path)
        submission.size = Int(info.st_size)
        submission.format = format
        submission.nameEncoding = nameEncoding
        found.append(submission)
    }

    /// A folder this tool wrote: it holds the state store, the lock, or a run record of this tool.
    static func isOutputFolder(_ path: [UInt8]) -> Bool {
        var info = stat()
        for marker in [".consolidate", RunLock.fileName] where status(path + [0x2F] + Array(marker.utf8), &info, follow: false) == 0 {
            return true
        }
        let record = path + [0x2F] + Array("run.json".utf8)
        guard status(record, &info, follow: false) == 0, kind(info) == S_IFREG, info.st_size < 64 << 20,
              let data = SubmissionBytes.read(record, limit: 64 << 20).bytes else { return false }
        return JSONByteDecoder.decodeLeniently(RunRecord.self, from: data)?.tool == ToolInfo.name
    }

    /// A name's text: UTF-8 where it is, else GB18030 (what unzipping a Windows archive leaves),
    /// else its ASCII with every other byte as `%XX`, so two such names never read alike; the
    /// second value names a non-UTF-8 encoding.
    static func decodeName(_ bytes: [UInt8]) -> (String, String?) {
        if let text = String(validating: bytes, as: UTF8.self) { return (text, nil) }
        if let text = String(data: Data(bytes), encoding: TextDecoding.gb18030), !text.contains("\u{FFFD}") {
            return (text, "gb18030")
        }
        let escaped = bytes.map { byte in
            byte < 0x80 && byte != 0x25 ? String(UnicodeScalar(byte)) : "%" + String(byte, radix: 16, uppercase: true)
        }
        return (escaped.joined(), "unknown")
    }

    static func kind(_ info: stat) -> mode_t { info.st_mode & S_IFMT }

    static func status(_ path: [UInt8], _ info: inout stat, follow: Bool) -> Int32 {
        withCString(path) { fstatat(AT_FDCWD, $0, &info, follow ? 0 : AT_SYMLINK_NOFOLLOW) }
    }

    static func withCString<T>(_ path: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
        (path + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
        }
    }

    /// An `errno` in words a user reads.
    static func words(errno code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return "没有访问权限"
        case ENOENT: return "不存在"
        case ELOOP: return "符号链接循环"
        case EROFS: return "只读文件系统"
        case ENOSPC: return "磁盘空间不足"
        case ENAMETOOLONG: return "路径过长"
        case ENOTDIR: return "路径中有一段不是文件夹"
        default: return String(cString: strerror(code))
        }
    }
}
