import Foundation
import Testing
@testable import ConsolidateCore

/// The merge's per-item work spread over the cores gives what one loop over the items gives.
struct ParallelMapTests {
    @Test func slicesGiveTheLoopsOutputsInIndexOrder() {
        for count in [0, 1, 2, 255, 256, 257, 1000, 4097, 10_007] {
            for minimum in [1, 7, 256, 4096] {
                let made = ParallelMap.slices(count, minimumSlice: minimum) { slice in slice.map { $0 * 3 + 1 } }
                #expect(made == (0..<count).map { $0 * 3 + 1 }, "\(count) items, slices of at least \(minimum)")
            }
        }
    }

    @Test func slicesVisitEachIndexOnceAndKeepEachSlicesOwnRoom() {
        // Each slice counts in room of its own, as the grouper's centres do: a slice's first index starts it at zero.
        let made = ParallelMap.slices(5000, minimumSlice: 300) { slice -> [(index: Int, step: Int)] in
            var step = 0
            return slice.map { index in
                defer { step += 1 }
                return (index, step)
            }
        }
        #expect(made.map(\.index) == Array(0..<5000))
        let starts = made.filter { $0.step == 0 }.map(\.index)
        #expect(starts.first == 0 && starts.count > 1, "more than one slice, the first at 0")
        #expect(zip(starts, starts.dropFirst()).allSatisfy { $1 - $0 >= 300 }, "no slice smaller than asked")
    }

    @Test func rangesCoverTheIndicesOnceInOrder() {
        for count in [0, 1, 2, 255, 256, 257, 1000, 4097, 10_007] {
            for minimum in [1, 7, 256, 4096] {
                let ranges = ParallelMap.ranges(count, minimumSlice: minimum)
                #expect(ranges.flatMap { Array($0) } == Array(0..<count), "\(count) items, slices of at least \(minimum)")
                #expect(ranges.dropLast().allSatisfy { $0.count >= minimum } && ranges.allSatisfy { !$0.isEmpty })
            }
        }
        // Slices of non-trivial outputs (as the merge's groups): each in its place, none lost or doubled.
        let words = ParallelMap.slices(3000, minimumSlice: 100) { slice in slice.map { ["第\($0)条", String($0 % 7)] } }
        #expect(words == (0..<3000).map { ["第\($0)条", String($0 % 7)] })
    }

    @Test func rangesByWeightCoverTheIndicesOnceAndSplitTheHeavyItemsApart() {
        let tasks = 4 * max(1, ProcessInfo.processInfo.activeProcessorCount)
        for count in [0, 1, 2, 255, 1000, 4097] {
            for minimum in [1, 50, 4096] {
                // A few heavy items among many light ones (a province's largest practices among pairs).
                let weight: (Int) -> Int = { $0 % 97 == 3 ? 5000 : $0 % 5 }
                let ranges = ParallelMap.ranges(count, minimumWeight: minimum, weight: weight)
                #expect(ranges.flatMap { Array($0) } == Array(0..<count), "\(count) items, at least \(minimum) a slice")
                #expect(ranges.allSatisfy { !$0.isEmpty })
                let weights = ranges.map { $0.reduce(0) { $0 + max(1, weight($1)) } }
                let total = (0..<count).reduce(0) { $0 + max(1, weight($1)) }
                let target = max(1, minimum, (total + tasks - 1) / tasks)
                #expect(weights.dropLast().allSatisfy { $0 >= target }, "no slice but the last lighter than asked")
                // A slice passes the target by its last item alone: no slice holds two heavy items.
                #expect(ranges.allSatisfy { range in range.dropLast().reduce(0) { $0 + max(1, weight($1)) } < target })
            }
        }
        // Of equal counts, one slice would hold every heavy item: cut by weight, each is on its own.
        let heavy: (Int) -> Int = { $0 < 4 ? 10_000 : 1 }
        let ranges = ParallelMap.ranges(1000, minimumWeight: 1, weight: heavy)
        #expect(ranges.prefix(4).allSatisfy { $0.count == 1 }, "\(ranges.prefix(5))")
    }

    @Test func updateEachChangesEveryElementWhereItStands() {
        for count in [0, 1, 2, 33, 1000] {
            var values = (0..<count).map { ["第\($0)", String($0 % 5)] }
            ParallelMap.updateEach(&values) { $0.append(String($0[0].count)) }
            #expect(values == (0..<count).map { ["第\($0)", String($0 % 5), String("第\($0)".count)] }, "\(count) elements")
        }
    }

    @Test func besideRunsTheForegroundOnTheCallingThreadAndGivesTheBackgroundsResult() {
        // As the per-file stages use it: batch after batch read in the background (a map of its own)
        // while the batch before is taken on the calling thread, in order.
        let caller = Thread.current
        var taken: [[Int]] = []
        var previous: [Int]?
        for batch in stride(from: 0, to: 2000, by: 300) {
            let inputs = Array(batch..<min(2000, batch + 300))
            let read: @Sendable () -> [Int] = { ParallelMap.map(inputs) { $0 * 2 } }
            let made: [Int]
            if let done = previous {
                made = ParallelMap.beside(read, while: {
                    #expect(Thread.current == caller, "the foreground stays on the calling thread")
                    taken.append(done)
                })
            } else {
                made = read()
            }
            previous = made
        }
        if let done = previous { taken.append(done) }
        #expect(taken.flatMap { $0 } == (0..<2000).map { $0 * 2 }, "every batch taken once, in order")
        // A background whose result is large and a foreground that does nothing.
        let words = ParallelMap.beside({ (0..<10_000).map { "第\($0)条" } }, while: {})
        #expect(words.count == 10_000 && words[9_999] == "第9999条")
    }

    @Test func startedWorkRunsBesideTheCallerAndGivesItsResultToEveryWait() {
        // The caller goes on while it runs: the work waits for the caller's word, so it cannot have
        // finished before the caller got on, nor the caller have been held until it did.
        let callerWent = DispatchSemaphore(value: 0)
        let caller = pthread_self()
        let started = ParallelMap.started { () -> (Bool, [Int]) in
            callerWent.wait()
            return (pthread_equal(pthread_self(), caller) == 0, ParallelMap.map(Array(0..<1000)) { $0 + 1 })
        }
        callerWent.signal()
        let (apart, made) = started.wait()
        #expect(apart, "the work runs on a thread of its own")
        #expect(made == Array(1...1000))
        #expect(started.wait().1 == made, "a later wait gives the same result")
        // An optional result, as the change basis's draft is.
        let none = ParallelMap.started { () -> Int? in nil }
        #expect(none.wait() == nil && none.wait() == nil)
    }
}
