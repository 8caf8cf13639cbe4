import Foundation

/// Writes a run's outputs whole or not at all.
///
/// Every file is first written and flushed to disk in a staging folder beside
/// the output folder (`.OUT.partial-PID`). Only when all are complete does a
/// commit list (`.commit`, itself written under another name and renamed) mark
/// the set as whole; then each file is moved into place by a rename.
///
/// A run killed before the commit list exists leaves the previous outputs
/// byte for byte; its staging folder is removed by the next run. A run killed
/// while moving files (a window of a few renames) leaves a commit list, and the
/// next run finishes moving that complete set before it does anything else, so
/// the folder never stays a mix of two runs. `recover` must be called with the
/// output folder's lock held.
/// One output of a run: its bytes, or how to write them as they are made.
public struct OutputFile {
    public enum Content {
        case data(Data)
        /// Bytes written into the staging file piece by piece (summary.json, never whole in
        /// memory), or worked out only when the file is staged (run.json, which times the others).
        case stream((any ByteSink) throws -> Void)
    }

    public var name: String
    public var content: Content

    public init(name: String, data: Data) {
        self.name = name
        content = .data(data)
    }

    public init(name: String, stream: @escaping (any ByteSink) throws -> Void) {
        self.name = name
        content = .stream(stream)
    }

    /// The bytes where they are in memory already; nil for a streamed file.
    public var data: Data? {
        if case let .data(data) = content { return data }
        return nil
    }
}

public enum OutputWriter {
    /// The name of the list that marks a staging folder as complete.
    static let commitList = ".commit"

    public static func write(_ files: [(name: String, data: Data)], to folder: URL) throws {
        try write(files.map { OutputFile(name: $0.name, data: $0.data) }, to: folder)
    }

    /// Writes the files in their order; a streamed file is written into its staging file as it is
    /// made, and a failure while it is (an error of its own, a full disk) leaves the previous
    /// outputs as they were, like any other failure before the commit list.
    public static func write(_ files: [OutputFile], to folder: URL) throws {
        let manager = FileManager.default
        try prepare(folder)
        let staging = stagingFolder(for: folder, pid: ProcessInfo.processInfo.processIdentifier)
        try? manager.removeItem(at: staging)
        do {
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
            for file in files {
                let url = staging.appendingPathComponent(file.name)
                switch file.content {
                case let .data(data): try writeDurably(data, to: url)
                case let .stream(produce): try writeDurably(name: file.name, to: url, produce)
                }
                FaultInjection.reach("staged:\(file.name)")
            }
            let list = Data((files.map(\.name).joined(separator: "\n") + "\n").utf8)
            let pending = staging.appendingPathComponent(commitList + ".tmp")
            try writeDurably(list, to: pending)
            try move(pending, to: staging.appendingPathComponent(commitList))
            synchronizeFolder(staging)
            FaultInjection.reach("committed")
        } catch {
            try? manager.removeItem(at: staging)
            if let error = error as? StageError { throw error }
            // A value that cannot be encoded says so as it would have in memory.
            if error is EncodingError { throw error }
            throw StageError(stage: .render, file: staging.path, message: "写入输出失败（\(Self.words(error))）：请检查磁盘空间和写权限后重新运行，原有输出未受影响。")
        }
        do {
            try finish(staging, into: folder)
        } catch {
            // The set is whole in the staging folder; the next run finishes moving it.
            throw StageError(stage: .render, file: folder.path,
                             message: "输出已完整生成，但移入输出文件夹时出错（\(Self.words(error))）；下次运行会先补完。")
        }
    }

    /// Makes sure a run can write into `folder` before any stage runs: the folder is created
    /// where missing, and the folder and its parent (where the staging folder goes) are
    /// probed by writing. Throws a `RunError` naming the path and what to do; nothing of a
    /// probe is left behind.
    public static func prepare(_ folder: URL) throws {
        let path = folder.standardizedFileURL.path
        var info = stat()
        if InputScan.status(Array(path.utf8), &info, follow: true) == 0 {
            guard InputScan.kind(info) == S_IFDIR else { throw RunError.outputNotFolder(path: path) }
        } else {
            // Each missing folder from the first that exists down, so a failure names where it failed.
            var missing: [String] = []
            var ancestor = URL(fileURLWithPath: path)
            while ancestor.path != "/", InputScan.status(Array(ancestor.path.utf8), &info, follow: true) != 0 {
                missing.insert(ancestor.path, at: 0)
                ancestor = ancestor.deletingLastPathComponent()
            }
            guard InputScan.kind(info) == S_IFDIR else { throw RunError.outputNotFolder(path: ancestor.path) }
            for folder in missing where mkdir(folder, 0o755) != 0 && errno != EEXIST {
                throw RunError.parentUnwritable(path: path, parent: URL(fileURLWithPath: folder).deletingLastPathComponent().path,
                                                reason: InputScan.words(errno: errno))
            }
        }
        let probe = "\(path)/.consolidate-probe-\(getpid())"
        let descriptor = open(probe, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw RunError.outputUnwritable(path: path, reason: InputScan.words(errno: errno)) }
        close(descriptor)
        unlink(probe)
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let stagingProbe = "\(parent)/\(stagingPrefix(for: URL(fileURLWithPath: path)))probe-\(getpid())"
        guard mkdir(stagingProbe, 0o755) == 0 else {
            throw RunError.parentUnwritable(path: path, parent: parent, reason: InputScan.words(errno: errno))
        }
        rmdir(stagingProbe)
    }

