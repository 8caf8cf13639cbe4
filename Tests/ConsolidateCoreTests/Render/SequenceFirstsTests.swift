import Testing
@testable import ConsolidateCore

@Suite struct SequenceFirstsTests {
    /// The first k of a stable sort, for every k: elements that tie (the same value) keep their order.
    @Test func theFirstsAreThePrefixOfTheStableSort() {
        var random = GroupingEvaluationTests.Seeded(state: 20261203)
        for _ in 0..<300 {
            let values = (0..<Int.random(in: 0...40, using: &random)).map { id in (value: Int.random(in: 0...6, using: &random), id: id) }
            let byValue = { (a: (value: Int, id: Int), b: (value: Int, id: Int)) in a.value > b.value }
            let sorted = values.sorted(by: byValue).map(\.id)
            for count in 0...(values.count + 2) {
                #expect(values.firsts(count, by: byValue).map(\.id) == Array(sorted.prefix(count)), "\(values) first \(count)")
            }
        }
    }
}
