#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The processor time one submission may take in the per-file stages, checked by their loops.
///
/// A thread cannot be stopped from outside in-process, so the limit is cooperative: the
/// loops of ingest, normalize and extract ask `FileDeadline.passed` and stop early, and the
/// runner then quarantines the file with the limit named instead of keeping a partial reading.
/// A stage that overruns without reaching a check is caught when it returns (`expired`).
///
/// The time is the working thread's CPU time, not the clock's: on a machine busy with other
/// work a file is not blamed for waiting its turn, and an outside converter's time (another
/// process, with a limit of its own) is not charged. The deadline travels as a task-local
/// value, which also works on plain threads, so that no reader's signature carries it. Each
/// file has its own; one thread at a time works on it (the stages run one after the other, a
/// stage's work on a file on one thread), so it needs no lock.
public final class FileDeadline: @unchecked Sendable {
    /// The file's time over all per-file stages, in seconds.
    public let limitSeconds: Double
    private let limitNanoseconds: UInt64
    /// Time spent in stages that have returned.
    private var spent: UInt64 = 0
    /// The running stage's thread CPU time when it began, and what it may spend.
    private var stageStart: UInt64 = 0
    private var stageAllowance: UInt64 = .max
    /// Checks since the clock was last read: it is read every `stride` checks.
    private var checks = 0
    private static let stride = 16
    /// Set once the limit has been passed; never cleared.
    public private(set) var expired = false

    @TaskLocal static var current: FileDeadline?

    /// A limit of zero or less (or not a number) means no limit.
    public init(seconds: Double) {
        limitSeconds = seconds
        if seconds > 0, seconds.isFinite, seconds < 1e9 {
            limitNanoseconds = UInt64(seconds * 1e9)
        } else {
            limitNanoseconds = .max
        }
    }

    /// Runs one stage's work on this file, on this thread, with what is left of its time;
    /// `work` sees the deadline through `FileDeadline.passed`.
    public func run<T>(_ work: () throws -> T) rethrows -> T {
        stageStart = Self.threadTime
        stageAllowance = limitNanoseconds == .max ? .max : (limitNanoseconds >= spent ? limitNanoseconds - spent : 0)
        checks = 0
        defer {
            let used = Self.threadTime &- stageStart
            let (sum, overflow) = spent.addingReportingOverflow(used)
            spent = overflow ? .max : sum
            if spent >= limitNanoseconds { expired = true }
            stageAllowance = .max
        }
        return try Self.$current.withValue(self) { try work() }
    }

    /// True once the current file's time is up; loops stop and leave the file to be quarantined.
    /// Outside a deadline (a test calling a stage directly) it is always false.
    static var passed: Bool {
        guard let deadline = current else { return false }
        return deadline.check()
    }

    private func check() -> Bool {
        if expired { return true }
        guard stageAllowance != .max else { return false }
        checks += 1
        guard checks >= Self.stride else { return false }
        checks = 0
        if Self.threadTime &- stageStart >= stageAllowance { expired = true }
        return expired
    }

    /// This thread's CPU time in nanoseconds.
    static var threadTime: UInt64 {
        var time = timespec()
        guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time) == 0 else { return 0 }
        return UInt64(max(0, time.tv_sec)) &* 1_000_000_000 &+ UInt64(max(0, time.tv_nsec))
    }
}
