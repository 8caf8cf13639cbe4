/// What the review did, in Chinese: the closing line of summary.md and the section of changes.md.
extension ReviewOutcome {
    /// One sentence for the end of summary.md; nil where nothing was decided.
    public var summaryLine: String? {
        let applied = decisions.filter(\.applied)
        guard !decisions.isEmpty else { return nil }
        let reviewed = reviewedKeys.count
        let rewritten = applied.filter { $0.decision.kind == .rewrite }.count
        let moved = applied.filter { [.move, .split, .join].contains($0.decision.kind) }.count
        var parts: [String] = []
        if reviewed > 0 { parts.append("审核确认\(reviewed)条") }
        if rewritten > 0 { parts.append("改写表述\(rewritten)处") }
        if moved > 0 { parts.append("调整归并\(moved)处") }
        if !leftOut.isEmpty { parts.append("不列入汇总\(leftOut.count)条") }
        var line = "（本稿经人工审核" + (parts.isEmpty ? "" : "：" + parts.joined(separator: "，"))
        let stale = needingLook.count
        if stale > 0 { line += "；另有\(stale)项审核决定因材料变化需要重新审核，见 review.html" }
        return line + "。）"
    }

    /// The changes.md section listing decisions that need another look; nil where none does.
    public var changesSection: String? {
        let stale = needingLook
        guard !stale.isEmpty else { return nil }
        var lines = ["## 需要重新审核的决定", ""]
        for entry in stale {
            let first = entry.decision.statements.first
            let what = first.map { "\($0.unit)：“\($0.text.prefix(40))”" } ?? "（无语句）"
            lines.append("- \(Self.kindWords[entry.decision.kind] ?? entry.decision.kind.rawValue)（\(entry.decision.id)）\(what)：\(entry.problem ?? "")")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static let kindWords: [Decision.Kind: String] = [
        .reviewed: "已审核", .rewrite: "改写表述", .move: "移动", .split: "单独成组", .join: "合并", .leaveOut: "不列入汇总", .note: "备注",
    ]
}
