import Testing
@testable import ConsolidateCore

/// How figures are read as written: multipliers, spaces, Chinese numerals, shared counts,
/// figures over several years, the words that name an activity, traditional characters.
@Suite struct ExtractFigureTests {
    private func summary(_ sentence: String, year: Int? = nil) -> [String] {
        metrics(sentence, year: year).map { metric in
            "\(metric.activity)=\(metric.value.map(String.init) ?? "nil")\(metric.unit)\(metric.approx ? "~" : "")"
        }
    }

    private func metrics(_ sentence: String, year: Int? = nil) -> [Metric] {
        MetricReader(vocabulary: NormalizeFixtures.configuration.metrics)
            .metrics(in: NormalizedLine(text: sentence, location: SourceLocation(paragraph: 1)), year: year)
    }

    // MARK: 万 and 余

    @Test func tenThousandAfterArabicDigitsMultipliesAndAnApproximationMarks() {
        #expect(summary("筹集资金5万余元，用于修缮党员活动室。") == ["筹集资金=50000元~"])
        #expect(summary("全年志愿服务1万余人次。") == ["志愿服务=10000人次~"])
        #expect(summary("发放慰问金2千多元。") == ["慰问金=2000元~"])
    }

    @Test func aMeasureWordThatOpensWithTenThousandIsReadAsWritten() {
        #expect(summary("筹集资金5万元。") == ["筹集资金=5万元"])
        #expect(summary("覆盖群众3万人次。") == ["覆盖群众=3万人次"])
    }

    @Test func hugeFiguresNeverTrap() {
        #expect(summary("累计开展活动9223372036854775807次。") == ["活动=9223372036854775807次"])
        #expect(summary("筹集资金9223372036854775807万余元。").isEmpty)
        #expect(summary("开展活动99999999999999999999999次。").isEmpty)
        let total = "每月开展集中学习，共开展9223372036854775807次、共开展9223372036854775807次，合计1次。"
        _ = summary(total)
        #expect(ChineseNumeral.value(ofScalars: (String(repeating: "九千", count: 40) + "万").unicodeScalars) != nil)
        #expect(ChineseNumeral.value(ofScalars: "一百零五".unicodeScalars) == 105)
    }

    // MARK: Spaces

    @Test func spacesBetweenTheNumberAndItsMeasureWord() {
        #expect(summary("本季度召开支委会 6 次，召开党员大会\u{2009}2\u{2009}次。") == ["支委会=6次", "党员大会=2次"])
        #expect(summary("组织集中学习　十余　次。") == ["集中学习=10次~"])
    }

    @Test func aLineBreakBetweenTheNumberAndItsMeasureWordIsJoined() {
        let report = ExtractFixtures.report("XX测试\n二、主要工作\n本季度共召开支委会10\n次，研究发展党员事项。")
        #expect(report.metrics.map { "\($0.activity)=\($0.value ?? -1)\($0.unit)" } == ["支委会=10次"])
        // A line ending in a year before a line that opens with another word is left alone.
        let lines = NormalizeFixtures.normalize("XX测试\n本支部成立于2019\n人民群众满意度持续提升。").lines.map(\.text)
        #expect(lines.contains("人民群众满意度持续提升。"))
    }

    // MARK: Chinese numerals

    @Test func chineseNumeralsCountWithAnyMeasureWord() {
        #expect(summary("支部结合实际制定三项制度。") == ["制度=3项"])
        #expect(summary("撰写论文两篇。") == ["论文=2篇"])
        #expect(summary("全年开展谈心谈话二十余次，吸纳入党积极分子十余名。") == ["谈心谈话=20次~", "入党积极分子=10名~"])
        #expect(summary("支部下设三个党小组，专职委员五名。") == ["党小组=3个", "专职委员=5名"])
        // A 一 that ends its clause is a count; before a noun it is an article.
        #expect(summary("接收预备党员一名。") == ["发展党员=1名"])
        #expect(summary("作为一名党员，要做出一番成绩。").isEmpty)
        #expect(summary("党员每3个月至少参加一次。").isEmpty)
    }

    @Test(arguments: [
        "全体党员增强四个意识，坚定四个自信。",
        "支部每月召开一次支委会。",
        "这是第一次全体会议，开创了一个崭新的局面。",
        "推动软件二次开发，设立全国百家示范点。",
        "覆盖大、中、小三个年龄段的党员。",
        "争创两个一流，打造六个一工程。",
        "践行三个务必，落实十项措施。",
        "楼栋长1月1次走访，一周一次汇报。",
        "有3名及以上党员的支部单独设立。",
        "两位支部书记分别讲党课。",
        "用三个月时间完成整改，分为五个等次评定。",
        "二〇二四年三月，百分之九十五的党员参加，落实一岗双责和三会一课。",
        "坚持两学一做，历时两周。",
    ])
    func formulasFrequenciesArticlesAndOrdinalsAreNoCounts(sentence: String) {
        #expect(summary(sentence).isEmpty, "\(summary(sentence))")
    }

