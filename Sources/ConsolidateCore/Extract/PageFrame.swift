/// Tells the lines of a web page's frame from a report's own lines in its first part.
///
/// Reports copied from template and document-sharing sites arrive with the page around
/// them: a breadcrumb, a file-name line, `大小:23KB`, `发布时间:…`, `分享`, a download
/// notice, a line of search keywords (`2023 农民 专业 合作社 汇报`). The residue rules
/// of the pipeline file remove what they recognise; this classifier is the header
/// reader's second opinion for the lines around the title, where such a line would
/// otherwise be taken for the title or for the unit's opening words. It judges one
/// line's shape and words, never its position.
enum PageFrame {
    /// Words that mark a page's metadata or a sharing site's chrome where a line opens with them,
    /// after an optional bullet (`• 来源:`).
    private static let keys: [String] = [
        "来源", "发布时间", "发布日期", "更新时间", "浏览次数", "阅读次数", "点击数", "编辑", "作者", "责任编辑",
        "字体", "【字体", "上传人", "上传者", "上传时间", "文档名称", "文件大小", "大小", "格式", "页数", "文档格式",
        "文档页数", "下载次数", "ID", "时间", "日期", "分类", "标签", "关键词", "温馨提示", "网站客服", "客服",
        "版权说明", "文档简介", "内容简介", "所属栏目", "栏目", "目录/提纲", "目录", "提纲",
    ]
    /// Lines that are nothing but a site's button or link.
    private static let buttons: Set<String> = [
        "分享", "下载", "下载文档", "收藏", "收藏 分享赚钱", "分享赚钱", "预览", "相关文档", "文档介绍", "举报",
        "打印", "关闭", "返回顶部", "上一篇", "下一篇", "正文", "全文", "登录", "注册", "下载得到文件列表",
    ]
    /// Words that mark a line as the site talking about itself or its files.
    private static let siteWords: [String] = [
        "本站", "本网", "范文", "小编", "客服", "下载后", "付费", "二次下载", "会员", "点这里", "文件列表",
        "分享赚钱", "版权归属", "请放心下载", "精选", "整理代发布", "查看文件列表",
    ]
    /// Keys that mark metadata wherever they stand on a short line (`… 浏览次数:199`).
    private static let innerKeys = ["来源", "发布时间", "发布日期", "更新时间", "浏览次数", "阅读次数", "上传人", "上传者",
                                    "文件大小", "文档格式", "下载次数", "责任编辑", "网站客服"]
    private static let siteWordSet = ScalarWords(siteWords)
    private static let innerKeySet = ScalarWords(innerKeys)
    private static let fileEndingSet = ScalarWords(fileEndings)
    /// File-name endings: a line that names a file is the page's, not the report's.
    private static let fileEndings = [".docx", ".doc", ".wps", ".pdf", ".txt", ".DOCX", ".DOC", ".PDF"]

    /// The key a frame line opens with (`文档介绍:`), when what follows it may be the report's own
    /// words glued on (`文档介绍:基层党支部…`): the length of the key and its colon.
    static func leadingKeyLength(_ line: String) -> Int? {
        if let keywords = leadingKeywordRun(line) { return keywords }
        let characters = Array(line.prefix(12))
        for key in ["文档介绍", "内容简介", "文档简介", "正文", "摘要"] {
            let keyCharacters = Array(key)
            guard characters.count > keyCharacters.count, Array(characters[..<keyCharacters.count]) == keyCharacters,
                  ":：".contains(characters[keyCharacters.count]) else { continue }
            return keyCharacters.count + 1
        }
        return nil
    }

