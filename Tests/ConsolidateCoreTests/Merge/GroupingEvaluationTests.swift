import Foundation
import Testing
@testable import ConsolidateCore

/// Measures the grouping of statements and the classification of problems on generated units whose truth is known.
@Suite struct GroupingEvaluationTests {
    /// A fixed-seed generator (SplitMix64), so the generated set is the same on every run.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Practices written from one template about different things: they must stay apart.
    static let practices: [String] = [
        "组织党员到红色教育基地参观学习，重温入党誓词，接受革命传统教育，本季度开展{n}次。",
        "组织党员到社区开展垃圾分类宣传志愿服务，发放宣传资料，入户讲解分类知识，本季度开展{n}次。",
        "组织党员到结对村开展产业帮扶，协调解决农产品销售难题，帮助村集体增收，本季度走访{n}户。",
        "严格落实“三会一课”制度，按期召开支委会和党员大会，支部书记带头讲党课，全年计划{n}次。",
        "规范党费收缴管理，党员每月按时足额交纳党费，党费账目按季度公示，本季度收缴{n}人次。",
        "签订党风廉政建设责任书，层层压实管党治党责任，开展廉政谈话{n}人次，筑牢廉洁防线。",
        "依托学习强国平台开展线上学习，定期通报党员学习积分，推动理论学习常态化，人均积分{n}分。",
        "在服务窗口设立党员示范岗，党员佩戴党徽亮明身份，公开服务承诺，收到群众表扬信{n}封。",
        "开展困难党员和老党员走访慰问，送去慰问金和生活用品，倾听意见建议，共走访{n}名。",
        "落实意识形态工作责任制，定期分析研判意识形态领域情况，加强网站和公众号信息审核，研判{n}次。",
        "开展警示教育，组织观看警示教育片，以身边案例为镜鉴，教育党员干部守住底线，共开展{n}次。",
        "建立党员积分管理制度，把参加组织生活、志愿服务、业务工作表现纳入积分，按月公示{n}次。",
        "打造机关党建品牌，提炼形成特色工作法，在全区机关党建现场会上作交流发言{n}次。",
        "培养入党积极分子，严格落实发展党员工作程序，做到成熟一个发展一个，确定积极分子{n}名。",
        "组织党员到敬老院开展志愿服务，为老人理发、打扫卫生、陪同聊天，本季度开展{n}次。",
        "组织党员到学校开展法治宣传，为师生讲解反诈骗和交通安全知识，本季度开展{n}场。",
    ]

    static let units = ["东城街道", "西城街道", "南湖镇", "北山镇", "财政局", "教育局", "卫生健康局", "交通运输局",
                        "水利局", "农业农村局", "审计局", "统计局"]

    /// A copy of `text` as another unit might write it: widths, punctuation, a few characters, figures, a prefix.
    static func variant(_ text: String, unit: String, using random: inout Seeded) -> String {
        var result = text.replacingOccurrences(of: "{n}", with: String(Int.random(in: 2...60, using: &random)))
        switch Int.random(in: 0..<5, using: &random) {
        case 0: result = result.replacingOccurrences(of: "，", with: ",")
        case 1: result = result.replacingOccurrences(of: "“", with: "\"").replacingOccurrences(of: "”", with: "\"")
        case 2: result = "\(unit)党支部" + result
        case 3: result = result.replacingOccurrences(of: "开展", with: "组织开展")
        default: result = result.replacingOccurrences(of: "党员", with: "全体党员")
        }
        if Bool.random(using: &random) { result = "今年以来，" + result }
        // A few characters mistyped or dropped.
        var characters = Array(result)
        for _ in 0..<Int.random(in: 0...3, using: &random) {
            let index = Int.random(in: 0..<characters.count, using: &random)
            if Bool.random(using: &random) { characters.remove(at: index) } else { characters[index] = "的" }
        }
        return String(characters)
    }

