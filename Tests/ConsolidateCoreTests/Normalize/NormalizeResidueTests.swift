import Testing
@testable import ConsolidateCore

@Suite struct NormalizeResidueTests {
    @Test func paywallMarkerInsideAWordIsRemovedAndTheWordJoinedBack() {
        let document = NormalizeFixtures.normalize("""
        XX站2025年第一季度党建工作汇报
        ##paidbegin##
        　　##paidbegin##一、全面加强支部标准##paidend##化建设
        """)
        #expect(document.lines.map(\.text) == ["XX站2025年第一季度党建工作汇报", "一、全面加强支部标准化建设"])
        #expect(document.residue.map(\.rule) == ["paywall-marker", "paywall-marker", "paywall-marker"])
        #expect(document.residue.allSatisfy { $0.location != nil })
    }

    @Test func advertisingAndSiteFootersAtTheEndAreRemoved() {
        let document = NormalizeFixtures.normalize("""
        XX所党支部2024年工作总结
        全年坚持每周五下午集体学习，参学率保持在九成以上。
        【某某素材库】每日更新公文材料，会员群同步推送，欢迎加入！
        相关推荐
        某某范文网 https://www.example.com
        Copyright © 2010-2025 某某范文网 版权所有 备案号:某ICP备00000000号
        """)
        #expect(document.lines.map(\.text) == ["XX所党支部2024年工作总结", "全年坚持每周五下午集体学习，参学率保持在九成以上。"])
        #expect(Set(document.residue.map(\.rule)) == ["advertising", "site-links", "site-footer"])
        #expect(document.notes.contains { $0.contains("范文网站残留") })
    }

    @Test func theTitlesASiteListsUnderALinkHeadingAtTheEndGoWithIt() {
        let text = """
        XX街道党工委2024年第三季度党建工作汇报
        一、主要做法
        组织辖区党员开展“敲门行动”，走访独居老人120户。
        二、下步打算
        深化网格党建，推动矛盾纠纷就地化解。
        特此汇报。
        XX街道党工委
        2024年10月8日
        猜你喜欢：
        社区党建工作总结范文（通用5篇）
        党支部书记述职报告怎么写？这几点要注意
        Copyright © 2012-2024 某某文档网 版权所有 备案号：某ICP备12345678号
        """
        let document = NormalizeFixtures.normalize(text)
        #expect(document.lines.map(\.text).last == "2024年10月8日")
        #expect(document.residue.map(\.rule) == ["site-links", "site-links", "site-links", "site-footer"])
        // Read on, the last plan is the unit's own words, without its closing or the links.
        let report = ExtractFixtures.report(text)
        #expect(report.sections.last?.leaves.last?.statement == "深化网格党建，推动矛盾纠纷就地化解。")
    }

