import Dispatch
import Foundation

/// Runs a pure per-file function over many inputs on every core, keeping the input order.
enum ParallelMap {
    /// `done` is called once per input as soon as its output is ready, from the thread that made it.
    static func map<Input: Sendable, Output: Sendable>(
        _ inputs: [Input], done: @Sendable () -> Void = {}, _ transform: @Sendable (Input) -> Output
    ) -> [Output] {
        guard inputs.count > 1 else {
            return inputs.map { input in
                defer { done() }
                return transform(input)
            }
        }
        let slots = Slots<Output>(count: inputs.count)
        inputs.withUnsafeBufferPointer { buffer in
            let shared = UnsafeSendable(buffer)
            DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
                slots.set(index, transform(shared.value[index]))
                done()
            }
        }
        return slots.values()
    }

    /// `background` on a thread of its own while the calling thread runs `foreground`; returns
    /// `background`'s result once both are done. `background` is not an iteration of a concurrent
    /// loop, so a `map` inside it has every core (libdispatch runs a loop nested in
    /// another of full width one iteration at a time): serial work on the calling thread overlaps
    /// parallel work instead of leaving a core idle.
    static func beside<Output: Sendable>(_ background: @Sendable () -> Output, while foreground: () -> Void) -> Output {
        withoutActuallyEscaping(background) { background in
            let started = started(background)
            foreground()
            return started.wait()
        }
    }

    /// `background` begun on a thread of its own, as `beside` runs it, for a caller whose work in the
    /// meantime is not one closure (it may throw, or return early): its result when `wait` is called.
    /// Whoever starts it waits for it, on every path.
    static func started<Output: Sendable>(_ background: @escaping @Sendable () -> Output) -> Started<Output> {
        let started = Started<Output>()
        let job = BackgroundJob { [started] in started.result.set(0, background()) }
        started.job = job
        let thread = Thread { job.run() }
        // As much room as the calling thread has by default, whatever the system's default.
        thread.stackSize = 8 << 20
        thread.start()
        return started
    }

    /// Work begun by `started`.
    final class Started<Output: Sendable>: @unchecked Sendable {
        fileprivate let result = Slots<Output>(count: 1)
        fileprivate var job: BackgroundJob?
        private var value: Output?

        fileprivate init() {}

        /// Work with nothing left to do: its result is `value`, and no thread is started.
        static func finished(_ value: Output) -> Started<Output> {
            let started = Started<Output>()
            started.value = value
            return started
        }

        /// The work's result, once it is done; the same result again on later calls. From the thread
        /// that started it.
        func wait() -> Output {
            if let job {
                job.wait()
                self.job = nil
                value = result.values()[0]
            }
            return value!
        }
    }

    /// `transform` over the indices `0..<count`, a slice of them per task (`ranges`), one output per
    /// index, in index order: for per-item work too small to be a task of its own, and for work that
    /// keeps scratch room per slice. Each slice's outputs go straight into their place in the result,
    /// so the outputs are never held twice.
    static func slices<Output: Sendable>(
        _ count: Int, minimumSlice: Int = 256, _ transform: @Sendable (Range<Int>) -> [Output]
    ) -> [Output] {
        slices(count, in: ranges(count, minimumSlice: minimumSlice), transform)
    }

    /// `slices` over `ranges`, which cut `0..<count` into consecutive slices in order.
    static func slices<Output: Sendable>(
        _ count: Int, in ranges: [Range<Int>], _ transform: @Sendable (Range<Int>) -> [Output]
    ) -> [Output] {
        guard ranges.count > 1 else { return ranges.first.map(transform) ?? [] }
        return [Output](unsafeUninitializedCapacity: count) { buffer, initialized in
            let target = UnsafeSendable(buffer)
            ranges.withUnsafeBufferPointer { ranges in
                let ranges = UnsafeSendable(ranges)
                DispatchQueue.concurrentPerform(iterations: ranges.value.count) { index in
                    let range = ranges.value[index]
                    let part = transform(range)
                    precondition(part.count == range.count, "one output per index")
                    part.withUnsafeBufferPointer { part in
                        (target.value.baseAddress! + range.lowerBound).initialize(from: part.baseAddress!, count: part.count)
                    }
                }
            }
            initialized = count
        }
    }

    /// `update` applied to every element of `values` where it stands, on every core: for elements
    /// whose updates are independent of each other and large enough to be a task each, changed in
    /// place rather than copied beside the old ones.
    static func updateEach<Value>(_ values: inout [Value], _ update: @Sendable (inout Value) -> Void) {
        values.withUnsafeMutableBufferPointer { buffer in
            let shared = UnsafeSendable(buffer)
            DispatchQueue.concurrentPerform(iterations: buffer.count) { index in update(&shared.value[index]) }
        }
    }

    /// `0..<count` cut into a few slices per core, none smaller than `minimumSlice`.
    static func ranges(_ count: Int, minimumSlice: Int = 256) -> [Range<Int>] {
        let tasks = 4 * max(1, ProcessInfo.processInfo.activeProcessorCount)
        let size = max(1, minimumSlice, (count + tasks - 1) / tasks)
        return stride(from: 0, to: count, by: size).map { $0..<min(count, $0 + size) }
    }

    /// `0..<count` cut into consecutive slices of about equal total `weight` (what an item costs: a
    /// group's members, say), at least `minimumWeight` each but the last: where a few items cost
    /// most of the work, slices of equal counts leave it on one core (a province's largest practice
    /// has tens of thousands of members, most groups one or two).
    static func ranges(_ count: Int, minimumWeight: Int, weight: (Int) -> Int) -> [Range<Int>] {
        var weights = [Int](repeating: 0, count: count)
        var total = 0
        for index in 0..<count {
            weights[index] = max(1, weight(index))
            total += weights[index]
        }
        let tasks = 4 * max(1, ProcessInfo.processInfo.activeProcessorCount)
        let target = max(1, minimumWeight, (total + tasks - 1) / tasks)
        var ranges: [Range<Int>] = []
        var (start, sum) = (0, 0)
        for index in 0..<count {
            sum += weights[index]
            if sum >= target {
                ranges.append(start..<(index + 1))
                (start, sum) = (index + 1, 0)
            }
        }
        if start < count { ranges.append(start..<count) }
        return ranges
    }
}

/// Result slots written by distinct iterations: each index is written once, by one thread.
///
/// A fixed buffer, written through its pointer: an `Array` property mutated from several
/// threads at once may see itself shared and copy its storage, losing other threads' writes.
private final class Slots<Value>: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<Value?>
    private let count: Int

    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil, count: count)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    func set(_ index: Int, _ value: Value) { storage[index] = value }

    func values() -> [Value] { (0..<count).map { storage[$0]! } }
}

private struct UnsafeSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Work handed to a thread, let go as soon as it has run (the thread object may outlive it), with a
/// signal when it is done.
private final class BackgroundJob: @unchecked Sendable {
    private var work: (@Sendable () -> Void)?
    private let finished = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () -> Void) { self.work = work }

    /// On the background thread, once.
    func run() {
        work?()
        work = nil
        finished.signal()
    }

    /// On the calling thread: returns once `run` is done, its work let go.
    func wait() { finished.wait() }
}