    @Test func groupingReachesTheF1FloorOnGeneratedCopies() throws {
        var random = Seeded(state: 2024)
        var statements: [Statement] = []
        var truth: [Int] = []
        for (practice, text) in Self.practices.enumerated() {
            for unit in Self.units.shuffled(using: &random).prefix(Int.random(in: 1...12, using: &random)) {
                statements.append(Statement(kind: .achievement, unit: unit, text: Self.variant(text, unit: unit, using: &random),
                                            source: unit + ".txt", location: nil))
                truth.append(practice)
            }
        }
        let configuration = try PipelineConfiguration.load(from: Repository.defaultPipeline)
        let groups = StatementGrouper(settings: configuration.merge).practices(statements).map(\.members)
        var predicted = Array(repeating: 0, count: statements.count)
        for (id, group) in groups.enumerated() { for index in group { predicted[index] = id } }
        var (truePairs, falsePairs, missedPairs) = (0, 0, 0)
        for i in statements.indices {
            for j in statements.indices where j > i {
                switch (truth[i] == truth[j], predicted[i] == predicted[j]) {
                case (true, true): truePairs += 1
                case (false, true): falsePairs += 1
                case (true, false): missedPairs += 1
                default: break
                }
            }
        }
        let precision = Double(truePairs) / Double(max(truePairs + falsePairs, 1))
        let recall = Double(truePairs) / Double(max(truePairs + missedPairs, 1))
        let f1 = 2 * precision * recall / max(precision + recall, 1e-9)
        print("grouping on \(statements.count) generated statements of \(Self.practices.count) practices: "
            + String(format: "pairwise precision %.3f, recall %.3f, F1 %.3f", precision, recall, f1))
        #expect(f1 >= 0.95)
    }

    /// Copy groups, practices and problem categories over the generated corpus of `units` units.
    /// With `SHOW_MIXED=1` it lists the copy groups holding several texts, the practices holding
    /// several templates and the problems classified wrongly.
    static func evaluate(units: Int) throws -> (copies: (precision: Double, recall: Double, f1: Double, largest: Int, mixed: Int),
                                                 practices: (precision: Double, recall: Double, f1: Double, largest: Int, mixed: Int),
                                                 categories: Double, seconds: Double, statements: Int, truthLargest: Int) {
        let corpus = StatementCorpus.generate(units: units)
        let configuration = try PipelineConfiguration.load(from: Repository.defaultPipeline)
        let start = DispatchTime.now()
        let practices = StatementGrouper(settings: configuration.merge).practices(corpus.statements)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let copies = corpus.score(practices.flatMap(\.copies))
        if ProcessInfo.processInfo.environment["SHOW_MIXED"] != nil {
            for group in practices.flatMap(\.copies) {
                let byCopy = Dictionary(grouping: group, by: { corpus.truth[$0].copy })
                guard byCopy.count > 1 else { continue }
                print("MIXED \(group.count) of \(byCopy.count) texts:")
                for (_, members) in byCopy.sorted(by: { $0.value.count > $1.value.count }).prefix(8) {
                    print("   \(members.count) \(corpus.statements[members[0]].text)")
                }
            }
            for practice in practices {
                let byCopy = Dictionary(grouping: practice.members, by: { corpus.truth[$0].copy })
                if byCopy.count > 1 {
                    print("PRACTICE OF \(byCopy.count) TEXTS:")
                    for (_, members) in byCopy.sorted(by: { $0.value.count > $1.value.count }).prefix(6) {
                        print("   \(members.count) \(corpus.statements[members[0]].text)")
                    }
                }
                let byTemplate = Dictionary(grouping: practice.members, by: { corpus.truth[$0].template })
                guard byTemplate.count > 1 else { continue }
                print("PRACTICE OF \(byTemplate.count) TEMPLATES:")
                for (_, members) in byTemplate.sorted(by: { $0.value.count > $1.value.count }).prefix(8) {
                    print("   \(members.count) \(corpus.statements[members[0]].text)")
                }
            }
        }
        let grouped = corpus.score(practices.map(\.members))
        let byPractice = corpus.score(practices.map(\.members), by: \.practice)
        let classifier = ProblemClassifier(taxonomy: configuration.problems)
        let right = corpus.problems.filter { classifier.categories(of: $0.text).first == $0.category }.count
        let accuracy = Double(right) / Double(max(corpus.problems.count, 1))
        if ProcessInfo.processInfo.environment["SHOW_MIXED"] != nil {
            var missed = Set<String>()
            for problem in corpus.problems where classifier.categories(of: problem.text).first != problem.category {
                missed.insert("MISSED \(problem.text) \(problem.category) → \(classifier.categories(of: problem.text))")
            }
            print(missed.sorted().prefix(40).joined(separator: "\n"))
        }
        print(String(format: "generated corpus of %d units, %d statements, grouped in %.2f s:\n", units, corpus.statements.count, seconds)
            + String(format: "  copy groups: pairwise precision %.4f, recall %.4f, F1 %.4f, largest %d, groups of two templates %d\n",
                     copies.precision, copies.recall, copies.f1, copies.largest, copies.mixed)
            + String(format: "  practices: pairwise precision %.4f, recall %.4f, F1 %.4f (against copy truth), largest %d, groups of two templates %d\n",
                     grouped.precision, grouped.recall, grouped.f1, grouped.largest, grouped.mixed)
            + String(format: "  practices against practice truth (template and first slot): precision %.4f, recall %.4f, F1 %.4f\n",
                     byPractice.precision, byPractice.recall, byPractice.f1)
            + String(format: "  problem categories: %d/%d, accuracy %.4f", right, corpus.problems.count, accuracy))
        let truthLargest = Dictionary(grouping: corpus.truth, by: \.copy).values.map(\.count).max() ?? 0
        print("  the most copied boilerplate: \(truthLargest) statements")
        return (copies, grouped, accuracy, seconds, corpus.statements.count, truthLargest)
    }

