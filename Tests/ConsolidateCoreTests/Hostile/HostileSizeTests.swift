import Foundation
import Testing
@testable import ConsolidateCore

/// Large and nested inputs cost time linear in their size and memory within a budget.
///
/// Speed itself is measured by hand with the generated inputs (see `HostileInputs`), not by
/// timed tests: these only show that moderately large inputs finish and read right.
@Suite struct HostileSizeTests {
    static let configuration = try! PipelineConfiguration.load(from: Repository.defaultPipeline)

    // MARK: Nested documents share one budget

    @Test func nestedDocumentsPastTheDocumentBudgetAreRefusedNamingTheLimit() {
        // Six chunks of about 60 KB: each well under the part limit, together over the document's.
        let bomb = HostileInputs.nestedBomb(chunks: 6, bytes: 60_000)
        var inputs = PipelineConfiguration.Inputs.default
        inputs.maxDocumentBytes = 200_000
        #expect {
            try DocxFixture.read(bomb, inputs: inputs)
        } throws: { error in
            guard case let IngestError.documentTooLarge(path, _, limit)? = error as? IngestError else { return false }
            return path == "单位汇报.docx" && limit == 200_000
        }
    }

    @Test func documentBudgetMessageIsChineseAndSaysWhatToDo() {
        let message = IngestError.documentTooLarge(path: "甲局.docx", entry: "word/document.xml", limit: 1000).description
        #expect(message.contains("甲局.docx") && message.contains("嵌入") && message.contains("1000") && message.contains("另存为"))
    }

    @Test func nestedDocumentsWithinTheBudgetAreRead() throws {
        let nested = HostileInputs.nestedBomb(chunks: 2, bytes: 20_000)
        var inputs = PipelineConfiguration.Inputs.default
        inputs.maxDocumentBytes = 200_000
        let document = try DocxFixture.read(nested, inputs: inputs)
        #expect(document.paragraphs.filter { $0.location.origin == .altChunk }.count == 4)
    }

    @Test func partOfManyEmptyElementsIsRefusedNamingTheElementLimit() throws {
        // Small on disk and in bytes, large as a tree: empty paragraphs.
        let dense = DocxFixture.docx(body: DocxFixture.paragraph("正文") + String(repeating: "<w:p/>", count: 5_000))
        var inputs = PipelineConfiguration.Inputs.default
        inputs.maxXMLElements = 2_000
        #expect(throws: IngestError.xmlTooLarge(path: "单位汇报.docx", part: "word/document.xml", limit: 2_000)) {
            try DocxFixture.read(dense, inputs: inputs)
        }
        inputs.maxXMLElements = 20_000
        #expect(try DocxFixture.read(dense, inputs: inputs).paragraphs.map(\.text) == ["正文"])
    }

    @Test func elementLimitCountsEmbeddedDocumentsToo() {
        let nested = HostileInputs.nestedBomb(chunks: 3, bytes: 1_000)
        var inputs = PipelineConfiguration.Inputs.default
        // The outer document and one chunk fit; the chunks together do not.
        inputs.maxXMLElements = 40
        #expect {
            try DocxFixture.read(nested, inputs: inputs)
        } throws: { error in
            guard case IngestError.xmlTooLarge(_, _, 40)? = error as? IngestError else { return false }
            return true
        }
    }

    @Test func documentBudgetIsAConfigurationKey() throws {
        #expect(try PipelineConfiguration.decode(yaml: "inputs:\n  maxDocumentBytes: 1000\n").inputs.maxDocumentBytes == 1000)
        #expect(try PipelineConfiguration.decode(yaml: "inputs:\n  maxXMLElements: 1000\n").inputs.maxXMLElements == 1000)
        #expect(Self.configuration.inputs.maxXMLElements == PipelineConfiguration.Inputs.default.maxXMLElements)
        #expect(Self.configuration.inputs.maxDocumentBytes == PipelineConfiguration.Inputs.default.maxDocumentBytes)
    }

    // MARK: Long text in linear time

    @Test func longParagraphInOneRunIsReadWhole() throws {
        let bytes = 2 << 20
        let document = try DocxFixture.read(HostileInputs.singleRunDocx(bytes: bytes))
        #expect(document.paragraphs.count == 2)
        let text = try #require(document.paragraphs.last?.text)
        #expect(text == HostileInputs.longParagraph(bytes: bytes))
    }

    @Test func thousandsOfWrappedLinesAreRejoinedIntoOneSentence() {
        let lines = 20_000
        let raw = RawDocument(source: SourceInfo(path: "甲局.txt", format: .txt, sha256: ""),
                              paragraphs: TextDecoding.paragraphs(HostileInputs.wrappedLines(lines)))
        let normalized = Normalizer(configuration: Self.configuration).normalize(raw)
        // Rejoined into one sentence, then read in pieces of at most `Normalizer.longestLine`.
        let sentence = normalized.lines.dropFirst(2)
        #expect(sentence.map(\.text).joined().count == lines * 18 + 1)
        #expect(sentence.allSatisfy { $0.text.unicodeScalars.count <= Normalizer.longestLine })
        // One paragraph for the reader, said once.
        #expect(normalized.notes.filter { $0.contains("超过\(Normalizer.longestLine)字") } == ["报告中有1段超过\(Normalizer.longestLine)字，已分段读取（尽量在句末断开），请核对原文。"])
    }

    @Test func wrappedLinesStillStopAtSentenceEndsAndHeadings() {
        let joiner = LineJoiner()
        func line(_ text: String, _ index: Int) -> NormalizedLine {
            NormalizedLine(text: text, location: SourceLocation(paragraph: index))
        }
        let joined = joiner.join([
            line("青川区测试局党建工作汇报", 1), line("一、主要工作", 2),
            line("开展结对帮扶活动，深入困难党员家中走", 3), line("访慰问，送去慰问品和慰问金，", 4),
            line("解决实际困难，确保帮扶取得实效。”", 5), line("（二）加强作风建设", 6),
            line("组织党员到社区报到服务，开展志愿", 7), line("服务活动十余场。", 8),
            line("（三）持续深化党员教育管理，不断提升组织力", 9), line("组织党员开展学习，提升能力。", 10),
        ]).map(\.text)
        #expect(joined == ["青川区测试局党建工作汇报", "一、主要工作",
                           "开展结对帮扶活动，深入困难党员家中走访慰问，送去慰问品和慰问金，解决实际困难，确保帮扶取得实效。”",
                           "（二）加强作风建设", "组织党员到社区报到服务，开展志愿服务活动十余场。",
                           "（三）持续深化党员教育管理，不断提升组织力", "组织党员开展学习，提升能力。"])
    }

    @Test func lineFullOfPlaceholdersReportsEachOne() {
        let count = 5_000
        let raw = RawDocument(source: SourceInfo(path: "甲局.txt", format: .txt, sha256: ""),
                              paragraphs: TextDecoding.paragraphs("青川区测试局党建工作汇报\n"
                                  + String(repeating: "开展学习x次，", count: count) + "。"))
        let normalized = Normalizer(configuration: Self.configuration).normalize(raw)
        #expect(normalized.placeholders.count == count)
        #expect(normalized.placeholders.first?.text.contains("x次") == true)
    }

    @Test func lineFullOfPaywallMarkersLosesEveryOne() {
        let count = 5_000
        let raw = RawDocument(source: SourceInfo(path: "甲局.txt", format: .txt, sha256: ""),
                              paragraphs: TextDecoding.paragraphs("青川区测试局党建工作汇报\n"
                                  + String(repeating: "学习##paidbegin##", count: count) + "。"))
        let normalized = Normalizer(configuration: Self.configuration).normalize(raw)
        // The line is read in bounded pieces, cut between two Chinese characters: no marker is cut in two.
        #expect(normalized.lines.dropFirst().map(\.text).joined() == String(repeating: "学习", count: count) + "。")
        #expect(normalized.residue.count == count)
    }

    @Test func spellingsAreRestoredInOnePassAndOtherTextIsLeftAlone() {
        let restorer = SpellingRestorer(settings: Self.configuration.substitutions)
        let restored = restorer.substituting("压实D委责任，d建引领，发展入D积极分子，讲好D课")
        #expect(restored.text == "压实党委责任，党建引领，发展入党积极分子，讲好党课")
        #expect(restored.count == 4)
        let plain = restorer.substituting("Docker部署完成，D级危房已改造")
        #expect(plain.text == "Docker部署完成，D级危房已改造")
        #expect(plain.count == 0)
    }

    @Test func paragraphOfThousandsOfInlineMarkersTakesTheFirstRisingSequence() throws {
        let repeated = String(repeating: "一是加强学习，二是改进作风，三是严格管理。", count: 3_000)
        let location = SourceLocation(paragraph: 1)
        let split = try #require(InlineEnumeration.split([.init(text: repeated, location: location)]))
        #expect(split.entries.map(\.label) == ["一是", "二是", "三是"])
        #expect(split.entries.last?.text.hasPrefix("严格管理。一是加强学习") == true)
        // A paragraph that opens with the first marker again continues the same enumeration.
        let restarted = try #require(InlineEnumeration.split([
            .init(text: "一是加强学习，二是改进作风。", location: location),
            .init(text: "一是严格管理，二是强化监督。", location: SourceLocation(paragraph: 2)),
        ]))
        #expect(restarted.entries.map(\.label) == ["一是", "二是", "一是", "二是"])
    }

    /// Writes the generated inputs at 1×, 2× and 4× for timing by hand; off unless asked for.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["CONSOLIDATE_HOSTILE_OUT"] != nil))
    func writesHostileInputsForMeasurement() throws {
        let folder = URL(fileURLWithPath: try #require(ProcessInfo.processInfo.environment["CONSOLIDATE_HOSTILE_OUT"]))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for scale in [1, 2, 4] {
            try HostileInputs.wrappedLines(1000 * scale).write(to: folder.appendingPathComponent("lines-\(scale).txt"),
                                                               atomically: true, encoding: .utf8)
            try HostileInputs.singleRunDocx(bytes: (5 << 20) * scale).write(to: folder.appendingPathComponent("wt-\(scale).docx"))
            try HostileInputs.longParagraph(bytes: (5 << 20) * scale).write(to: folder.appendingPathComponent("paragraph-\(scale).txt"),
                                                                             atomically: true, encoding: .utf8)
        }
        try HostileInputs.nestedBomb(chunks: 12, bytes: 190 << 20).write(to: folder.appendingPathComponent("bomb.docx"))
    }
}
