import Foundation

/// Reads a .docx package into paragraphs: the body first, in reading order, then the side
/// channels (footnotes, endnotes, comments, headers, footers, alternative-format chunks),
/// each paragraph tagged with the part it came from.
struct DocxReader {
    let path: String
    let inputs: PipelineConfiguration.Inputs
    /// How many `w:altChunk` documents deep this reading is (a .docx chunk inside a .docx).
    var nesting = 0

    /// A relationship of a part: its type's last path segment (`footnotes`, `header`) and resolved target.
    private struct Relationship {
        let type: String
        let target: String
        let external: Bool
    }

    /// The result before it becomes a `RawDocument`.
    struct Reading {
        var paragraphs: [RawParagraph]
        var notes: [String]
    }

    func read(_ archive: DocxArchive) throws(IngestError) -> Reading {
        let mainPart = try mainDocumentPart(archive)
        guard let documentRoot = try parse(mainPart, in: archive) else {
            throw .brokenDocx(path: path, reason: "缺少正文部件 \(mainPart)")
        }
        let relationships = try self.relationships(of: mainPart, in: archive)
        func parts(_ type: String) -> [Relationship] {
            relationships.values.filter { $0.type == type && !$0.external }.sorted { $0.target < $1.target }
        }
        var stylesRoot: XMLElement?
        if let part = parts("styles").first { stylesRoot = try parse(part.target, in: archive) }
        var numberingRoot: XMLElement?
        if let part = parts("numbering").first { numberingRoot = try parse(part.target, in: archive) }
        let styles = WordStyles(root: stylesRoot)
        let numbering = WordNumbering(root: numberingRoot)

        var reader = WordStoryReader(styles: styles, numbering: numbering, firstParagraphIndex: 0)
        if let body = documentRoot.wordChild("body") {
            reader.readBlocks(body, origin: .body)
        }
        var paragraphs = reader.paragraphs
        var notes: [String] = []
        var findings = reader.findings
        var index = reader.paragraphIndex

        /// Reads the stories of one side-channel part with a numbering of their own.
        func readStories(_ stories: [XMLElement], origin: ParagraphOrigin) {
            var storyReader = WordStoryReader(styles: styles, numbering: numbering, firstParagraphIndex: index)
            for story in stories where !FileDeadline.passed { storyReader.readBlocks(story, origin: origin) }
            paragraphs += storyReader.paragraphs
            index = storyReader.paragraphIndex
            findings.trackedChanges = findings.trackedChanges || storyReader.findings.trackedChanges
            findings.hiddenText = findings.hiddenText || storyReader.findings.hiddenText
        }

        for (type, element, origin) in [("footnotes", "footnote", ParagraphOrigin.footnote),
                                        ("endnotes", "endnote", .endnote), ("comments", "comment", .comment)] {
            for relationship in parts(type) {
                guard let root = try parse(relationship.target, in: archive) else { continue }
                // Separator notes (types separator, continuationSeparator, continuationNotice) are rules, not text.
                let stories = root.wordChildren(element).filter { $0.attributes["type"] == nil || $0.attributes["type"] == "normal" }
                readStories(stories, origin: origin)
            }
        }
        for (references, origin) in [(findings.headerReferences, ParagraphOrigin.header), (findings.footerReferences, .footer)] {
            var seen: Set<String> = []
            for id in references {
                guard let relationship = relationships[id], !relationship.external, seen.insert(relationship.target).inserted,
                      let root = try parse(relationship.target, in: archive) else { continue }
                readStories([root], origin: origin)
            }
        }
        for id in findings.alternativeChunks where !FileDeadline.passed {
            guard let relationship = relationships[id], !relationship.external else { continue }
            let chunk = try alternativeChunk(relationship.target, in: archive, notes: &notes)
            for text in chunk {
                index += 1
                paragraphs.append(RawParagraph(text: text, location: SourceLocation(paragraph: index, origin: .altChunk)))
            }
        }

        if findings.trackedChanges { notes.append("文档含有修订痕迹，已按接受全部修订后的文字读取。") }
        if findings.hiddenText { notes.append("文档含有隐藏文字，已略去。") }
        if findings.textBoxes > 0 { notes.append("文档含有 \(findings.textBoxes) 个文本框，其文字已接在所在段落之后读取。") }
        return Reading(paragraphs: paragraphs, notes: notes)
    }

    /// The main document part, from the package relationships (`officeDocument`), else `word/document.xml`.
    private func mainDocumentPart(_ archive: DocxArchive) throws(IngestError) -> String {
        let packageRelationships = try relationships(ofPackageIn: archive)
        if let main = packageRelationships.values.first(where: { $0.type == "officeDocument" && !$0.external }),
           archive.contains(main.target) {
            return main.target
        }
        guard archive.contains("word/document.xml") else {
            throw .brokenDocx(path: path, reason: "压缩包中没有 word/document.xml 正文部件")
        }
        return "word/document.xml"
    }

