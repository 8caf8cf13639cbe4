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

    @Test func slicesMayGiveAnyNumberOfOutputsPerItem() {
        // As markDistinctive's quoted names: most items give none, some several, in the loop's order.
        let expected = (0..<3000).flatMap { index in Array(repeating: index, count: index % 4 == 0 ? 0 : index % 3) }
        let made = ParallelMap.slices(3000, minimumSlice: 100) { slice in
            slice.flatMap { index in Array(repeating: index, count: index % 4 == 0 ? 0 : index % 3) }
        }
        #expect(made == expected)
    }

    @Test func bothRunsEachOnceAndGivesBothResults() {
        let (first, second) = ParallelMap.both({ (0..<1000).reduce(0, +) }, { Result<String, any Error> { "二" } })
        #expect(first == 499_500)
        #expect((try? second.get()) == "二")
        let (thrown, _) = ParallelMap.both({
            Result<Int, any Error> { throw RunError.noReadableSubmission(path: "x", files: 0, quarantined: 0, skipped: 0) }
        }, { 0 })
        #expect((try? thrown.get()) == nil, "an error is carried back, not lost")
    }
}
