import Foundation

/// One run at a time per output folder: a lock file naming its holder, locked with flock(2).
///
/// The kernel holds the lock, not the file's existence: `flock` on the open lock file is
/// exclusive among all processes, and the kernel drops it when the holder exits, however it
/// exits (`kill -9`, a power cut ends everything anyway). So two runs can never both hold
/// it, and a lock left by a killed run is free at once, with no reading of pids or ages —
/// an earlier design that removed a stale file and created a new one let two waiters both
/// "take over" the same stale lock. The file still names its holder (JSON) for messages,
/// and it is removed when released; a file found with a holder in it when the lock is
/// taken was left by a run that was killed (`replaced`).
///
/// Removing the file on release has one subtlety, handled in `acquire`: a waiter that
/// opened the file before it was removed would lock a file no longer in the folder, so
/// after locking, the descriptor is checked to still be the file at the path; if not, it
/// starts over.
public final class RunLock: @unchecked Sendable {
    /// Who holds a lock: written into the lock file as JSON.
    public struct Holder: Codable, Sendable, Equatable {
        public var pid: Int32
        public var started: Date
        public var host: String
    }

    public let url: URL
    /// The open lock file while the lock is held; -1 once released.
    private var descriptor: Int32 = -1
    private let mutex = NSLock()
    /// The holder of a stale lock this one replaced: a run that was killed or lost power.
    public private(set) var replaced: Holder?

    private init(url: URL) { self.url = url }

    /// The lock file's name inside the output folder.
    public static let fileName = ".consolidate.lock"

    /// Takes the lock of `folder`, waiting up to `timeout` seconds for a live holder.
    /// Throws `RunLockError.held` naming the holder when the time is up.
    public static func acquire(in folder: URL, timeout: TimeInterval,
                               now: () -> Date = Date.init) throws -> RunLock {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let lock = RunLock(url: folder.appendingPathComponent(fileName))
        let deadline = now().addingTimeInterval(timeout)
        let me = Holder(pid: getpid(), started: now(), host: ProcessInfo.processInfo.hostName)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let record = try encoder.encode(me)
        let path = lock.url.path
        while true {
            // CLOEXEC: a child process must not inherit, and so keep, the lock.
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw RunLockError.unwritable(path: path, reason: String(cString: strerror(errno)))
            }
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
                guard Self.isCurrentFile(descriptor, at: path) else {
                    // Locked a file its holder removed on release: not the lock any more.
                    close(descriptor)
                    continue
                }
                // Anything in a file nobody holds was written by a run that never released it.
                if let previous = Self.holder(in: descriptor) { lock.replaced = previous }
                guard ftruncate(descriptor, 0) == 0,
                      record.withUnsafeBytes({ pwrite(descriptor, $0.baseAddress, $0.count, 0) }) == record.count else {
                    let reason = String(cString: strerror(errno))
                    close(descriptor)
                    throw RunLockError.unwritable(path: path, reason: reason)
                }
                lock.descriptor = descriptor
                return lock
            }
            let failure = errno
            close(descriptor)
            guard failure == EWOULDBLOCK || failure == EINTR else {
                throw RunLockError.unwritable(path: path, reason: String(cString: strerror(failure)))
            }
            if now() >= deadline {
                throw RunLockError.held(path: path, holder: lock.holder())
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    /// Whether `descriptor` is still the file at `path` (same device and inode).
    private static func isCurrentFile(_ descriptor: Int32, at path: String) -> Bool {
        var open = stat(), named = stat()
        guard fstat(descriptor, &open) == 0, stat(path, &named) == 0 else { return false }
        return open.st_dev == named.st_dev && open.st_ino == named.st_ino
    }

    /// The holder recorded in an open lock file, if there is one that can be read.
    private static func holder(in descriptor: Int32) -> Holder? {
        var bytes = [UInt8](repeating: 0, count: 4096)
        let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return decode(Data(bytes[0..<count]))
    }

    private static func decode(_ data: Data) -> Holder? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(Holder.self, from: data)
    }

    /// The holder recorded in the lock file, if it can be read.
    public func holder() -> Holder? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return Self.decode(data)
    }

    /// Gives the lock up; also done when the lock is released from memory.
    ///
    /// The file is removed while still locked, then closed, which unlocks it: a waiter that
    /// had it open finds it gone from the folder and starts over on a new file.
    public func release() {
        mutex.lock()
        defer { mutex.unlock() }
        guard descriptor >= 0 else { return }
        if Self.isCurrentFile(descriptor, at: url.path) { unlink(url.path) }
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}

/// Why a run could not take its output folder's lock.
public enum RunLockError: Error, Equatable, CustomStringConvertible {
    case held(path: String, holder: RunLock.Holder?)
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case let .held(path, holder):
            guard let holder else { return "another run holds \(path); wait for it to finish" }
            let formatter = ISO8601DateFormatter()
            return "another run holds \(path): pid \(holder.pid) on \(holder.host), started \(formatter.string(from: holder.started)); wait for it to finish"
        case let .unwritable(path, reason):
            return "cannot create the lock \(path): \(reason)"
        }
    }
}
