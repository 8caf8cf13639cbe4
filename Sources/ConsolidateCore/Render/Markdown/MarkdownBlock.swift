/// One block of the summary's Markdown: what summary.docx and the read-back test are built from.
///
/// summary.docx is laid out from the rendered summary.md rather than from a second
/// rendering of the consolidation, so that a department's edit of the summary
/// template changes both documents alike and they can never say different things.
/// Only the subset the template writes is understood: `#` to `###` headings,
/// numbered (`1.`) and bulleted (`-`) lines, `**bold**`, and pipe tables; any
/// other line is an ordinary paragraph.
public enum MarkdownBlock: Sendable, Equatable {
    /// `#` (level 1, the title), `##` (一、), `###` (（一）).
    case heading(level: Int, text: [MarkdownSpan])
    /// A paragraph; a numbered line keeps its number (`1. `) as text, a bullet loses its dash.
    case paragraph([MarkdownSpan])
    /// A pipe table: the first row is the header.
    case table(rows: [[String]])

    /// The block's text without markup, as a reader of the .docx sees it (a table gives one string per cell).
    public var plainTexts: [String] {
        switch self {
        case let .heading(_, spans), let .paragraph(spans):
            return [spans.map(\.text).joined()]
        case let .table(rows):
            return rows.flatMap { $0 }
        }
    }

    /// The blocks of a Markdown text, in order.
    public static func parse(_ markdown: String) -> [MarkdownBlock] {
        var blocks: [MarkdownBlock] = []
        var tableRows: [[String]] = []
        func flushTable() {
            if !tableRows.isEmpty { blocks.append(.table(rows: tableRows)) }
            tableRows = []
        }
        for rawLine in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("|") {
                let cells = tableCells(line)
                // The delimiter row (`| --- | --- |`) carries no text.
                if !cells.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0 == "-" || $0 == ":" } }) {
                    tableRows.append(cells)
                }
                continue
            }
            flushTable()
            if line.isEmpty { continue }
            if let level = headingLevel(line) {
                let text = line.dropFirst(level).trimmingCharacters(in: .whitespaces)
                blocks.append(.heading(level: level, text: MarkdownSpan.parse(text)))
            } else if line.hasPrefix("- ") || line.hasPrefix("* ") {
                blocks.append(.paragraph(MarkdownSpan.parse(String(line.dropFirst(2)))))
            } else {
                blocks.append(.paragraph(MarkdownSpan.parse(line)))
            }
        }
        flushTable()
        return blocks
    }

    private static func headingLevel(_ line: String) -> Int? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        return hashes
    }

    private static func tableCells(_ line: String) -> [String] {
        var body = Substring(line)
        if body.hasPrefix("|") { body = body.dropFirst() }
        if body.hasSuffix("|") { body = body.dropLast() }
        return body.split(separator: "|", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
    }
}

/// A run of inline text, bold or not (`**三会一课**`).
public struct MarkdownSpan: Sendable, Equatable {
    public var text: String
    public var bold: Bool

    public init(_ text: String, bold: Bool = false) {
        self.text = text
        self.bold = bold
    }

    /// Splits a line at `**` markers; an unpaired marker stays as text.
    static func parse(_ line: String) -> [MarkdownSpan] {
        let pieces = line.components(separatedBy: "**")
        guard pieces.count >= 3 else { return [MarkdownSpan(line)] }
        var spans: [MarkdownSpan] = []
        for (index, piece) in pieces.enumerated() {
            // With an even number of pieces the last marker has no partner.
            let inside = index % 2 == 1
            let bold = inside && (pieces.count % 2 == 1 || index < pieces.count - 1)
            if inside, !bold {
                spans.append(MarkdownSpan("**" + piece))
            } else if !piece.isEmpty {
                spans.append(MarkdownSpan(piece, bold: bold))
            }
        }
        return spans
    }
}
