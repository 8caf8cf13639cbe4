import Foundation

/// What `consolidate status` prints: the last runs and the current state of submissions, at a glance.
public enum StatusReport {
    public static func text(for folder: URL, runs: Int = 5, timeZone: TimeZone = .current) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        var lines: [String] = []
        let entries = Ledger.entries(in: folder)
        if entries.isEmpty {
            lines.append("\(folder.path) 还没有运行记录。")
        } else {
            lines.append("最近\(min(runs, entries.count))次运行（共\(entries.count)次）：")
            for entry in entries.suffix(runs).reversed() {
                let seconds = String(format: "%.1f", entry.ended.timeIntervalSince(entry.started))
                var line = "  \(formatter.string(from: entry.started))  用时\(seconds)秒  退出码\(entry.exitCode)"
                if entry.exitCode < 0 {
                    // Recorded by the run that took over its lock: when it ended is not known.
                    line = "  \(formatter.string(from: entry.started))  中断：\(entry.error ?? "未正常结束")"
                } else if let error = entry.error {
                    line += "  失败：\(error)"
                } else {
                    line += "  文件：新\(entry.filesNew) 变\(entry.filesChanged) 未变\(entry.filesUnchanged) 隔离\(entry.filesQuarantined)"
                        + (entry.filesRead.map { " 本次读取\($0)" } ?? "")
                        + "  单位：计入\(entry.unitsReceived) 未报\(entry.unitsMissing)"
                }
                lines.append(line)
            }
        }
        if !OutputWriter.unfinished(folder).isEmpty {
            lines.append("注意：上次运行在替换输出文件时中断，输出文件夹中新旧文件并存；下次运行会先补完，或现在手动运行一次。")
        }
        if let record = RunRecord.previous(in: folder) {
            var state = "当前：已计入\(record.counts.received)个单位"
            let quarantined = record.inputs.filter { $0.status == .quarantined }.map(\.unit)
            if !quarantined.isEmpty { state += "，隔离\(quarantined.count)个（\(quarantined.joined(separator: "、"))）" }
            if record.roster == nil {
                state += "，未提供单位名单，无法核对未报送单位"
            } else {
                state += record.missing.isEmpty ? "，无未报送单位" : "，未报送\(record.missing.count)个（\(record.missing.joined(separator: "、"))）"
            }
            let unidentified = record.inputs.filter { $0.identifiedBy == .file && $0.status != .superseded }.map(\.unit)
            if !unidentified.isEmpty { state += "，\(unidentified.count)份未识别单位（\(unidentified.joined(separator: "、"))）" }
            lines.append(state + "。")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
