import Testing
@testable import ConsolidateCore

/// Counts whose activity is not in their own phrase: recruitment aliases and time words.
@Suite struct ExtractMetricTotalTests {
    private func summary(_ sentence: String) -> [String] {
        ExtractFixtures.metrics(sentence).map { metric in
            "\(metric.activity)=\(metric.value.map(String.init) ?? "nil")\(metric.unit)\(metric.approx ? "~" : "")"
        }
    }

    // MARK: Recruitment and the time words before an activity

    @Test func receivingProbationaryMembersIsRecruitment() {
        #expect(summary("本年度发展预备党员1名，") == ["发展党员=1名"])
        #expect(summary("上半年接收预备党员2名。") == ["发展党员=2名"])
    }

    @Test func probationaryMembersOnTheRollAreNoRecruitment() {
        let metrics = summary("支部现有正式党员20名，另有预备党员4名。")
        #expect(!metrics.contains { $0.hasPrefix("发展党员=") }, "\(metrics)")
    }

    @Test func timeWordsBeforeAnActivityAreNoPartOfIt() {
        #expect(summary("本季度开展义诊活动8场，") == ["义诊活动=8场"])
        #expect(summary("季度内举办青年读书会2期。") == ["青年读书会=2期"])
    }
}