    @Test func anUnfilledFigureWithADecimalPointIsOneUnknownFigure() {
        #expect(summary("投入资金X.X万元。") == ["资金=nil万元"])
    }

    @Test func aPieceIsAMeasureWord() {
        #expect(summary("设立宣传展板12块。") == ["宣传展板=12块"])
        #expect(summary("支部人均捐款5块钱。").isEmpty)
    }

    // MARK: 各

    @Test func eachSharedByActivitiesJoinedByAnd() {
        #expect(summary("开展警示教育和谈心谈话各2次。") == ["警示教育=2次", "谈心谈话=2次"])
        #expect(summary("召开党委会议、民主生活会及组织生活会各1次。") == ["党委会议=1次", "民主生活会=1次", "组织生活会=1次"])
        // 及 inside a word (普及) joins nothing.
        #expect(summary("开展法律普及和廉政教育各3次。") == ["法律普及=3次", "廉政教育=3次"])
    }

    // MARK: Several years

    @Test func figuresOverSeveralYearsAreKeptButMarked() {
        #expect(metrics("三年来，支部累计发展党员67名。").map(\.beyondPeriod) == [true])
        #expect(metrics("近年来共培养入党积极分子12名，成效明显。").map(\.beyondPeriod) == [true])
        #expect(metrics("近三年累计开展主题党日36次。").map(\.beyondPeriod) == [true])
        #expect(metrics("支部成立以来，累计发展党员20名。").map(\.beyondPeriod) == [true])
        #expect(metrics("2019年以来累计发展党员15名。", year: 2023).map(\.beyondPeriod) == [true])
        // A paragraph opened by the span of years speaks of it throughout.
        #expect(metrics("三年来，支部坚持党建引领。累计发展党员67名。").map(\.beyondPeriod) == [true])
    }

    @Test func figuresOfThePeriodAreNotMarked() {
        #expect(metrics("今年以来，支部发展党员3名。").map(\.beyondPeriod) == [false])
        #expect(metrics("上半年以来召开支委会6次。").map(\.beyondPeriod) == [false])
        #expect(metrics("2023年以来累计发展党员2名。", year: 2023).map(\.beyondPeriod) == [false])
        // The span of years opens a later sentence: the count before it is the period's.
        #expect(metrics("发展党员2名。三年来支部不断壮大。").map(\.beyondPeriod) == [false])
        #expect(metrics("发展党员2名。三年来累计发展党员9名。").map(\.beyondPeriod) == [false, true])
        #expect(metrics("三年来，支部不断发展壮大。今年上半年发展党员3名。").map(\.beyondPeriod) == [false])
    }

    @Test func figuresOverSeveralYearsStayOutOfThePeriodsTotals() {
        let source = SourceInfo(path: "甲.txt", format: .txt, encoding: "utf-8", sha256: "0")
        let report = UnitReport(source: source, unit: "甲局", title: "", period: Period(year: 2023, part: .h1), metrics: [
            Metric(text: "三年来发展党员67名", activity: "发展党员", value: 67, unit: "名", approx: false, beyondPeriod: true),
            Metric(text: "发展党员2名", activity: "发展党员", value: 2, unit: "名", approx: false),
        ])
        var names = SpellingPool()
        let totals = MetricTotals.totals(of: MergeInput.figures(of: report, names: &names), bound: 1_000_000).totals
        #expect(totals.map(\.total) == [2])
    }

    // MARK: Activity names

    @Test func theActivityIsNamedByTheWordsThatAreThere() {
        #expect(summary("现有在职党员57人。") == ["在职党员=57人"])
        #expect(summary("在职党员57人。") == ["在职党员=57人"])
        #expect(summary("召开党总支委会8次，召开支委会5次。") == ["党总支委会=8次", "支委会=5次"])
        #expect(summary("在全区设立党员先锋岗6个。") == ["党员先锋岗=6个"])
    }

    // MARK: Traditional characters

    @Test func traditionalCharactersAreReadAsSimplifiedAndQuotedAsWritten() {
        #expect(summary("本季度召開支委會3次，黨員大會兩次。") == ["支委会=3次", "党员大会=2次"])
        #expect(summary("組織集中學習十餘次。") == ["集中学习=10次~"])
        #expect(metrics("本季度召開支委會3次。").first?.text == "本季度召開支委會3次")
        #expect(summary("增強四個意識。").isEmpty)
    }

    @Test func simplifiedTextIsFoldedUnchanged() {
        let text = "著作乾坤於是後来"
        #expect(String(text.map(TraditionalChinese.simplified)) == text)
        #expect(TextFolding.fold("召開支委會") == "召开支委会")
    }
}
