import Foundation
import Testing
@testable import ConsolidateCore

/// .doc, .wps and .pdf submissions read through LibreOffice and pdftotext, and what happens
/// where those tools are missing, slow or given a scan.
@Suite struct IngestConvertedFormatsTests {
    static let configuration = NormalizeFixtures.configuration
    static let toolsInstalled = DocumentConverter.executable("soffice") != nil && DocumentConverter.executable("pdftotext") != nil

    /// The reading of one file: its leaf statements and its figures.
    static func reading(_ url: URL, inputs: PipelineConfiguration.Inputs = configuration.inputs) throws -> (UnitReport, [String], [String]) {
        let raw = try Ingest.read(url, displayPath: url.lastPathComponent, inputs: inputs)
        let report = Extractor(configuration: configuration)
            .extract(Normalizer(configuration: configuration).normalize(raw), unitHint: nil)
        let leaves = report.sections.flatMap { $0.items.flatMap(\.leaves) }.map(\.statement)
        let figures = report.metrics.map { "\($0.activity)=\($0.value.map(String.init) ?? "?")\($0.unit)" }.sorted()
        return (report, leaves, figures)
    }

    /// Converts `source` with LibreOffice into `format` in `folder`.
    static func convert(_ source: URL, to format: String, in folder: URL) throws -> URL {
        let process = Process()
        process.executableURL = DocumentConverter.executable("soffice")
        process.arguments = ["-env:UserInstallation=" + folder.appendingPathComponent("profile").absoluteString,
                             "--headless", "--convert-to", format, "--outdir", folder.path, source.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let ending = String(format.prefix { $0 != ":" })
        return folder.appendingPathComponent(source.deletingPathExtension().lastPathComponent + "." + ending)
    }

    @Test(.enabled(if: toolsInstalled, "LibreOffice (soffice) or poppler (pdftotext) is not installed: make deps installs them"))
    func oneReportAsDocxDocPdfAndTxtGivesTheSameStatementsAndFigures() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("converted-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let docx = folder.appendingPathComponent("青川区财政局.docx")
        try FileManager.default.copyItem(at: Repository.samples.appendingPathComponent("青川区财政局.docx"), to: docx)
        let (original, leaves, figures) = try Self.reading(docx)
        #expect(leaves.count >= 20)
        #expect(figures.count >= 10)

        for format in ["doc", "pdf", "txt:Text (encoded):UTF8"] {
            let converted = try Self.convert(docx, to: format, in: folder)
            let started = Date()
            let (report, otherLeaves, otherFigures) = try Self.reading(converted)
            print("\(converted.lastPathComponent): read in \(String(format: "%.2f", Date().timeIntervalSince(started))) s, "
                  + "converted by \(report.source.convertedBy ?? "nothing")")
            #expect(otherLeaves == leaves, "\(format)")
            #expect(otherFigures == figures, "\(format)")
            #expect(report.unit == original.unit)
            #expect(report.period == original.period)
        }
        let doc = try Self.reading(folder.appendingPathComponent("青川区财政局.doc")).0
        #expect(doc.source.format == .doc)
        #expect(doc.source.convertedBy?.contains("LibreOffice") == true)
        let pdf = try Self.reading(folder.appendingPathComponent("青川区财政局.pdf")).0
        #expect(pdf.source.format == .pdf)
        #expect(pdf.source.convertedBy?.contains("pdftotext") == true)
    }

    @Test func withoutLibreOfficeADocKeepsItsAdviceToResave() throws {
        var inputs = Self.configuration.inputs
        inputs.converters.libreOffice = ""
        let url = Repository.samples.appendingPathComponent("青川区住房和城乡建设局.docx")
        #expect(throws: IngestError.legacyDocument(path: "青川区住房和城乡建设局.docx", kind: .word97)) {
            _ = try Ingest.read(url, displayPath: "青川区住房和城乡建设局.docx", inputs: inputs)
        }
    }