    /// Copy-group scores over a range of thresholds: how the pipeline file's thresholds were chosen.
    /// `MEASURE_THRESHOLDS=1 swift test --filter thresholdsMeasured` prints them.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["MEASURE_THRESHOLDS"] == "1"))
    func thresholdsMeasured() throws {
        let corpus = StatementCorpus.generate(units: 1_000)
        let settings = try PipelineConfiguration.load(from: Repository.defaultPipeline).merge
        for copy in [0.8] {
            for practice in [0.5, 0.6, 0.7, 0.75] {
                var grouper = StatementGrouper(settings: settings)
                grouper.copySimilarity = copy
                grouper.practiceSimilarity = practice
                let practices = grouper.practices(corpus.statements)
                let c = corpus.score(practices.flatMap(\.copies))
                let p = corpus.score(practices.map(\.members))
                let q = corpus.score(practices.map(\.members), by: \.practice)
                print(String(format: "copy %.2f practice %.2f: copies P %.4f R %.4f F1 %.4f mixed %d; practices vs copy truth P %.4f R %.4f, vs practice truth P %.4f R %.4f F1 %.4f, largest %d mixed %d",
                             copy, practice, c.precision, c.recall, c.f1, c.mixed, p.precision, p.recall, q.precision, q.recall, q.f1, p.largest, p.mixed))
            }
        }
    }

    @Test func copyGroupsOfAThousandGeneratedUnitsReachTheFloors() throws {
        let result = try Self.evaluate(units: 1_000)
        #expect(result.copies.precision >= 0.95)
        #expect(result.copies.f1 >= 0.95)
        #expect(result.copies.mixed == 0)
        #expect(result.practices.mixed == 0)
        #expect(result.categories >= 0.9)
        // No theme chained into one group: the largest practice is about the most copied boilerplate's size.
        #expect(Double(result.practices.largest) <= 1.1 * Double(result.truthLargest))
    }

    /// The same at a city's scale; a benchmark: `BENCHMARK=1` only.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["BENCHMARK"] == "1"))
    func copyGroupsOfTenThousandGeneratedUnitsReachTheTargets() throws {
        let result = try Self.evaluate(units: 10_000)
        #expect(result.copies.precision >= 0.95)
        #expect(result.copies.f1 >= 0.95)
        #expect(result.copies.mixed == 0)
        #expect(result.practices.mixed == 0)
        #expect(result.categories >= 0.9)
    }

