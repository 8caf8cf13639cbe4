import Testing
@testable import ConsolidateCore

/// Counts whose activity is not in their own phrase: a bare total after the clause that names
/// the activity, people made members of an activity by a later verb, and recruitment aliases.
@Suite struct ExtractMetricTotalTests {
    private func summary(_ sentence: String) -> [String] {
        ExtractFixtures.metrics(sentence).map { metric in
            "\(metric.activity)=\(metric.value.map(String.init) ?? "nil")\(metric.unit)\(metric.approx ? "~" : "")"
        }
    }

    // MARK: A bare total takes the activity of the clause before it

    @Test func bareTotalTakesTheActivityOfTheClauseBeforeIt() {
        #expect(summary("每周三下午开展党员志愿服务，本季度累计开展12次。") == ["志愿服务=12次"])
        #expect(summary("主题党日定在每月第二个周五，二季度共组织4次。") == ["主题党日=4次"])
        #expect(summary("各支部按月开展主题党日，季度合计18次。") == ["主题党日=18次"])
    }

    @Test func unfilledBareTotalIsTheActivitysUnknownFigure() {
        #expect(summary("每月开展一次主题党日，本季度共开展x次。") == ["主题党日=nil次"])
    }

    @Test func bareTotalSkipsAFrequencyClauseWithoutActivity() {
        #expect(summary("坚持开展集中学习，每周一次，上半年合计26次。") == ["集中学习=26次"])
    }

    @Test func bareTotalShowsTheClauseThatNamesItsActivity() {
        let metrics = ExtractFixtures.metrics("支部坚持开展集中学习，每周一次，上半年合计26次。")
        #expect(metrics.map(\.text) == ["支部坚持开展集中学习，每周一次，上半年合计26次"])
    }

    @Test func totalThatAddsUpItsClauseKeepsThatActivity() {
        #expect(summary("支部书记讲党课2次、班子成员讲党课3次，合计5次。") == ["党课=2次", "党课=3次", "党课=5次"])
    }

    @Test func totalOverSeveralActivitiesBelongsToNone() {
        let listed = summary("召开支委会5次、党员大会2次，共计7次。")
        #expect(listed.prefix(2) == ["支委会=5次", "党员大会=2次"])
        #expect(!listed.contains("支委会=7次") && !listed.contains("党员大会=7次"), "\(listed)")
        // The clause before holds one count that the total exceeds: the total adds up more.
        let exceeded = summary("召开支委会5次，党员大会2次，共计7次。")
        #expect(!exceeded.contains("党员大会=7次"), "\(exceeded)")
    }

    @Test(arguments: [
        // The activity stands in another sentence.
        "开展主题党日。全年共开展6次。",
        // A clause with a figure but no configured activity stands between.
        "组织党员集中学习，观看红色影片3部，共开展5次。",
        // The activity's measure words do not include the total's.
        "培养入党积极分子，共开展4次。",
    ])
    func bareTotalWithoutAFittingClauseBeforeItIsNotAttributed(sentence: String) {
        let configured = ["集中学习", "主题党日", "入党积极分子"]
        let metrics = ExtractFixtures.metrics(sentence)
        #expect(!metrics.contains { configured.contains($0.activity) && [5, 6, 4].contains($0.value) }, "\(summary(sentence))")
    }

    @Test func frequencyInTheCountsOwnClauseStillMakesNoCount() {
        #expect(summary("开展主题党日，每月开展2次。").isEmpty)
        #expect(summary("主题党日每月一次，全年12次。") == ["主题党日=12次"])
    }

    // MARK: People made members of an activity

    @Test func peopleMadeMembersByALaterVerbCountForThatActivity() {
        #expect(summary("把3名业务骨干确定为入党积极分子。") == ["入党积极分子=3名"])
        #expect(summary("支部将4名优秀青年职工列为入党积极分子，") == ["入党积极分子=4名"])
    }

    @Test func peopleNotMadeMembersKeepTheirOwnNoun() {
        #expect(summary("安排3名业务骨干参加入党积极分子培训。") == ["业务骨干=3名"])
        // The activity's name must end the clause: these people became contacts, not activists.
        let contacts = summary("将5名老党员列为入党积极分子培养联系人。")
        #expect(!contacts.contains { $0.hasPrefix("入党积极分子=") }, "\(contacts)")
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
