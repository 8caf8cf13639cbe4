import Foundation
import Testing
@testable import ConsolidateCore

/// The grouper's work grows with the number of statements, never with their pairs: statements
/// that are all near copies of each other (the worst case for any candidate index) stay bounded.
@Suite struct GroupingScaleTests {
    /// `count` statements, each a near copy of one of a few texts: a figure, a character or two changed.
    static func nearCopies(_ count: Int) -> [Statement] {
        var random = GroupingEvaluationTests.Seeded(state: 50_000)
        let texts = [
            "组织党员到社区开展环境整治志愿服务，清理楼道杂物和卫生死角，本季度开展{n}次，参与党员{n}人次。",
            "严格落实三会一课制度，按月召开支委会，按季度召开党员大会，支部书记讲党课{n}次。",
            "依托学习平台开展线上学习，每周通报学习积分，推动理论学习常态化，人均学习{n}学时。",
            "开展困难党员和老党员走访慰问，送去慰问金和生活用品，倾听意见建议，共走访{n}名。",
        ]
        let noise = Array("的了和与及在对为把将向")
        return (0..<count).map { index in
            var text = texts[index % texts.count]
            while let range = text.range(of: "{n}") { text.replaceSubrange(range, with: String(Int.random(in: 1...999, using: &random))) }
            var characters = Array(text)
            for _ in 0..<Int.random(in: 0...2, using: &random) {
                characters[Int.random(in: 0..<characters.count, using: &random)] = noise[Int.random(in: 0..<noise.count, using: &random)]
            }
            return Statement(kind: .achievement, unit: "第\(index / 8 + 1)支部", text: String(characters), source: nil,
                             location: SourceLocation(paragraph: index % 8 + 1))
        }
    }

    @Test func fiftyThousandNearCopiesAreGroupedInBoundedTime() {
        // Under a sanitizer (which runs this some twenty times slower) a fifth of them: that run is
        // for memory and thread safety, which the smaller set exercises as well; the bound is the same.
        let statements = Self.nearCopies(MemoryRelease.underSanitizer ? 10_000 : 50_000)
        let start = DispatchTime.now()
        let practices = StatementGrouper(settings: .default).practices(statements)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let copies = practices.flatMap(\.copies)
        print(String(format: "grouped %d near copies in %.2f s: %d practices, %d copy groups, largest %d",
                     statements.count, seconds, practices.count, copies.count, copies.map(\.count).max() ?? 0))
        // Every statement in exactly one group.
        #expect(copies.reduce(0) { $0 + $1.count } == statements.count)
        #expect(Set(copies.flatMap { $0 }).count == statements.count)
        // Near copies of four texts: four copy groups, give or take a few heavily edited statements.
        #expect(copies.count <= 40)
        // A generous bound (a debug build on a shared machine); the release build takes a fraction.
        #expect(seconds < 180)
    }

    @Test func aLargeGroupsCentreFoundOnEveryCoreIsTheOneFoundOnOne() {
        // Some members named by their unit or led by a label, so that blemishes weigh in the choice.
        var statements = Self.nearCopies(3000)
        for index in statements.indices where index % 7 == 0 {
            statements[index].text = index % 2 == 0 ? "一是" + statements[index].text : statements[index].unit + statements[index].text
        }
        var serial = StatementGrouper(settings: .default), parallel = serial
        serial.largeGroup = .max
        parallel.largeGroup = 3
        // And as the grouper decides for itself: the same again.
        #expect(StatementGrouper(settings: .default).practices(statements) == serial.practices(statements))
        let one = serial.practices(statements), every = parallel.practices(statements)
        #expect(one.contains { $0.copies.contains { $0.count > 500 } }, "groups large enough to be split")
        #expect(one == every)

        // One copy group: the earlier members the short wording, the later (most) the longer. Every
        // member's bigrams count toward the centre: counted over the earlier part alone, the short
        // wording would be the centre.
        let short = "坚持每月开展主题党日活动，组织党员集中学习党章党规，交流学习体会。"
        let long = short + "并结合岗位实际作出承诺。"
        let copies = (0..<2000).map { index in
            Statement(kind: .achievement, unit: "第\(index + 1)支部", text: index < 600 ? short : long, source: nil,
                      location: SourceLocation(paragraph: 1))
        }
        let grouped = serial.practices(copies), spread = parallel.practices(copies)
        #expect(grouped.count == 1 && grouped[0].copies.count == 1, "\(grouped.map { $0.copies.map(\.count) })")
        #expect(copies[grouped[0].copyCentral[0]].text == long)
        #expect(spread.map(\.central) == grouped.map(\.central) && spread.map(\.copyCentral) == grouped.map(\.copyCentral))
        #expect(spread.map(\.copies) == grouped.map(\.copies))
    }

    @Test func nearCopiesOfDifferentTextsStayApart() {
        let statements = Self.nearCopies(400)
        let practices = StatementGrouper(settings: .default).practices(statements)
        for practice in practices {
            let texts = Set(practice.members.map { $0 % 4 })
            #expect(texts.count == 1)
        }
    }
}
