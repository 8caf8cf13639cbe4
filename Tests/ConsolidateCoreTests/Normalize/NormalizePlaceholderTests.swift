import Testing
@testable import ConsolidateCore

@Suite struct NormalizePlaceholderTests {
    private func placeholders(_ line: String) -> [String] {
        NormalizeFixtures.normalize("XX测试\n\(line)").placeholders.map(\.text).filter { !$0.hasPrefix("XX测试") }
    }

    @Test(arguments: [
        ("全年组织集体学习x次，覆盖全体党员。", "x次"),
        ("下设*个党小组，", "*个党"),
        ("由×××同志带队开展调研", "×××同"),
        ("投入帮扶资金X万元", "X万元"),
        ("党员参学率达到X%以上", "X%"),
        ("创新推出“X+X”联学模式", "X+X"),
        ("助力***产业发展", "***"),
        ("ＸＸ县委组织部", "ＸＸ县"),
        ("20XX年上半年，支部坚持集体学习", "20XX年"),
    ])
    func unfilledPlaceholderIsReportedWithContext(line: String, expected: String) {
        let found = placeholders(line)
        #expect(found.contains { $0.contains(expected) }, "\(found)")
    }

    @Test(arguments: [
        "利用PPT课件和QQ群开展线上学习。",
        "开通svip学习账号，浏览Xinhua新闻客户端。",
        "场地面积为3×4米。",
        "* 第一项议程为传达会议精神",
        "Copyright信息由网站维护。",
    ])
    func latinWordsMultiplicationAndBulletsAreNoPlaceholders(line: String) {
        #expect(placeholders(line).isEmpty, "\(placeholders(line))")
    }

    @Test func placeholdersJoinedBySignsAreReportedOnce() {
        #expect(placeholders("推行“X+X”联学模式，配备比例为X%—X%。") == ["X+X", "X%—X%"])
        #expect(placeholders("根据（X〔2024〕X号）文件") == ["X〔2024〕X号"])
    }

    /// Each part of a name is a place to fill, reported with the words that end it.
    @Test func eachPartOfANameIsReportedWithItsWords() {
        #expect(placeholders("XX镇XX村党支部召开会议") == ["XX镇", "XX村党支部"])
    }

    @Test(arguments: [
        ("开展集中学习x次、交流研讨x次。", ["集中学习x次", "交流研讨x次"]),
        ("坚持学习制度，开展x期集中学习。", ["x期集中学习"]),
        ("今年以来培养入党积极分子*名，", ["入党积极分子*名"]),
        ("，*个支部共召开支委会*次，", ["*个支部", "支委会*次"]),
        ("组织“青年讲堂”x次。", ["“青年讲堂”x次"]),
        ("年初以来，××局党组在全区开展调研", ["××局党组"]),
        ("XX区委组织部印发通知", ["XX区委"]),
        ("20_年上半年工作总结", ["20_年"]),
        ("截止2024.6xx月xx日，共有党员", ["2024.6xx月", "xx日"]),
        ("支部开展__次集中学习。", ["__次集中学习"]),
        ("学校现有在职教师x人。", ["在职教师x人"]),
        ("開展集中學習x次。", ["集中學習x次"]),
        ("完成率X%，投入资金X.X万元。", ["完成率X%", "资金X.X万元"]),
        ("联系XX社会组织开展共建", ["XX社会组织"]),
    ])
    func placeholderIsReportedAsThePhraseThatHoldsIt(line: String, expected: [String]) {
        #expect(placeholders(line) == expected)
    }

    @Test(arguments: ["文件名为report_2024.docx。", "字段user_name保持不变。"])
    func underscoresInsideLatinWordsAreNoPlaceholders(line: String) {
        #expect(placeholders(line).isEmpty, "\(placeholders(line))")
    }

    @Test func unitIsToldAboutPlaceholders() {
        let document = NormalizeFixtures.normalize("XX测试\n开展谈心谈话x次。")
        #expect(document.notes.contains { $0.contains("占位符") })
    }
}
