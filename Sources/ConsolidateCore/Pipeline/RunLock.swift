import Foundation

/// One run at a time per output folder: a lock file naming its holder.
///
/// The file is created with `O_EXCL`, so two runs cannot both take it. A lock
/// whose process no longer exists (a run that was killed) is stale and is
/// taken over; a live holder is waited for up to a limit.
public final class RunLock: @unchecked Sendable {
    /// Who holds a lock: written into the lock file as JSON.
    public struct Holder: Codable, Sendable, Equatable {
        public var pid: Int32
        public var started: Date
        public var host: String
    }

    public let url: URL
    private var held = false
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
        while true {
            let descriptor = open(lock.url.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            if descriptor >= 0 {
                _ = record.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
                close(descriptor)
                lock.held = true
                return lock
            }
            guard errno == EEXIST else {
                throw RunLockError.unwritable(path: lock.url.path, reason: String(cString: strerror(errno)))
            }
            let holder = lock.holder()
            if let holder, holder.host == me.host, !Self.isAlive(holder.pid) {
                // Left by a run that was killed: stale, taken over.
                try? FileManager.default.removeItem(at: lock.url)
                lock.replaced = holder
                continue
            }
            if holder == nil, let age = lock.age(), age > 5 {
                // A lock file nobody finished writing for seconds: a run killed while taking it.
                try? FileManager.default.removeItem(at: lock.url)
                continue
            }
            if now() >= deadline {
                throw RunLockError.held(path: lock.url.path, holder: holder)
            }
            Thread.sleep(forTimeInterval: 0.5)
        }
    }

    /// The holder recorded in the lock file, if it can be read.
    public func holder() -> Holder? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(Holder.self, from: data)
    }

    private func age() -> TimeInterval? {
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        return (attributes?[.modificationDate] as? Date).map { Date().timeIntervalSince($0) }
    }

    /// Gives the lock up; also done when the lock is released from memory.
    public func release() {
        guard held else { return }
        held = false
        try? FileManager.default.removeItem(at: url)
    }

    deinit { release() }

    static func isAlive(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
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
