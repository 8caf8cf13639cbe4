import Foundation

/// The reviewer's decisions of one output folder: `OUT/.consolidate/decisions.json`.
///
/// A readable, diffable JSON file (sorted keys, one decision per object, in the order made),
/// written atomically (a temporary file flushed to disk, then renamed), so a crash or a
/// concurrent run never reads half a file. Every run reads it and applies it after the merge.
public struct DecisionStore: Sendable {
    public let folder: URL

    /// The file's shape; `version` lets a later build read an older file.
    public struct File: Codable, Sendable, Equatable {
        public var version: Int
        public var decisions: [Decision]
        public init(version: Int = 1, decisions: [Decision] = []) {
            self.version = version
            self.decisions = decisions
        }
    }

    public enum StoreError: Error, Equatable, CustomStringConvertible {
        case unreadable(path: String, reason: String)
        case unwritable(path: String, reason: String)

        public var description: String {
            switch self {
            case let .unreadable(path, reason):
                return "\(path): error: [review] 审核决定文件无法读取（\(reason)）：请修正或移走该文件后重试，文件未被改动。"
            case let .unwritable(path, reason):
                return "\(path): error: [review] 审核决定无法保存（\(reason)）：请检查磁盘空间和写权限。"
            }
        }
    }

    public init(output: URL) {
        folder = output.appendingPathComponent(".consolidate")
    }

    public var url: URL { folder.appendingPathComponent("decisions.json") }

    /// The decisions stored; none where there is no file yet.
    public func load() throws(StoreError) -> [Decision] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        do {
            let data = try Data(contentsOf: url)
            return try JSONDecoder().decode(File.self, from: data).decisions
        } catch {
            throw .unreadable(path: url.path, reason: "\(error)")
        }
    }

    /// Replaces the stored decisions with `decisions`, atomically.
    public func save(_ decisions: [Decision]) throws(StoreError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            let data = try encoder.encode(File(decisions: decisions))
            try AtomicFile.write(data + Data("\n".utf8), to: url)
        } catch {
            throw .unwritable(path: url.path, reason: "\(error)")
        }
    }

    /// Adds `decision`: a later decision of the same kind on the same first statement replaces the
    /// earlier one (a second rewrite, a second move), except notes, which accumulate. A `reviewed`
    /// decision with `text == "undo"` takes the mark away instead.
    @discardableResult
    public func record(_ decision: Decision) throws(StoreError) -> [Decision] {
        var decisions = try load()
        let anchor = decision.statements.first?.key
        if decision.kind != .note {
            decisions.removeAll { $0.kind == decision.kind && $0.statements.first?.key == anchor && anchor != nil }
        }
        if !(decision.kind == .reviewed && decision.text == "undo") {
            decisions.append(decision)
        }
        try save(decisions)
        return decisions
    }

    /// Removes the decision with `id`; true where there was one.
    @discardableResult
    public func remove(id: String) throws(StoreError) -> Bool {
        var decisions = try load()
        let before = decisions.count
        decisions.removeAll { $0.id == id }
        guard decisions.count != before else { return false }
        try save(decisions)
        return true
    }
}

/// Writing a file so that readers see the old bytes or the new, never a part: a temporary file
/// in the same folder, flushed to disk, renamed over the target, and the folder flushed.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        try write(to: url) { sink in try data.withUnsafeBytes(sink) }
    }

    /// Writes the bytes `produce` hands its sink, piece by piece, into a new file that then replaces `url`.
    public static func write(to url: URL, _ produce: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        let draft = try Draft(replacing: url)
        do {
            try produce(draft.write)
            try draft.commit()
        } catch {
            draft.discard()
            throw error
        }
    }

    /// A new file that is to replace `url` whole: written in pieces into a temporary file beside it,
    /// where bytes already written may be overwritten in place (`patch`), until it is put in place
    /// (`commit`) or let go (`discard`, also when it is dropped uncommitted). For a file whose last
    /// word can only be said once its bulk is written, without holding the bulk meanwhile.
    public final class Draft: @unchecked Sendable {
        public let url: URL
        private let temporary: URL
        private var descriptor: Int32
        /// Past the page cache in whole blocks: a change basis is hundreds of megabytes.
        private var writer: DirectWriter?

        public init(replacing url: URL) throws {
            self.url = url
            let folder = url.deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            temporary = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
            descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            guard descriptor >= 0 else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary.path])
            }
            writer = DirectWriter(descriptor: descriptor)
        }

        deinit { discard() }

        /// Appends `bytes`; not once the draft has been patched.
        public func write(_ bytes: UnsafeRawBufferPointer) throws {
            guard descriptor >= 0, let writer else { throw POSIXError(.EBADF) }
            try writer.write(bytes)
        }

        /// Overwrites the bytes at `offset` with `bytes`; they must have been written already, so that
        /// the file's length stays what it was. Nothing is appended after.
        public func patch(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws {
            guard descriptor >= 0 else { throw POSIXError(.EBADF) }
            try written()
            try DirectWriter.writeAll(bytes, to: descriptor, at: offset)
        }

        /// Every byte appended so far in the file.
        private func written() throws {
            try writer?.finish()
            writer = nil
        }

        /// Flushes the file to disk and renames it over `url`, then flushes the folder.
        public func commit() throws {
            guard descriptor >= 0 else { throw POSIXError(.EBADF) }
            do {
                try written()
            } catch {
                discard()
                throw error
            }
            let flushed = fsync(descriptor) == 0 ? 0 : errno
            close(descriptor)
            descriptor = -1
            guard flushed == 0 else {
                unlink(temporary.path)
                throw POSIXError(POSIXErrorCode(rawValue: flushed) ?? .EIO)
            }
            if rename(temporary.path, url.path) != 0 {
                let reason = String(cString: strerror(errno))
                unlink(temporary.path)
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path, NSLocalizedDescriptionKey: reason])
            }
            let folder = open(url.deletingLastPathComponent().path, O_RDONLY)
            if folder >= 0 {
                fsync(folder)
                close(folder)
            }
        }

        /// Removes the temporary file, leaving `url` as it was; nothing where it was committed.
        public func discard() {
            guard descriptor >= 0 else { return }
            writer = nil
            close(descriptor)
            descriptor = -1
            unlink(temporary.path)
        }
    }
}
