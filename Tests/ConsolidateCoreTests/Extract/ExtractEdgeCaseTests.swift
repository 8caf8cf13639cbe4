import Testing
@testable import ConsolidateCore

/// Documents at the edges: empty, a title alone, nothing but residue.
@Suite struct ExtractEdgeCaseTests {
    @Test(arguments: [
        "",
        "XX局2024年党建工作总结",
        "##paidbegin##\n##paidend##",
        "一、\n（一）\n1.\n一是",
        "（\n(一\n第\n各\nx\n×××",
    ])
    func oddDocumentsAreReadWithoutFailing(text: String) {
        let report = ExtractFixtures.report(text)
        #expect(report.status == .ok)
        #expect(report.sections.flatMap(\.leaves).allSatisfy { $0.location != nil })
    }

    @Test func documentOfResidueOnlyHasNoBodyAndSaysSo() {
        let report = ExtractFixtures.report("##paidbegin##\n【某某素材库】会员群每日更新\n##paidend##")
        #expect(report.sections.isEmpty)
        #expect(report.title.isEmpty)
        #expect(report.residue.count == 3)
        #expect(report.warnings.contains { $0.contains("标题") })
    }
}
