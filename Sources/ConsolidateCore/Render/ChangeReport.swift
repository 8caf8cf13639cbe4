/// What changed since the previous run (`changes.md`), for the reviewer who reads the nightly result.
///
/// Compares the previous run's record and summary with this run's: units newly
/// received, resubmitted or quarantined, statements that entered or left the
/// summary, and totals that moved. It holds no time of day, so the same two
/// states always give the same text.
public struct ChangeReport: Sendable {
    public var previousRecord: RunRecord?
    public var previous: Consolidation?
    public var currentRecord: RunRecord
    public var current: Consolidation

    public init(previousRecord: RunRecord?, previous: Consolidation?, currentRecord: RunRecord, current: Consolidation) {
        self.previousRecord = previousRecord
        self.previous = previous
        self.currentRecord = currentRecord
        self.current = current
    }

    public func markdown() -> String {
        var lines = ["# 与上次运行相比的变化", ""]
        guard let previous, let previousRecord else {
            lines.append("这是该输出文件夹的第一次运行，没有可以比较的上次结果。")
            return lines.joined(separator: "\n") + "\n"
        }
        lines += ["## 报送情况", ""]
        let before = Dictionary(previousRecord.inputs.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(currentRecord.inputs.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        let added = currentRecord.inputs.filter { before[$0.path] == nil }
        let resubmitted = currentRecord.inputs.filter { input in before[input.path].map { $0.sha256 != input.sha256 } ?? false }
        let removed = previousRecord.inputs.filter { after[$0.path] == nil }
        let quarantined = currentRecord.inputs.filter { $0.status == .quarantined && before[$0.path]?.status != .quarantined }
        let previouslyMissing = Set(previousRecord.missing), nowMissing = Set(currentRecord.missing)
        var any = false
        func line(_ label: String, _ items: [String]) {
            guard !items.isEmpty else { return }
            any = true
            lines.append("- \(label)（\(items.count)）：\(items.joined(separator: "、"))")
        }
        line("新收到", added.map { "\($0.unit)（\($0.path)）" })
        line("重新报送、内容有变化", resubmitted.map { "\($0.unit)（\($0.path)）" })
        line("文件已撤下", removed.map { "\($0.unit)（\($0.path)）" })
        line("新隔离", quarantined.map { "\($0.unit)（\($0.reason ?? "")）" })
        line("已补报", previouslyMissing.subtracting(nowMissing).sorted())
        line("新增未报送", nowMissing.subtracting(previouslyMissing).sorted())
        if !any { lines.append("报送材料没有变化。") }

        lines += ["", "## 汇总内容", ""]
        let oldStatements = Set(Self.statements(of: previous)), newStatements = Set(Self.statements(of: current))
        let entered = newStatements.subtracting(oldStatements).sorted(), left = oldStatements.subtracting(newStatements).sorted()
        if entered.isEmpty && left.isEmpty { lines.append("汇总所依据的内容没有变化。") }
        if !entered.isEmpty {
            lines.append("新增\(entered.count)条：")
            lines += entered.map { "- \($0)" }
        }
        if !left.isEmpty {
            lines.append("移出\(left.count)条：")
            lines += left.map { "- \($0)" }
        }

        lines += ["", "## 数字", ""]
        let oldTotals = Dictionary(previous.metrics.map { ($0.activity + $0.unit, $0) }, uniquingKeysWith: { a, _ in a })
        let newTotals = Dictionary(current.metrics.map { ($0.activity + $0.unit, $0) }, uniquingKeysWith: { a, _ in a })
        var moved: [String] = []
        for key in Set(oldTotals.keys).union(newTotals.keys).sorted() {
            let old = oldTotals[key], new = newTotals[key]
            guard old?.total != new?.total || old?.unknown != new?.unknown else { continue }
            let total = new ?? old!
            moved.append("- \(total.activity)：\(old.map { "\($0.total)\($0.unit)" } ?? "无") → \(new.map { "\($0.total)\($0.unit)" } ?? "无")"
                + ((new?.unknown.isEmpty ?? true) ? "" : "（未填写：\(new!.unknown.joined(separator: "、"))）"))
        }
        lines += moved.isEmpty ? ["合计数字没有变化。"] : moved
        return lines.joined(separator: "\n") + "\n"
    }

    /// Every statement of a consolidation as `单位：原文`, for comparing two runs.
    static func statements(of consolidation: Consolidation) -> [String] {
        (consolidation.achievements.flatMap(\.members) + consolidation.plans.flatMap(\.members)
            + consolidation.problems.flatMap(\.items)).map { "\($0.unit)：\($0.text)" }
    }
}