    /// An error of writing in words a user reads: the system's reason, never Foundation's domain and code.
    static func words(_ error: Error) -> String {
        if let error = error as? CocoaError, let underlying = error.userInfo[NSUnderlyingErrorKey] as? POSIXError {
            return InputScan.words(errno: underlying.code.rawValue)
        }
        if let error = error as? POSIXError { return InputScan.words(errno: error.code.rawValue) }
        if let error = error as? CocoaError, let reason = error.userInfo[NSLocalizedDescriptionKey] as? String { return reason }
        return "写入失败"
    }

    /// Deals with the staging folders runs into `folder` left behind: a complete set
    /// is moved into place, an incomplete one removed. Returns a line per folder found,
    /// in Chinese, for the run's warnings.
    public static func recover(_ folder: URL) -> [String] {
        let manager = FileManager.default
        var notes: [String] = []
        for staging in stagingFolders(of: folder) {
            if isComplete(staging) {
                do {
                    let moved = try finish(staging, into: folder)
                    notes.append("上次运行在替换输出文件时中断，已把它完整生成的\(moved)个文件补充移入。")
                } catch {
                    notes.append("上次运行留下的完整输出（\(staging.path)）无法移入：\(Self.words(error))")
                }
            } else {
                try? manager.removeItem(at: staging)
                notes.append("上次运行在写输出时中断，原有输出未受影响，残留的临时文件已删除。")
            }
        }
        return notes
    }

    /// Complete sets that an interrupted run left unmoved: until the next run finishes moving
    /// them, the output folder holds files of two runs. Read-only; safe without the lock.
    public static func unfinished(_ folder: URL) -> [URL] {
        stagingFolders(of: folder).filter(isComplete)
    }

    /// The staging folders runs into `folder` left beside it, by name.
    private static func stagingFolders(of folder: URL) -> [URL] {
        let parent = folder.deletingLastPathComponent()
        let prefix = stagingPrefix(for: folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        return names.sorted().filter { $0.hasPrefix(prefix) }.map { parent.appendingPathComponent($0) }
    }

    /// A staging folder whose commit list exists holds a whole set of outputs.
    private static func isComplete(_ staging: URL) -> Bool {
        FileManager.default.fileExists(atPath: staging.appendingPathComponent(commitList).path)
    }

    /// Moves the files of a complete staging folder into place; returns how many were still to move.
    @discardableResult
    static func finish(_ staging: URL, into folder: URL) throws -> Int {
        let manager = FileManager.default
        let list = try String(contentsOf: staging.appendingPathComponent(commitList), encoding: .utf8)
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        var moved = 0
        for name in list.split(separator: "\n").map(String.init) {
            let source = staging.appendingPathComponent(name)
            // Already moved by the run that was interrupted.
            guard manager.fileExists(atPath: source.path) else { continue }
            try move(source, to: folder.appendingPathComponent(name))
            moved += 1
            FaultInjection.reach("moved:\(name)")
        }
        synchronizeFolder(folder)
        try manager.removeItem(at: staging)
        return moved
    }

    static func stagingPrefix(for folder: URL) -> String {
        ".\(folder.lastPathComponent).partial-"
    }

    static func stagingFolder(for folder: URL, pid: Int32) -> URL {
        folder.deletingLastPathComponent().appendingPathComponent(stagingPrefix(for: folder) + String(pid))
    }

    /// Writes and flushes to disk, so a power cut cannot leave a renamed but empty file.
    private static func writeDurably(_ data: Data, to url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path])
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        let writer = DirectWriter(descriptor: handle.fileDescriptor)
        try data.withUnsafeBytes { try writer.write($0) }
        try writer.finish()
        try handle.synchronize()
    }

    /// Writes a streamed file as it is made, then flushes it to disk like `writeDurably(_:to:)`.
    private static func writeDurably(name: String, to url: URL, _ produce: (any ByteSink) throws -> Void) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path])
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        // Made on the cores while what is made is written: a slow disk no longer holds them up.
        let file = FileSink(descriptor: handle.fileDescriptor, name: name)
        let sink = BackgroundSink(file)
        do {
            try produce(sink)
            try sink.finish()
            try file.finish()
        } catch {
            // Nothing is left writing to the file once the error is passed on.
            try? sink.finish()
            throw error
        }
        try handle.synchronize()
    }

    /// A staging file written piece by piece through its descriptor, past the page cache in whole
    /// blocks (`DirectWriter`); `finish` writes the rest.
    final class FileSink: ByteSink {
        let name: String
        private let writer: DirectWriter
        private var started = false

        init(descriptor: Int32, name: String) {
            writer = DirectWriter(descriptor: descriptor)
            self.name = name
        }

        func write(_ bytes: UnsafeRawBufferPointer) throws {
            guard !bytes.isEmpty else { return }
            try writer.write(bytes)
            if !started {
                started = true
                // Part of the file is out, the rest still to come.
                FaultInjection.reach("streaming:\(name)")
            }
        }

        func restart() throws {
            try writer.restart()
        }

        /// Every byte written into the file.
        func finish() throws {
            try writer.finish()
        }
    }

    private static func move(_ source: URL, to target: URL) throws {
        if rename(source.path, target.path) != 0 {
            throw CocoaError(.fileWriteUnknown, userInfo: [
                NSFilePathErrorKey: target.path, NSLocalizedDescriptionKey: String(cString: strerror(errno)),
            ])
        }
    }

    private static func synchronizeFolder(_ folder: URL) {
        let descriptor = open(folder.path, O_RDONLY)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
