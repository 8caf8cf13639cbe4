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

    @Test func nearbyPlaceholdersAreReportedOnce() {
        let found = placeholders("XX镇XX村党支部")
        #expect(found.count == 1)
        #expect(found.first?.contains("XX镇XX村") == true)
    }

    @Test func unitIsToldAboutPlaceholders() {
        let document = NormalizeFixtures.normalize("XX测试\n开展谈心谈话x次。")
        #expect(document.notes.contains { $0.contains("占位符") })
    }
}