    /// Whether `line` is part of a web page's frame rather than of the report.
    static func isFrame(_ line: String) -> Bool {
        let text = line.trimmingWhitespace()
        if text.isEmpty { return true }
        if buttons.contains(text) { return true }
        // Scalars throughout: every mark tested is one scalar (an integer comparison).
        let scalars = text.scalarArray
        // `• 来源:`  `ID:2143426`  `大小:23.60KB`  `目录/提纲:……`
        let bodyStart = scalars.firstIndex(where: { !bullets.contains($0) }) ?? scalars.count
        for length in keySet.lengths(scalars, at: bodyStart) where length <= 8 {
            let next = bodyStart + length
            if next == scalars.count || [":", "：", " ", "\u{A0}"].contains(scalars[next]) { return true }
        }
        if scalars.count <= 120 {
            let hasFullStop = scalars.contains("。")
            var index = 0
            while index < scalars.count {
                if siteWordSet.prefixLength(scalars, at: index) != nil { return true }
                // Frame lines joined into one by a hard-break rejoiner: `….doc上传人:小雄 2020/2/28 文件大小:63 KB`.
                if !hasFullStop {
                    if let key = innerKeySet.prefixLength(scalars, at: index), index + key < scalars.count,
                       scalars[index + key] == ":" || scalars[index + key] == "：" {
                        return true
                    }
                    if fileEndingSet.prefixLength(scalars, at: index) != nil { return true }
                }
                index += 1
            }
        }
        if fileEndingSet.ends(scalars) { return true }
        // `首页 > 文章中心 > 正文`
        if scalars.count <= 60, scalars.lazy.filter({ $0 == ">" || $0 == "＞" || $0 == "»" }).count >= 2 { return true }
        // `1 / 6`, `2024-10-19`, `- 202.68 KB`: digits and signs only, or a size.
        if scalars.allSatisfy({ $0.isASCIIDigitOrFullWidth || dateSigns.contains($0) }) { return true }
        if scalars.count <= 24,
           text.hasSuffix("KB") || text.hasSuffix("MB") || scalars.last == "页" && scalars.contains("共") {
            return true
        }
        // `两新组织党建工作总结 篇1`: one of a site's collection.
        if let last = scalars.last, last.isASCIIDigitOrFullWidth, scalars.count >= 2,
           scalars.reversed().drop(while: { $0.isASCIIDigitOrFullWidth }).first == "篇" {
            return true
        }
        return isKeywordLine(scalars)
    }

    private static let keySet = ScalarWords(keys)
    private static let bullets: ScalarSet = ["•", "·", "●", "▪", "-", "*", ">", " "]
    private static let dateSigns: ScalarSet = [" ", "/", "-", ":", ".", "年", "月", "日"]
    private static let clausePunctuation: ScalarSet = ["，", "。", ",", "；", ";", "：", ":", "！", "!", "？", "?", "、"]

    /// The length of a line of search keywords that a hard-break rejoiner put in front of the
    /// report's own words (`2023 基层 党建 调查 报告 基层党建调查研究报告 一、…`).
    private static func leadingKeywordRun(_ line: String) -> Int? {
        // Nearly every line opens with a word longer than five characters or one holding
        // punctuation, before any white space: no run, told from its first scalars.
        var opening = 0
        var scalars = line.unicodeScalars.makeIterator()
        var current = scalars.next()
        while let scalar = current, !scalar.isWhiteSpaceScalar, scalar.formsCharacterAlone {
            let following = scalars.next()
            // (A mark is a character of its own where what follows it is one too.)
            if keywordBreaks.contains(scalar), following.map(\.formsCharacterAlone) ?? true { return nil }
            opening += 1
            if opening > 5 { return nil }
            current = following
        }
        let characters = Array(line.prefix(80))
        var words: [String] = []
        var index = 0
        while index < characters.count {
            let start = index
            while index < characters.count, !characters[index].isWhitespace { index += 1 }
            let word = characters[start..<index]
            if word.count > 5 || word.contains(where: { "，。,；;：:！!？?、".contains($0) }) {
                guard words.count >= 4 else { return nil }
                // The rejoiner may have glued the last keyword to the title: the title is the keywords run together.
                let joined = Array(words.filter { !$0.allSatisfy(\.isASCIIDigitOrFullWidth) }.joined())
                if let at = (start..<characters.count).first(where: { characters[$0...].starts(with: joined) }) { return at }
                return start
            }
            words.append(String(word))
            while index < characters.count, characters[index].isWhitespace { index += 1 }
        }
        return nil
    }

    /// The punctuation that ends a run of keywords (every mark one scalar).
    private static let keywordBreaks: ScalarSet = ["，", "。", ",", "；", ";", "：", ":", "！", "!", "？", "?", "、"]

    /// A line of search keywords: three or more short words separated by spaces and no punctuation
    /// (`2023 农民 专业 合作社 党建 工作情况 汇报`). A title with one space between two phrases is no such line.
    private static func isKeywordLine(_ scalars: [Unicode.Scalar]) -> Bool {
        guard scalars.count <= 60, !scalars.contains(where: clausePunctuation.contains) else { return false }
        let words = scalars.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" || $0 == "\u{A0}" })
        return words.count >= 4 && words.allSatisfy { $0.count <= 5 }
    }
}