    private func relationships(ofPackageIn archive: DocxArchive) throws(IngestError) -> [String: Relationship] {
        try relationships(at: "_rels/.rels", base: "", in: archive)
    }

    private func relationships(of part: String, in archive: DocxArchive) throws(IngestError) -> [String: Relationship] {
        try relationships(at: DocxArchive.relationshipsPath(for: part), base: part, in: archive)
    }

    private func relationships(at relsPath: String, base: String, in archive: DocxArchive) throws(IngestError) -> [String: Relationship] {
        guard let root = try parse(relsPath, in: archive) else { return [:] }
        var result: [String: Relationship] = [:]
        for case let .element(element) in root.children where element.name == "Relationship" {
            guard let id = element.attributes["Id"], let target = element.attributes["Target"],
                  let type = element.attributes["Type"] else { continue }
            let external = element.attributes["TargetMode"] == "External"
            let resolved = external ? target : DocxArchive.resolve(target: target, relativeTo: base.isEmpty ? "x" : base)
            result[id] = Relationship(type: String(type.split(separator: "/").last ?? ""), target: resolved, external: external)
        }
        return result
    }

    /// Parses a part, or nil when the package lacks it; limits and damage become `IngestError`s.
    private func parse(_ part: String, in archive: DocxArchive) throws(IngestError) -> XMLElement? {
        guard let bytes = try extract(part, from: archive) else { return nil }
        do {
            return try XMLTreeParser(maxDepth: inputs.maxXMLDepth, budget: archive.budget).parse(bytes)
        } catch {
            switch error {
            case let .tooDeep(limit): throw .xmlTooDeep(path: path, part: part, limit: limit)
            case let .tooManyElements(limit): throw .xmlTooLarge(path: path, part: part, limit: limit)
            case .documentTypeDeclaration: throw .malformedXML(path: path, part: part, line: 1)
            case let .malformed(line, _): throw .malformedXML(path: path, part: part, line: line)
            case .timeLimit: throw .timeLimit(path: path, seconds: inputs.fileTimeLimitSeconds, stage: StageName.ingest.chineseName)
            }
        }
    }

    private func extract(_ part: String, from archive: DocxArchive) throws(IngestError) -> Data? {
        do {
            return try archive.part(part)
        } catch {
            throw DocxReader.ingestError(error, path: path)
        }
    }

    static func ingestError(_ failure: DocxArchive.Failure, path: String) -> IngestError {
        switch failure {
        case .notZip: return .brokenDocx(path: path, reason: "压缩包结构已损坏")
        case let .entryTooLarge(entry, limit): return .entryTooLarge(path: path, entry: entry, limit: limit)
        case let .documentTooLarge(entry, limit): return .documentTooLarge(path: path, entry: entry, limit: limit)
        case let .checksumMismatch(entry), let .damagedEntry(entry): return .corruptedEntry(path: path, entry: entry)
        case let .unsafePath(entry):
            return .brokenDocx(path: path, reason: "压缩包中的部件“\(entry)”的路径指向文档之外，不是 Word 会写出的文件，可能被恶意构造")
        case let .overlappingEntries(entry):
            return .brokenDocx(path: path, reason: "压缩包中的部件“\(entry)”与其他部件的数据互相重叠，这是压缩炸弹的手法，不是 Word 会写出的文件")
        }
    }

    /// The paragraphs of an alternative-format chunk: HTML stripped of its tags, plain text by
    /// lines, a nested .docx read like the outer one (one level deep).
    private func alternativeChunk(_ part: String, in archive: DocxArchive, notes: inout [String]) throws(IngestError) -> [String] {
        guard let bytes = try extract(part, from: archive) else { return [] }
        let fileExtension = (part as NSString).pathExtension.lowercased()
        switch fileExtension {
        case "htm", "html", "xhtml", "mht", "mhtml":
            let text = (try? TextDecoding.decode(bytes, path: part).text) ?? String(decoding: bytes, as: UTF8.self)
            return AltChunkText.paragraphs(fromHTML: text)
        case "txt":
            guard let decoded = try? TextDecoding.decode(bytes, path: part) else {
                notes.append("嵌入内容 \(part) 的文字编码无法识别，已略去。")
                return []
            }
            return TextDecoding.paragraphs(decoded.text).map(\.text)
        case "docx", "docm", "dotx":
            guard nesting < 1 else {
                notes.append("嵌入文档 \(part) 层次过深，已略去。")
                return []
            }
            let nested: DocxArchive
            // The outer document's budget: what this chunk inflates counts against the whole submission.
            do { nested = try DocxArchive(bytes: bytes, maxEntryBytes: inputs.maxEntryBytes, budget: archive.budget) } catch {
                throw DocxReader.ingestError(error, path: path)
            }
            var inner = self
            inner.nesting += 1
            return try inner.read(nested).paragraphs.map(\.displayText)
        default:
            notes.append("嵌入内容 \(part) 的格式无法读取，已略去。")
            return []
        }
    }
}
