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
    /// Checks since the clock was last looked at: it is looked at every `stride` checks.
    private var checks = 0
    private static let stride = 16
    /// The stage's CPU time when the thread's clock was last read, and the coarse clock then.
    private var usedAtReading: UInt64 = 0
    private var coarseAtReading: UInt64 = 0
    /// How often the loops' checks read the thread's clock (for the tests).
    private(set) var checkReadings = 0
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
        usedAtReading = 0
        coarseAtReading = Self.coarseTime
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
        // A thread's CPU time grows no faster than the clock on the wall. While the time used at
        // the last reading, plus the wall time since (and the coarse clock's step), is within the
        // allowance, the allowance cannot have run out: the thread's clock, a system call each
        // time, is read only near the limit or after a wait. The coarse clock is read in user space.
        // A clock that could not be read (0) or seems to have gone back proves nothing: read the thread's.
        let coarse = Self.coarseTime
        if coarse != 0, coarse >= coarseAtReading,
           usedAtReading &+ (coarse - coarseAtReading) &+ Self.coarseStep < stageAllowance { return false }
        let used = Self.threadTime &- stageStart
        checkReadings += 1
        (usedAtReading, coarseAtReading) = (used, coarse)
        if used >= stageAllowance { expired = true }
        return expired
    }

    #if os(Linux)
    private static let coarseClock = CLOCK_MONOTONIC_COARSE
    #else
    private static let coarseClock = CLOCK_MONOTONIC
    #endif

    /// The coarse monotonic clock in nanoseconds (a few milliseconds a step; no system call on Linux).
    static var coarseTime: UInt64 {
        var time = timespec()
        guard clock_gettime(coarseClock, &time) == 0 else { return 0 }
        return UInt64(max(0, time.tv_sec)) &* 1_000_000_000 &+ UInt64(max(0, time.tv_nsec))
    }

    /// How far the coarse clock may lag behind: its step, and at least a millisecond. Where it
    /// cannot be read (`coarseTime` 0), the allowance is never taken as safe without a reading.
    static let coarseStep: UInt64 = {
        var resolution = timespec()
        var probe = timespec()
        guard clock_getres(coarseClock, &resolution) == 0, clock_gettime(coarseClock, &probe) == 0 else { return .max / 2 }
        let step = UInt64(max(0, resolution.tv_sec)) &* 1_000_000_000 &+ UInt64(max(0, resolution.tv_nsec))
        return min(max(step, 1_000_000), 1_000_000_000)
    }()

    /// This thread's CPU time in nanoseconds.
    static var threadTime: UInt64 {
        var time = timespec()
        guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time) == 0 else { return 0 }
        return UInt64(max(0, time.tv_sec)) &* 1_000_000_000 &+ UInt64(max(0, time.tv_nsec))
    }
}