    /// Problem statements in our own words, with the category a reader would give them.
    static let problems: [(String, String)] = [
        ("个别支部重业务轻党建，党建工作说起来重要、做起来次要。", "awareness"),
        ("有的领导干部对党建工作重视程度不够，主要精力放在业务上。", "awareness"),
        ("部分党员理论学习不够深入，满足于读文件、记笔记。", "study"),
        ("青年党员自学主动性不强，学用结合不够紧密。", "study"),
        ("党建和业务工作结合不紧，存在“两张皮”现象。", "integration"),
        ("党建工作与中心工作融合不够，找不准结合点。", "integration"),
        ("支部活动形式单一，多为开会学习，对年轻党员吸引力不强。", "innovation"),
        ("党建工作创新意识不足，习惯于完成规定动作。", "innovation"),
        ("少数党员先锋模范作用发挥不明显，在急难险重任务面前不够主动。", "vanguard"),
        ("部分党员宗旨意识淡薄，服务群众的主动性不高。", "vanguard"),
        ("党务干部多为兼职，业务能力有待提升。", "cadre"),
        ("支部书记抓党建的本领不强，存在被动应付的情况。", "cadre"),
        ("部分制度执行不严格，督促检查不够经常。", "accountability"),
        ("党建责任落实层层递减，压力传导不到位。", "accountability"),
        ("日常监督失之于宽松软，对苗头性问题提醒不及时。", "discipline"),
        ("“四风”问题仍有反弹，作风建设还需加强。", "discipline"),
        ("特色亮点提炼不够，对外宣传手段单一。", "branding"),
        ("党建品牌示范效应不明显，经验总结推广不够。", "branding"),
        ("两新组织党组织覆盖面不广，发展党员难度大。", "organization"),
        ("党员队伍年龄老化，青年党员后备力量不足。", "organization"),
    ]

    @Test func problemCategoriesReachTheFloorOnOurOwnStatements() throws {
        let configuration = try PipelineConfiguration.load(from: Repository.defaultPipeline)
        let classifier = ProblemClassifier(taxonomy: configuration.problems)
        let misses = Self.problems.filter { classifier.categories(of: $0.0).first != $0.1 }
        let accuracy = Double(Self.problems.count - misses.count) / Double(Self.problems.count)
        print(String(format: "problem categories on %d own statements: accuracy %.3f", Self.problems.count, accuracy)
            + misses.map { "\n  missed: \($0.0) (\($0.1) → \(classifier.categories(of: $0.0)))" }.joined())
        #expect(accuracy >= 0.9)
    }

    @Test func problemCategoriesReachTheFloorOnTheGoldProblems() throws {
        guard let shared = Repository.shared else { return }
        let configuration = try PipelineConfiguration.load(from: Repository.defaultPipeline)
        let classifier = ProblemClassifier(taxonomy: configuration.problems)
        var (right, total) = (0, 0)
        var misses: [String] = []
        let gold = try FileManager.default.contentsOfDirectory(atPath: shared.appendingPathComponent("gold").path)
            .filter { $0.hasSuffix(".gold.json") }.sorted()
        for name in gold {
            let reading = try JSONSerialization.jsonObject(
                with: Data(contentsOf: shared.appendingPathComponent("gold/" + name))) as! [String: Any]
            let seed = shared.appendingPathComponent("seeds/" + (reading["source"] as! String))
            let raw = try Ingest.read(seed, displayPath: seed.lastPathComponent, inputs: configuration.inputs)
            let report = Extractor(configuration: configuration)
                .extract(Normalizer(configuration: configuration).normalize(raw), unitHint: nil)
            let items = report.sections.filter { $0.kind == .problems }.flatMap(\.items)
            // Gold leads are exact spans of the raw seed; the report reads censor spellings restored.
            let fold: (String) -> String = { $0.replacingOccurrences(of: "D建", with: "党建").filter { !$0.isWhitespace } }
            for section in reading["sections"] as! [[String: Any]] where section["kind"] as? String == "problems" {
                for expected in section["items"] as! [[String: Any]] {
                    let lead = fold(expected["lead"] as! String)
                    let categories = expected["categories"] as! [String]
                    total += 1
                    guard let item = items.first(where: { fold($0.label + $0.statement).hasPrefix(lead) }) else {
                        misses.append("\(name): no item for \(lead)")
                        continue
                    }
                    let predicted = classifier.categories(of: item.statement + item.leaves.map(\.statement).joined())
                    if categories.contains(predicted[0]) { right += 1 } else { misses.append("\(lead): \(predicted[0]) ∉ \(categories)") }
                }
            }
        }
        let accuracy = Double(right) / Double(max(total, 1))
        print(String(format: "problem categories on the gold: %d/%d, accuracy %.3f", right, total, accuracy)
            + misses.map { "\n  missed: \($0)" }.joined())
        #expect(total > 0)
        #expect(accuracy >= 0.9)
    }
}

