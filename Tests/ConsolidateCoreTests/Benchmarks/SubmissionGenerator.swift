import Foundation
import Testing
@testable import ConsolidateCore

/// Many submissions written from the samples' sources, the same on every run: the input of
/// the nightly benchmark.
///
/// Each submission is one sample's text under a unit name of its own, with half its item
/// paragraphs taken from other samples, some sentences left out and its figures moved.
/// Renamed copies alone would make every two reports from one sample suspected copies
/// (hundreds of pairs per sample), which no real quarter looks like; mixed, reports share
/// practices that group across units without being copies. About a third are .docx,
/// whatever the sample was; a few files cannot be read, so the quarantine path is taken too.
struct SubmissionGenerator {
    enum Kind {
        case text, docx
        /// A text file named .docx.
        case docxHoldingText
        /// A Word 97-2003 file named .docx (the unreadable sample's bytes).
        case legacyWord
        /// A .docx cut off halfway through its zip.
        case truncatedDocx

        var isReadable: Bool { self == .text || self == .docx }
    }

    struct Submission {
        var unit: String
        var kind: Kind
        var template: SampleSource
        /// The text in the template's markup (SampleDocx lines for a .docx template, plain text otherwise).
        var body: String

        var fileName: String { unit + (kind == .text ? ".txt" : ".docx") }
    }

    let readable: [SampleSource]
    let unreadable: SampleSource
    let items: [Part: [Item]]

    init() throws {
        let sources = try SampleSource.loadAll()
        readable = sources.filter { $0.format != .bytes }
        unreadable = try #require(sources.first { $0.format == .bytes })
        items = Self.items(of: readable)
    }

    /// `count` submissions with distinct units; `max(3, count / 500)` of them unreadable. About a
    /// third of the readable ones are .docx, or `docxPercent` in a hundred where it is given.
    func submissions(count: Int, seed: UInt64 = 2024, docxPercent: Int? = nil) -> [Submission] {
        var random = GroupingEvaluationTests.Seeded(state: seed)
        var names = UnitNames()
        let unreadableCount = max(3, count / 500)
        let unreadablePositions = Dictionary(uniqueKeysWithValues: (0..<unreadableCount).map {
            ($0 * count / unreadableCount + count / (2 * unreadableCount), $0)
        })
        let badKinds: [Kind] = [.docxHoldingText, .legacyWord, .truncatedDocx]
        return (0..<count).map { index in
            let template = readable[index % readable.count]
            let unit = names.next(after: template.unit, using: &random)
            let kind = unreadablePositions[index].map { badKinds[$0 % badKinds.count] }
                ?? (docxPercent.map { Int.random(in: 0..<100, using: &random) < $0 }
                    ?? (Int.random(in: 0..<3, using: &random) == 0) ? .docx : .text)
            var body = Self.renamed(template.body, from: template.unit, to: unit)
            body = Self.mixingItems(of: body, unit: unit, items: items, using: &random)
            body = Self.leavingOutSentences(of: body, using: &random)
            body = Self.movingFigures(in: body) { value in
                let spread = max(2, value / 4)
                return max(1, value + Int.random(in: -spread...spread, using: &random))
            }
            return Submission(unit: unit, kind: kind, template: template, body: body)
        }
    }

    /// The bytes of a submission's file; a .docx in Word's own markup where `asSavedByWord`
    /// (`WordDressing`), else in the samples' fewest elements.
    func bytes(of submission: Submission, asSavedByWord: Bool = false) throws -> Data {
        let template = submission.template
        var source = template
        switch submission.kind {
        case .text:
            source.format = .txt
            if template.format != .txt {
                source.body = Self.plainText(fromDocxMarkup: submission.body)
                (source.encoding, source.newline) = (.utf8, .lf)
            } else {
                source.body = submission.body
            }
            return try source.renderedBytes()
        case .docx:
            if asSavedByWord { return try SampleDocx(body: submission.body, asSavedByWord: true).package().zipData() }
            source.format = .docx
            source.body = submission.body
            return try source.renderedBytes()
        case .docxHoldingText:
            return Data((template.format == .txt ? submission.body : Self.plainText(fromDocxMarkup: submission.body)).utf8)
        case .legacyWord:
            return try unreadable.renderedBytes()
        case .truncatedDocx:
            source.format = .docx
            source.body = submission.body
            let whole = try source.renderedBytes()
            return whole.prefix(whole.count / 2)
        }
    }

    /// The text with its first movable figure one higher: a resubmission with one figure corrected.
    static func changingOneFigure(in body: String) -> String {
        var moved = false
        let result = movingFigures(in: body) { value in
            if moved { return value }
            moved = true
            return value + 1
        }
        return moved ? result : body + "\n本季度新增党员志愿服务1次。"
    }

    /// Distinct unit names of the template's kind: `青川区东山街道`, `青川区第17中学`.
    struct UnitNames {
        /// The kind of unit each sample stands for, as the suffix of a generated name.
        static let suffixes: [String: String] = [
            "青川区财政局": "财政所", "青川区教育局": "中心学校", "青川区卫生健康局": "卫生院",
            "青川区人民医院": "人民医院", "青川区实验中学": "中学", "青川区市场监督管理局": "市场监管所",
            "青川区临溪镇": "镇", "青川区河西街道": "街道", "青川区城市建设投资集团有限公司": "建设发展有限公司",
            "青川区自然资源局": "自然资源所", "青川区交通运输局": "交通运输所", "青川区政务服务中心": "便民服务中心",
        ]
        static let firstSyllables = Array("东西南北上下新老青白红金石清云龙凤桃柳松")
        static let secondSyllables = Array("山河林桥湖港坪溪岭湾塘坝营口关庄园堡田源")

        private var used = Set<String>()
        private var ordinals: [String: Int] = [:]

        /// A new name for a unit like `templateUnit`: a place name, or a number where the
        /// draw says so or the place names drawn are taken.
        mutating func next(after templateUnit: String, using random: inout GroupingEvaluationTests.Seeded) -> String {
            let suffix = Self.suffixes[templateUnit] ?? "单位"
            if Int.random(in: 0..<10, using: &random) >= 3 {
                for _ in 0..<4 {
                    let place = String([Self.firstSyllables.randomElement(using: &random)!,
                                        Self.secondSyllables.randomElement(using: &random)!])
                    let name = "青川区" + place + suffix
                    if used.insert(name).inserted { return name }
                }
            }
            while true {
                ordinals[suffix, default: 0] += 1
                let name = "青川区第\(ordinals[suffix]!)" + suffix
                if used.insert(name).inserted { return name }
            }
        }
    }
}
