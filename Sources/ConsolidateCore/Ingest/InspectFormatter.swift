/// Renders a `RawDocument` for `consolidate inspect FILE`: what the reader made of a file,
/// so that a user who doubts a number or a missing sentence can see the reading itself.
///
/// Two forms:
/// - `detailed`: a header (path, format, encoding, sha256, notes), then one line per
///   paragraph: its location, origin, style, rendered number and text, with tabs and line
///   breaks shown as `\t` and `\n` so that every character is visible.
/// - `plain` (`--plain`): one paragraph per line as a reader sees it, `number + text`, tabs
///   and line breaks left as they are; the main text (body, tables, text boxes) first in
///   reading order, then each side channel under a line `--- 脚注 ---`, `--- 批注 ---`, ….
///   The side-channel headings are Chinese because the users are.
public enum InspectFormatter {
    public static func detailed(_ document: RawDocument) -> String {
        var lines: [String] = []
        let source = document.source
        lines.append("文件: \(source.path)")
        lines.append("格式: \(source.format.rawValue)" + (source.encoding.map { "  编码: \($0)" } ?? ""))
        lines.append("sha256: \(source.sha256)")
        lines.append("段落: \(document.paragraphs.count)")
        for note in document.notes { lines.append("说明: \(note)") }
        lines.append("")
        let width = String(document.paragraphs.last?.location.paragraph ?? 0).count
        for paragraph in document.paragraphs {
            let index = String(paragraph.location.paragraph)
            var line = String(repeating: " ", count: max(0, width - index.count)) + index
            line += "  " + paragraph.location.origin.rawValue.padding(toLength: 9)
            if let style = paragraph.style { line += "  [\(style)]" }
            if !paragraph.number.isEmpty { line += "  number=\"\(visible(paragraph.number))\"" }
            line += "  \(visible(paragraph.text))"
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func plain(_ document: RawDocument) -> String {
        var lines = document.paragraphs.filter { $0.location.origin.isMainText }.map(\.displayText)
        for origin in ParagraphOrigin.allCases where !origin.isMainText {
            let paragraphs = document.paragraphs.filter { $0.location.origin == origin }
            guard !paragraphs.isEmpty else { continue }
            lines.append("--- \(heading(origin)) ---")
            lines += paragraphs.map(\.displayText)
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// The Chinese name of a side channel, used in the `--- … ---` separator lines.
    public static func heading(_ origin: ParagraphOrigin) -> String {
        switch origin {
        case .body: return "正文"
        case .table: return "表格"
        case .textBox: return "文本框"
        case .footnote: return "脚注"
        case .endnote: return "尾注"
        case .comment: return "批注"
        case .header: return "页眉"
        case .footer: return "页脚"
        case .altChunk: return "嵌入内容"
        }
    }

    /// Text with tabs, line breaks and backslashes escaped, so a line shows every character.
    static func visible(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\t": result += "\\t"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

private extension String {
    func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