    @Test func aLinkHeadingAboveTheReportTakesNoTitleOfItsOwnWithIt() {
        let document = NormalizeFixtures.normalize("""
        相关推荐
        XX镇2024年党建工作总结
        一、加强理论学习
        镇党委全年开展中心组集中学习12次，专题研讨4次，班子成员撰写调研报告6篇。
        二、夯实基层基础
        """)
        #expect(document.lines.map(\.text) == ["XX镇2024年党建工作总结", "一、加强理论学习",
                                              "镇党委全年开展中心组集中学习12次，专题研讨4次，班子成员撰写调研报告6篇。", "二、夯实基层基础"])
        #expect(document.residue.map(\.rule) == ["site-links"])
    }

    @Test func longRealParagraphMentioningAWordOfAnAdvertIsKept() {
        let long = "依托单位微信公众号开设“支部风采”专栏，定期推送党员先进事迹和学习心得，"
            + String(repeating: "引导党员在线交流学习体会，扩大党建宣传的覆盖面和影响力，", count: 6) + "取得了良好效果。"
        let document = NormalizeFixtures.normalize("XX中心2024年党建工作总结\n\(long)\n特此汇报。")
        #expect(document.lines.map(\.text).contains(long))
        #expect(document.residue.isEmpty)
    }

    @Test func shortRealSentenceNearTheEndMentioningGhostwritingIsKept() {
        let document = NormalizeFixtures.normalize("""
        XX所2024年党建工作总结
        三、下一步打算
        坚决杜绝材料代写代笔现象。
        统一规范台账模板。
        """)
        #expect(document.lines.suffix(2).map(\.text) == ["坚决杜绝材料代写代笔现象。", "统一规范台账模板。"])
    }

    @Test func footerWordsInTheMiddleOfALongReportAreKept() {
        var lines = ["XX站2024年党建工作总结"]
        for index in 1...20 { lines.append("第\(index)段：按计划推进各项工作，取得阶段性成效。") }
        lines.insert("推荐阅读：支部书记为党员推荐阅读书目十种。", at: 10)
        let document = NormalizeFixtures.normalize(lines.joined(separator: "\n"))
        #expect(document.lines.contains { $0.text.hasPrefix("推荐阅读：支部书记") })
    }

    @Test func editorLeadInSharingTheTitleLineIsRemovedAndTheTitleKept() {
        let document = NormalizeFixtures.normalize("""
        以下是小编精心整理的XX办2024年上半年党建工作总结，希望对大家有所帮助。
        今年以来，XX办党支部坚持以党建促业务。
        """)
        #expect(document.lines.first?.text == "XX办2024年上半年党建工作总结")
        #expect(document.residue.count == 2)
    }

    @Test func editorLeadInVariantsKeepTheTitle() {
        let document = NormalizeFixtures.normalize("""
        小编今天为大家带来了XX站2024年党建工作总结，供参考。
        一年来，站党支部扎实开展工作。
        以上就是小编整理的全部内容。
        """)
        #expect(document.lines.map(\.text) == ["XX站2024年党建工作总结", "一年来，站党支部扎实开展工作。"])
    }

    @Test func documentSharingHeadersAndBreadcrumbsAreRemoved() {
        let document = NormalizeFixtures.normalize("""
        首页>工作总结>党建工作总结
        版权说明：本文档由用户提供并上传
        作者：网友投稿
        收藏
        XX学校党总支2023年度党建工作总结
        一年来，学校党总支认真履行管党治党责任。
        """)
        #expect(document.lines.first?.text == "XX学校党总支2023年度党建工作总结")
        #expect(document.residue.count == 4)
    }

    @Test func paywallTruncationNoteIsRemovedAndTheUnitToldTheReportIsIncomplete() {
        let document = NormalizeFixtures.normalize("""
        XX局2024年党建工作汇报
        一、主要做法
        全年召开支部委员会会议12次……此处隐藏1024个字……
        ……省略512字，正式会员可完整阅读……
        """)
        #expect(!document.text.contains("隐藏"))
        #expect(!document.text.contains("省略"))
        #expect(document.residue.filter { $0.rule == "paywall-truncation" }.count == 2)
        #expect(document.notes.contains { $0.contains("报告不完整") })
    }

    @Test func sideChannelsAreNotBodyText() {
        let raw = RawDocument(source: NormalizeFixtures.source, paragraphs: [
            RawParagraph(text: "XX局2024年党建工作汇报", location: SourceLocation(paragraph: 1)),
            RawParagraph(text: "批注：此处数字待核实", location: SourceLocation(paragraph: 2, origin: .comment)),
            RawParagraph(text: "第2页 共5页", location: SourceLocation(paragraph: 3, origin: .footer)),
            RawParagraph(text: "表格中的学习记录", location: SourceLocation(paragraph: 4, origin: .table)),
        ])
        let document = Normalizer(configuration: NormalizeFixtures.configuration).normalize(raw)
        #expect(document.lines.map(\.text) == ["XX局2024年党建工作汇报", "表格中的学习记录"])
    }

    @Test func rulesComeFromTheConfigurationOnly() throws {
        let configuration = try PipelineConfiguration.decode(yaml: """
        residue:
          rules:
            - {id: custom, pattern: '【内部资料】', action: span}
        """)
        let document = NormalizeFixtures.normalize("XX局工作汇报【内部资料】\n##paidbegin##", configuration: configuration)
        #expect(document.lines.map(\.text) == ["XX局工作汇报", "##paidbegin##"])
        #expect(document.residue.map(\.rule) == ["custom"])
    }
}
