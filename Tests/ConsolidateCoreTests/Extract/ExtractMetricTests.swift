import Testing
@testable import ConsolidateCore

@Suite struct ExtractMetricTests {
    private func summary(_ sentence: String) -> [String] {
        ExtractFixtures.metrics(sentence).map { metric in
            "\(metric.activity)=\(metric.value.map(String.init) ?? "nil")\(metric.unit)\(metric.approx ? "~" : "")"
        }
    }

    @Test func countWithItsActivityBeforeTheNumber() {
        #expect(summary("全年累计开展集中学习24次、召开支委会12次，讲党课4次。") == ["集中学习=24次", "支委会=12次", "党课=4次"])
    }

    @Test func activityAliasMustFitTheMeasureWord() {
        #expect(summary("选举产生支委会委员5名，召开支委会3次。") == ["支委会委员=5名", "支委会=3次"])
    }

    @Test func lessCommonMeasureWordsAndTheirFalseFriends() {
        #expect(summary("组织观看警示教育片3部，发放学习读本200本，组建志愿服务队5支。")
            == ["观看警示教育片=3部", "学习读本=200本", "组建志愿服务队=5支"])
        #expect(summary("覆盖12部门，2组织关系转接。").isEmpty)
    }

    @Test func countBeforeItsNoun() {
        #expect(summary("上半年新吸纳了3名入党积极分子。") == ["入党积极分子=3名"])
        #expect(summary("建成7个党员活动室，") == ["党员活动室=7个"])
    }

    @Test func approximateFigures() {
        #expect(summary("帮助群众解决急难事120余件，") == ["帮助群众解决急难事=120件~"])
        #expect(summary("开展志愿服务近30场，发放宣传资料2000多份，参与党员不少于50人。")
            == ["志愿服务=30场~", "宣传资料=2000份~", "参与党员=50人~"])
    }

    @Test func chineseNumerals() {
        #expect(summary("召开专题组织生活会两次，开展廉政谈话十余次。") == ["组织生活会=2次", "廉政谈话=10次~"])
        #expect(summary("发展党员两名。") == ["发展党员=2名"])
        #expect(summary("开展警示教育十几次，覆盖近百场次。") == ["警示教育=10次~", "覆盖=100场次~"])
    }

    @Test func placeholderFigureIsUnknownNotZero() {
        let metrics = ExtractFixtures.metrics("开展谈心谈话x次，走访困难党员*户。")
        #expect(metrics.map(\.value) == [nil, nil])
        #expect(metrics.map(\.activity) == ["谈心谈话", "走访困难党员"])
    }

    @Test func countsAfterRespectivelyGoToTheListedActivitiesInOrder() {
        #expect(summary("二季度召开支委会、党员大会分别为9次和2次。") == ["支委会=9次", "党员大会=2次"])
        #expect(summary("讲党课、开展主题党日分别5次、3次，开展集中学习6次。") == ["党课=5次", "主题党日=3次", "集中学习=6次"])
        #expect(summary("组织集中学习、专题研讨、警示教育分别达到12次、4次、2次。")
            == ["集中学习=12次", "专题研讨=4次", "警示教育=2次"])
        // Three activities but two counts: which figure is whose is not guessed.
        #expect(summary("支委会、党员大会和党课分别为6次、3次。") == ["支委会、党员大会和党课=6次", "支委会、党员大会和党课=3次"])
        // `分别` before a verb, not a count, pairs nothing.
        #expect(summary("两位支部书记分别讲党课，合计讲党课2次。") == ["党课=2次"])
    }

    @Test func anOverlongActivityPhraseKeepsWhatFollowsItsLastVerb() {
        #expect(summary("在党费收缴、党员教育管理两个重点环节设立党员示范岗6个。") == ["党员示范岗=6个"])
        #expect(summary("围绕窗口服务、项目审批等重点岗位开展廉洁提醒谈话31人次。") == ["廉洁提醒谈话=31人次"])
    }

    @Test func oneFigureSharedByAListIsOneCountPerActivity() {
        #expect(summary("召开党委会议、专题民主生活会各3次。") == ["党委会议=3次", "民主生活会=3次"])
        #expect(summary("为每位老党员送去慰问品各一份。") == ["每位老党员送去慰问品=1份"])
    }

    @Test(arguments: [
        "严格落实“三会一课”制度，增强“四个意识”。",
        "坚持每月开展一次主题党日活动。",
        "每季度召开2次支部书记例会。",
        "认真学习《关于9名干部违纪问题的通报》精神。",
        "第一议题制度落实到位，第3次会议专题研究。",
        "2024年7月至9月集中整治，党员参学率达到95%。",
        "集中5天时间开展封闭学习，用3个月完成整改。",
        "推行“一村一品”和“双十条”工作法。",
        "把这项工作作为一项重大政治任务，分为五个等次评定。",
        "落实“两个包保”(1名领导、2名干部)工作机制。",
        "每组配备3-5人，从3个方面查摆问题。",
        "作为一名党员，要牢记三个务必，落实十项措施。",
    ])
    func formulasFrequenciesDatesAndTitlesAreNoCounts(sentence: String) {
        #expect(summary(sentence).isEmpty, "\(summary(sentence))")
    }

    @Test func countTextIsASpanOfTheSentence() {
        let sentence = "截至目前，累计发展党员5名，转正预备党员2名。"
        for metric in ExtractFixtures.metrics(sentence) {
            #expect(sentence.contains(metric.text))
            #expect(metric.location?.paragraph == 1)
        }
    }
}