/// The classifier alone over every problem item of the shared gold readings (seeds and web), whatever
/// extraction finds: each item's words are read from its report, from its lead to the next item's lead
/// (the last item: its own paragraph and those after it up to the next heading).
@Suite struct GoldProblemCategoryTests {
    static func goldItems() throws -> [(text: String, categories: [String])] {
        guard let shared = Repository.shared else { return [] }
        var result: [(String, [String])] = []
        for folder in ["", "web/"] {
            let goldFolder = shared.appendingPathComponent(folder + "gold")
            for name in try FileManager.default.contentsOfDirectory(atPath: goldFolder.path).filter({ $0.hasSuffix(".gold.json") }).sorted() {
                let reading = try JSONSerialization.jsonObject(with: Data(contentsOf: goldFolder.appendingPathComponent(name))) as? [String: Any] ?? [:]
                guard let source = reading["source"] as? String,
                      let seed = try? String(contentsOf: shared.appendingPathComponent(folder + "seeds/" + source), encoding: .utf8) else { continue }
                let lines = seed.components(separatedBy: .newlines).map { $0.filter { !$0.isWhitespace } }.filter { !$0.isEmpty }
                for section in reading["sections"] as? [[String: Any]] ?? [] where section["kind"] as? String == "problems" {
                    let items = section["items"] as? [[String: Any]] ?? []
                    let leads = items.map { ($0["lead"] as? String ?? "").filter { !$0.isWhitespace } }
                    let starts = leads.map { lead in lines.firstIndex { $0.contains(String(lead.prefix(10))) } }
                    for (offset, item) in items.enumerated() {
                        guard let start = starts[offset] else { continue }
                        var text = ""
                        let lead = leads[offset]
                        if let range = lines[start].range(of: String(lead.prefix(10))) { text = String(lines[start][range.lowerBound...]) }
                        if offset + 1 < items.count, let next = starts[offset + 1], next == start,
                           let cut = text.range(of: String(leads[offset + 1].prefix(10))) {
                            text = String(text[..<cut.lowerBound])
                        } else {
                            var line = start + 1
                            let end = offset + 1 < items.count ? (starts[offset + 1] ?? start + 1) : lines.count
                            while line < min(end, start + 4), !Self.isHeading(lines[line]) {
                                text += lines[line]
                                line += 1
                            }
                        }
                        result.append((text.replacingOccurrences(of: "D建", with: "党建"), item["categories"] as? [String] ?? []))
                    }
                }
            }
        }
        return result
    }

    static func isHeading(_ line: String) -> Bool {
        guard let first = line.first else { return true }
        return "一二三四五六七八九十（(0123456789".contains(first) && line.count < 40
    }

    @Test func problemCategoriesOfEveryGoldProblemItemReachTheFloor() throws {
        let items = try Self.goldItems()
        guard !items.isEmpty else { return }
        let configuration = try PipelineConfiguration.load(from: Repository.defaultPipeline)
        let classifier = ProblemClassifier(taxonomy: configuration.problems)
        var misses: [String] = []
        for item in items {
            let predicted = classifier.categories(of: item.text)
            if !item.categories.contains(predicted[0]) { misses.append("\(item.text.prefix(60)): \(predicted) ∉ \(item.categories)") }
        }
        let accuracy = Double(items.count - misses.count) / Double(items.count)
        print(String(format: "problem categories of every gold problem item: %d/%d, accuracy %.3f", items.count - misses.count, items.count, accuracy)
            + misses.map { "\n  missed: \($0)" }.joined())
        #expect(accuracy >= 0.9)
    }
}
