import Foundation
import Testing
@testable import ConsolidateCore

/// Decisions and hand edits across real runs of the pipeline over small reports written here.
@Suite struct ReviewRunTests {
    static let configuration = try! PipelineConfiguration.load(from: Repository.defaultPipeline)

    static func report(_ unit: String, practice: String, problems: [String], plan: String) -> String {
        let numbered = ["一是", "二是", "三是"]
        return """
            \(unit)党委2025年上半年党建工作总结

            一、主要工作开展情况
            （一）加强理论学习
            \(practice)
            二、存在的问题
            \(zip(numbered, problems).map { "\($0)\($1)" }.joined(separator: "\n"))
            三、下一步工作计划
            \(plan)
            """
    }

    /// Two units' reports in a fresh input folder, and an output folder beside it.
    static func folders() throws -> (root: URL, input: URL, output: URL) {
        let root = try temporaryFolder()
        let input = root.appendingPathComponent("in"), output = root.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try report("青川区东湖街道", practice: "每月组织党员集中学习一次，围绕党章党规开展研讨交流。",
                   problems: ["组织生活形式比较单调，对年轻党员吸引力不强。", "少数党员理论学习停留在读文件层面，学用结合不够。"],
                   plan: "下半年举办一期社区党组织书记培训班。")
            .write(to: input.appendingPathComponent("青川区东湖街道.txt"), atomically: true, encoding: .utf8)
        try report("青川区西山镇", practice: "坚持每季度召开一次党员大会，按时足额收缴党费。",
                   problems: ["党员教育方式老套，活动创新不够。", "村级后备干部储备不足，年龄结构偏大。"],
                   plan: "年底前完成村党组织书记轮训。")
            .write(to: input.appendingPathComponent("青川区西山镇.txt"), atomically: true, encoding: .utf8)
        return (root, input, output)
    }

    @discardableResult
    static func run(_ input: URL, _ output: URL) throws -> PipelineRunner.Outcome {
        try PipelineRunner(configuration: configuration, roster: nil).run(input: input, output: output)
    }

    static func read(_ output: URL, _ name: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func decisionsMadeAfterOneRunShapeEveryLaterRun() throws {
        let (root, input, output) = try Self.folders()
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try #require(try Self.run(input, output).consolidation)
        #expect(first.review == nil)
        #expect(!FileManager.default.fileExists(atPath: ReviewInput.url(output).path), "without decisions summary.json is the merge's result")
        #expect(try ReviewInput.load(output) == first)
        let problems = first.problems.flatMap(\.items)
        let rewritten = try #require(first.problems.first)
        let anchor = try #require(rewritten.items.first)
        // A problem of another category moves to 后备干部/队伍建设 (cadre) or, if it is there already, to study.
        let moving = try #require(problems.first { item in !rewritten.items.contains(item) } ?? problems.last)
        let from = first.problems.first { $0.items.contains(moving) }?.category
        let target = from == "cadre" ? "study" : "cadre"
        let store = DecisionStore(output: output)
        try store.record(Decision(kind: .rewrite, statements: [StatementRef(anchor)], text: "部分党员参加组织生活的主动性不强"))
        try store.record(Decision(kind: .move, statements: [StatementRef(moving)], toCategory: target))
        try store.record(Decision(kind: .reviewed, statements: [StatementRef(moving)]))

        let second = try #require(try Self.run(input, output).consolidation)
        #expect(try ReviewInput.load(output) == first, "the server starts from the merge's result, not from the reviewed one")
        let summary = try Self.read(output, "summary.md")
        #expect(summary.contains("部分党员参加组织生活的主动性不强"))
        #expect(second.problems.first { $0.category == target }?.items.contains(moving) == true)
        #expect(summary.contains("（本稿经人工审核：审核确认1条，改写表述1处，调整归并1处。）"))
        #expect(try Self.read(output, "summary.json").contains("\"review\""))
        #expect(try Self.read(output, "review.html").contains("部分党员参加组织生活的主动性不强"))

        // The unit of the rewritten statement resubmits with that statement reworded.
        let file = input.appendingPathComponent("\(anchor.unit).txt")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: anchor.text, with: "这一条已由单位重新表述。").write(to: file, atomically: true, encoding: .utf8)
        let third = try Self.run(input, output)
        let changes = try Self.read(output, "changes.md")
        #expect(changes.contains("需要重新审核"))
        #expect(third.warnings.contains { $0.contains("需要重新审核") })
        #expect(try DecisionStore(output: output).load().count == 3, "the decision is kept, not dropped")
        #expect(third.consolidation?.problems.first { $0.category == target }?.items.contains(moving) == true)
    }

    @Test func aSummaryEditedByHandIsKeptBesideTheNewOne() throws {
        let (root, input, output) = try Self.folders()
        defer { try? FileManager.default.removeItem(at: root) }
        try Self.run(input, output)
        // An unchanged rerun keeps no copy and says nothing.
        let quiet = try Self.run(input, output)
        #expect(!quiet.warnings.contains { $0.contains("手工改动") })
        let summary = output.appendingPathComponent("summary.md")
        try (Self.read(output, "summary.md") + "\n审核人补充的一段话。\n").write(to: summary, atomically: true, encoding: .utf8)
        let outcome = try Self.run(input, output)
        let copies = try FileManager.default.contentsOfDirectory(atPath: output.path).filter { $0.hasPrefix("summary.edited-") }
        #expect(copies.count == 1)
        #expect(copies.first?.hasSuffix(".md") == true)
        #expect(try Self.read(output, copies[0]).contains("审核人补充的一段话。"))
        #expect(!(try Self.read(output, "summary.md").contains("审核人补充的一段话。")))
        #expect(outcome.warnings.contains { $0.contains("手工改动") && $0.contains(copies[0]) })
        #expect(try Self.read(output, "run.json").contains(copies[0]))
    }

    @Test func aHandWrittenSummaryInAFreshOutputFolderIsKept() throws {
        let (root, input, output) = try Self.folders()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try "自己写的汇总稿。\n".write(to: output.appendingPathComponent("summary.md"), atomically: true, encoding: .utf8)
        let outcome = try Self.run(input, output)
        let copies = try FileManager.default.contentsOfDirectory(atPath: output.path).filter { $0.hasPrefix("summary.edited-") }
        #expect(copies.count == 1)
        #expect(outcome.warnings.contains { $0.contains("手工改动") })
    }

    @Test func reviewOfAFolderNoRunWroteSaysSoAndExitsFive() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try ConsolidateBinary.run(["review", "--out", folder.path, "--port", "1"])
        #expect(result.status == 5)
        #expect(result.stderr.contains("summary.json"))
        #expect(result.stderr.contains("consolidate run"))
    }
}