    @Test func aConversionPastItsTimeLimitIsStoppedAndTheFileQuarantined() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("slow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let tool = folder.appendingPathComponent("slow-office")
        try "#!/bin/sh\nsleep 30\n".write(to: tool, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tool.path)
        var inputs = Self.configuration.inputs
        inputs.converters = PipelineConfiguration.Converters(libreOffice: tool.path, pdfToText: tool.path, timeoutSeconds: 1)
        let started = Date()
        #expect(throws: IngestError.conversionFailed(path: "a.pdf", tool: "pdftotext（读取 PDF 文字）", reason: "超过 1 秒仍未完成")) {
            _ = try Ingest.read(bytes: Data("%PDF-1.4\n".utf8), displayPath: "a.pdf", inputs: inputs)
        }
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func aPDFsRunningHeaderFooterAndPageNumbersAreDroppedAndParagraphsRejoined() {
        let width = "                                                            "
        let page1 = """
                        青石镇党委文件
              今年以来，镇党委坚持抓党建促发展，认真落实管党治党责任，
        全年召开党委会议12次，各项工作取得新进展。\(width)
              一、主要做法
              （一）抓实理论学习。组织集中学习10次，班子成员撰写心得体会
        8篇，交流研讨4次，推动学习走深走实，党员干部理论水平明显提升，
                              - 1 -
        """
        let page2 = """
                        青石镇党委文件
        取得了较好效果。
              （二）建强基层组织。全镇新发展党员5名。
                              - 2 -
        """
        let pages = PDFText.pages(page1 + "\u{0C}" + page2 + "\u{0C}")
        let paragraphs = PDFText.paragraphs(pages).map(\.text)
        #expect(paragraphs == [
            "今年以来，镇党委坚持抓党建促发展，认真落实管党治党责任，全年召开党委会议12次，各项工作取得新进展。",
            "一、主要做法",
            "（一）抓实理论学习。组织集中学习10次，班子成员撰写心得体会8篇，交流研讨4次，推动学习走深走实，党员干部理论水平明显提升，取得了较好效果。",
            "（二）建强基层组织。全镇新发展党员5名。",
        ])
    }

    /// In a CJK font a full line of Chinese holds half as many characters as a line of the same
    /// width that pdftotext spaced out around its digits: the width, not the count, tells a full line.
    @Test func aFullLineOfChineseBesideALineOfDigitsStillContinuesItsParagraph() {
        let page = """
          一、主要做法
          （一）抓实理论学习。2024 年组织集中学习 10 次，撰写心得 8 篇，研讨 4 次，
        开展专题辅导 2 次，理论水平明显提升。
          （二）建强基层组织。镇党委对照标准逐项自查基层组织建设，落实整改责任
        制，推动支部建设规范化。
          （三）做好结对帮扶。
        """
        let paragraphs = PDFText.paragraphs(PDFText.pages(page + "\u{0C}")).map(\.text)
        #expect(paragraphs == [
            "一、主要做法",
            "（一）抓实理论学习。2024年组织集中学习10次，撰写心得8篇，研讨4次，开展专题辅导2次，理论水平明显提升。",
            "（二）建强基层组织。镇党委对照标准逐项自查基层组织建设，落实整改责任制，推动支部建设规范化。",
            "（三）做好结对帮扶。",
        ])
        #expect(PDFText.displayWidth("党建 12") == 7)
    }

    @Test func aTitleWrappedOntoACentredSecondLineIsOneParagraph() {
        let page = """
        石桥镇农业服务中心 2025 年上半年党建工作情况
                    总结
          今年以来，中心党支部围绕服务农业生产，扎实开展各项党建工作，现总结如下：
        """
        let paragraphs = PDFText.paragraphs(PDFText.pages(page + "\u{0C}")).map(\.text)
        #expect(paragraphs.first == "石桥镇农业服务中心2025年上半年党建工作情况总结")
        // A short centred line under a sentence is no part of it.
        let notTitle = PDFText.paragraphs(PDFText.pages("""
        今年以来，中心党支部扎实开展各项党建工作。
                    总结
        """ + "\u{0C}")).map(\.text)
        #expect(notTitle.count == 2)
    }

    @Test func aPDFWithoutATextLayerIsAScan() {
        #expect(!PDFText.hasTextLayer(PDFText.pages("\u{0C}\n\u{0C}  \n\u{0C}")))
        #expect(PDFText.hasTextLayer(PDFText.pages("今年以来，支部坚持以学促干，全年开展集中学习十二次，成效明显。")))
    }

    @Test(arguments: [
        ("集中学习 12 次", "集中学习12次"), ("审减 1860万元", "审减1860万元"), ("PPT 课件", "PPT课件"),
        ("in PDF files", "in PDF files"), ("党员 大会", "党员 大会"),
        ("以学习为抓手 ，分两批", "以学习为抓手，分两批"), ("开展活动。 支部", "开展活动。支部"),
        ("召开会议 “三会一课”", "召开会议“三会一课”"), ("PDF , files", "PDF , files"),
    ])
    func layoutGapsBetweenScriptsAreClosed(text: String, expected: String) {
        #expect(PDFText.closingScriptGaps(text) == expected)
    }
}
