import Dispatch
import Foundation

/// Hands what is written to another sink on a thread of its own, a few pieces behind the caller.
///
/// A large output (summary.json of a province is gigabytes) is made on every core a window at a
/// time and written in between; once the system's dirty pages fill, each write waits for the
/// disk, and the cores wait with it. Written through this sink, the next window is made while the
/// last one is still going out. At most `pieces` pieces are held in flight, so memory stays bounded
/// whatever the disk's speed; the bytes reach the target in the order they were written.
///
/// A failure of the target is thrown by the next `write`, by `restart` or by `finish`; nothing
/// after it is written. `finish` must be called before the output is taken as written.
final class BackgroundSink: ByteSink, @unchecked Sendable {
    private let target: any ByteSink
    private let queue = DispatchQueue(label: "consolidate.background-sink")
    private let room: DispatchSemaphore
    private let lock = NSLock()
    private var failure: (any Error)?

    init(_ target: any ByteSink, pieces: Int = 8) {
        self.target = target
        room = DispatchSemaphore(value: max(1, pieces))
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard !bytes.isEmpty else { return }
        guard bytes.count <= Self.largestCopied else {
            // (A buffer of tens of megabytes, run.json's, is not copied: written from where it
            // lies once the pieces before it are out.)
            try finish()
            try target.write(bytes)
            return
        }
        try write([UInt8](bytes))
    }

    /// The most bytes a `write` of bytes the caller keeps copies to write later.
    static let largestCopied = 1 << 20

    /// Writes bytes the caller lets go of, without copying them.
    func write(_ bytes: [UInt8]) throws {
        try check()
        guard !bytes.isEmpty else { return }
        room.wait()
        queue.async { [self] in
            defer { room.signal() }
            guard failed == nil else { return }
            do {
                try bytes.withUnsafeBytes { try target.write($0) }
            } catch {
                lock.withLock { failure = error }
            }
        }
    }

    func restart() throws {
        try finish()
        try target.restart()
    }

    /// Waits until every piece written so far has reached the target; throws the target's failure.
    func finish() throws {
        queue.sync {}
        try check()
    }

    private var failed: (any Error)? { lock.withLock { failure } }

    private func check() throws {
        if let failed { throw failed }
    }
}
