import Dispatch
import Foundation

/// The time of the per-file stages, which run together file by file: each stage's share of the
/// pass's wall time is its share of the time files spent in it.
///
/// A file goes through ingest, normalize and extract in turn on one thread, so no stage has a wall
/// time of its own; summing each stage's time over files and dividing the pass's wall time in those
/// proportions gives figures that add up to the pass and rank the stages as a profile would.
final class StageClock: @unchecked Sendable {
    /// One file's time in each per-file stage, in nanoseconds.
    struct FileTimes {
        var nanoseconds: [UInt64] = [0, 0, 0]

        /// Runs `work` and adds its wall time to `stage`.
        mutating func measure<T>(_ stage: StageName, _ work: () throws -> T) rethrows -> T {
            let start = DispatchTime.now().uptimeNanoseconds
            defer { nanoseconds[StageClock.slot(stage)] &+= DispatchTime.now().uptimeNanoseconds &- start }
            return try work()
        }
    }

    static let stages: [StageName] = [.ingest, .normalize, .extract]
    private let lock = NSLock()
    private var sums: [UInt64] = [0, 0, 0]
    private var wallNanoseconds: UInt64 = 0

    static func slot(_ stage: StageName) -> Int {
        switch stage {
        case .ingest: return 0
        case .normalize: return 1
        default: return 2
        }
    }

    /// Runs the whole pass, timing its wall clock.
    func pass<T>(_ work: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { wallNanoseconds = DispatchTime.now().uptimeNanoseconds &- start }
        return try work()
    }

    /// Adds one file's times; called from any thread.
    func add(_ times: FileTimes) {
        lock.withLock { for index in sums.indices { sums[index] &+= times.nanoseconds[index] } }
    }

    /// Each per-file stage's share of the pass, in milliseconds, in stage order; they add up to the
    /// pass's wall time (to the millisecond).
    func shares() -> [(stage: StageName, milliseconds: Int)] {
        let total = lock.withLock { sums.reduce(0, &+) }
        let wall = Double(wallNanoseconds) / 1_000_000
        var given = 0
        return Self.stages.enumerated().map { index, stage in
            let milliseconds: Int
            if index == Self.stages.count - 1 {
                milliseconds = max(0, Int(wall.rounded()) - given)
            } else {
                let part = lock.withLock { sums[index] }
                milliseconds = total == 0 ? 0 : Int((wall * Double(part) / Double(total)).rounded())
            }
            given += milliseconds
            return (stage, milliseconds)
        }
    }
}
