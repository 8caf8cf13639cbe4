import Foundation
import Testing
@testable import ConsolidateCore

/// Inputs the fuzzer (`make fuzz`) found to crash or hang, written here by code; each must now be
/// read or quarantined with a reason.
@Suite struct FuzzRegressionTests {
    static let configuration = try! PipelineConfiguration.load(from: Repository.defaultPipeline)

    static func read(_ bytes: [UInt8], as path: String = "单位汇报.txt") -> UnitReport {
        PipelineRunner(configuration: configuration, roster: nil).readOne(bytes: Data(bytes), path: path)
    }

    @Test func placeholderAfterASingleCharacterAtTheStartOfALineDoesNotCrash() {
        // crash-09acf79c…: GB18030 0x93 0x62 (one Han character) then `_`, a blank to fill in:
        // the words before the blank reached back past the line's start (index -1).
        let report = Self.read([0x93, 0x62, 0x5F])
        #expect(report.status == .ok || !(report.error ?? "").isEmpty)
    }

    @Test func blankAfterOneCharacterIsStillReportedAsAPlaceholder() {
        let report = Self.read(Array("青川区测试局党建工作汇报\n局___\n组织党员开展集中学习___次。\n".utf8))
        #expect(report.status == .ok)
        #expect(!report.placeholders.isEmpty)
    }
}
