import Foundation
@testable import ConsolidateCore

/// A generated corpus of units' statements whose truth is known: which statements are copies
/// of one boilerplate text, which template each came from, and each problem's category.
///
/// Practices come from templates whose slots vary, so that different practices look alike
/// (`组织党员到{敬老院}开展{助老服务}` and `组织党员到{学校}开展{法治宣传}` are two practices);
/// a boilerplate is one filling of a template, and the units' copies of it are lightly edited
/// (a figure, a synonym, the unit's own name, punctuation, an opening phrase). Each unit also
/// writes practices of its own. Problems are written from phrases of their category.
struct StatementCorpus {
    struct Truth {
        /// The boilerplate a statement copies (its copy group); unique for a unit's own practice.
        var copy: Int
        /// The template it was written from; unique for a unit's own practice.
        var template: Int
        /// The practice: the template with its first slot (what is done, where: `到城南敬老院…`);
        /// fillings that differ only in the second slot (a remark on the result or the manner) are
        /// one practice in other words. Unique for a unit's own practice.
        var practice: Int
    }

    var statements: [Statement] = []
    var truth: [Truth] = []
    /// Problem statements with the category a reader would give them.
    var problems: [(text: String, category: String)] = []

    /// Frames of practices; `{a}` and `{b}` are slots, `{n}` a figure.
    static let templates: [(frame: String, a: [String], b: [String])] = [
        ("组织党员{a}，{b}，本季度开展{n}次。",
         ["到社区服务中心开展垃圾分类入户宣传", "到城南敬老院为老人理发打扫陪护聊天", "到实验小学讲解防溺水和反诈骗知识",
          "到结对帮扶村对接农产品产销渠道", "到革命纪念馆重温入党誓词接受洗礼", "到农贸市场开展文明创建劝导值守"],
         ["群众满意度明显提升", "形成常态长效服务机制", "党员志愿者参与热情高涨", "相关做法被区级媒体报道",
          "收集意见建议并逐条办理", "推动为民服务落到实处"]),
        ("严格落实{a}，{b}，全年计划{n}次。",
         ["“三会一课”制度按月召开支委会", "组织生活会制度认真查摆剖析", "主题党日制度固定每月活动时间",
          "谈心谈话制度做到全覆盖", "民主评议党员制度逐一测评打分"],
         ["书记带头讲党课并联系工作实际", "每名党员开展批评与自我批评", "活动内容提前公示接受监督",
          "支部书记与每名党员每半年谈心一次", "评议结果与评先评优挂钩"]),
        ("依托{a}开展线上学习，{b}，人均学习{n}学时。",
         ["学习强国平台和干部网络学院", "支部微信群和政务钉钉工作群", "党员教育云课堂和远程教育站点", "机关书屋电子阅览和有声读物"],
         ["每周通报党员学习积分排名", "推送党的创新理论微课视频", "组织党员在线答题知识竞赛", "开设青年理论学习交流专栏"]),
        ("在{a}设立党员示范岗，{b}，收到群众表扬{n}次。",
         ["政务服务中心综合窗口", "人民医院门诊导诊大厅", "客运车站售票候车大厅", "税务局办税服务大厅", "供电公司营业收费大厅"],
         ["党员佩戴党徽亮明身份公开承诺", "推行首问负责限时办结制度", "开设老年人绿色通道帮办代办", "实行延时错时预约上门服务"]),
        ("开展{a}警示教育，{b}，共组织{n}场。",
         ["身边典型违纪案例剖析", "违纪违法干部忏悔录阅读", "廉政主题电影集中观看", "清廉家风家训传承分享"],
         ["党员干部撰写心得体会交流发言", "召开专题组织生活会对照检查", "邀请纪检干部现场解读党纪条规", "到廉政教育基地现场参观学习"]),
        ("围绕{a}，{b}，累计解决问题{n}个。",
         ["企业复工复产用工融资难题", "群众急难愁盼的民生小事", "乡村振兴特色产业发展壮大", "老旧小区改造加装电梯", "营商环境优化审批提速"],
         ["组建党员服务队上门走访收集诉求", "建立问题清单实行挂图作战销号管理", "开展书记领办项目集中攻坚",
          "与共建单位签订联建协议共享资源"]),
        ("规范党费收缴管理，{a}，{b}。",
         ["党员每月按时足额交纳党费", "按工资基数重新核定交纳标准", "党费账目每季度在公示栏公开"],
         ["全年收缴党费{n}元并及时上缴", "核查补交党费{n}人做到应交尽交", "专人专账管理做到账实相符"]),
        ("培养入党积极分子，{a}，{b}，确定发展对象{n}名。",
         ["严格落实发展党员工作程序和公示制度", "实行培养联系人一对一帮带制度", "注重在青年业务骨干和高知群体中发展"],
         ["做到成熟一个发展一个保证质量", "每季度开展一次谈话考察并记录", "组织参加区委党校入党积极分子培训班"]),
        ("落实意识形态工作责任制，{a}，{b}，研判{n}次。",
         ["每季度分析研判意识形态领域情况", "加强门户网站和微信公众号信息审核", "建立网络评论员和信息员队伍"],
         ["第一时间处置负面舆情苗头", "严格落实三审三校发布流程", "组织开展网络安全宣传周系列活动"]),
        ("开展困难党员和老党员走访慰问，{a}，{b}，共走访{n}名。",
         ["送去慰问金和米面油等生活用品", "为行动不便的老党员送学上门", "建立困难党员结对帮扶工作台账"],
         ["认真倾听对支部工作的意见建议", "帮助协调解决看病就医实际困难", "集中颁发“光荣在党50年”纪念章"]),
    ]

    /// Single-unit practices: an action, a named programme, a way and a result, joined at random.
    static let ownActions = ["创新推出", "探索建立", "试点开展", "牵头组建", "自主研发", "首创推行", "联合打造", "率先实行"]
    static let ownNameCharacters = Array("晨曦春风清泉红烛星火青松银杏翠竹暖阳初心匠心连心同心先锋旗帜灯塔港湾桥梁纽带驿站家园")
    static let ownKinds = ["服务驿站", "议事平台", "学习课堂", "志愿服务队", "工作室", "宣讲团", "帮办小组", "积分超市",
                           "文化长廊", "网格联盟", "技能工坊", "夜学讲堂"]
    static let ownWays = ["吸引周边群众广泛参与", "覆盖全体在职党员和入党积极分子", "在全系统推广经验做法", "被市级媒体专题报道",
                          "服务辖区企业和困难群众", "带动青年干部快速成长", "形成一套可复制的工作方法", "及时化解群众反映的矛盾",
                          "联合驻区单位共建共享", "实现线上线下同步运行", "建立一月一评激励机制", "配套出台管理办法"]
    static let ownResults = ["本季度服务群众{n}人次", "收集意见建议{n}条", "开展活动{n}场", "帮助解决难题{n}件",
                             "参与党员{n}名", "培训骨干{n}人", "办结事项{n}件", "结对家庭{n}户"]

    /// Light edits a copying unit makes: words swapped for their synonyms.
    static let synonyms: [(String, String)] = [
        ("开展", "组织开展"), ("组织", "组织引导"), ("严格落实", "认真落实"), ("依托", "借助"), ("累计", "共"),
        ("定期", "按时"), ("建立", "健全"), ("及时", "迅速"), ("帮助", "协助"), ("共", "合计"),
    ]
    static let openings = ["今年以来，", "本季度，", "报告期内，", "一是", "二是", "（一）", "1."]

    /// Problem phrases per category: a subject and a finding, in our own words.
    static let problemPhrases: [(category: String, findings: [String])] = [
        ("awareness", ["抓党建的意识不强，把党建当作软任务", "重业务轻党建，党建工作说起来重要做起来次要", "对党建工作重视程度不够，研究部署少",
                       "思想认识有偏差，认为党建工作可有可无", "把党建当作额外负担，遇到工作冲突先让路", "研究业务的时间多，研究党建的时间少"]),
        ("study", ["理论学习不够深入系统，满足于读文件", "自学主动性不强，学用结合不够紧密", "学习形式单调，入脑入心不够",
                   "理论学习浅尝辄止，联系实际思考不足", "读原著原文少，对新理论一知半解", "学习笔记照抄照搬，心得体会空泛"]),
        ("integration", ["党建与业务融合不够紧密，存在“两张皮”现象", "党建工作与中心工作结合点找得不准", "党建和业务工作各搞各的，互促作用不明显", "支部活动与中心任务脱节，就党建抓党建"]),
        ("innovation", ["组织生活形式单一，缺乏吸引力", "工作方法创新不足，习惯于按部就班", "活动载体单一，缺乏新意", "主题党日多是开会念文件，年轻党员提不起兴趣"]),
        ("vanguard", ["党员先锋模范作用发挥不够充分", "部分党员宗旨意识淡薄，身份意识不强", "在急难险重任务面前冲锋在前的党员不多", "少数党员满足于完成本职，带头意识淡化"]),
        ("cadre", ["党务干部多为兼职，专业能力不足", "党务工作者业务能力有待提升，被动应付", "支部书记抓党建本领不强，培训不够", "支委多由业务骨干兼任，党务知识掌握不多"]),
        ("accountability", ["党建工作责任落实不到位，压力传导层层递减", "制度执行不严格，督促检查不够经常", "党建台账资料不够规范，流于形式", "制度订立后跟踪检查少，执行打折扣"]),
        ("discipline", ["监督执纪失之于宽松软", "作风建设有待加强，形式主义问题仍有反弹", "廉政风险防控不够到位，纪律意识不强", "对苗头性问题提醒不及时，日常监督偏软"]),
        ("branding", ["党建品牌特色不鲜明，示范效应不明显", "经验总结提炼不够，对外宣传手段单一", "典型选树不够，宣传推广力度小", "好的做法停留在内部，对外影响力有限"]),
        ("organization", ["党员队伍年龄老化，后备力量不足", "两新组织党组织覆盖面不广", "发展党员难度大，青年党员数量少", "党组织设置不够合理，阵地建设薄弱", "青年人才外流，支部后继乏人"]),
    ]
    static let problemSubjects = ["部分支部", "个别党员", "有的党员干部", "少数基层党组织", "一些支部班子", "个别单位"]

    /// `units` units, each writing `perUnit` practices and two or three problems, from `seed`.
    static func generate(units: Int, perUnit: Int = 8, seed: UInt64 = 2025) -> StatementCorpus {
        var random = GroupingEvaluationTests.Seeded(state: seed)
        var corpus = StatementCorpus()
        // Boilerplates: every filling of every template, the first fillings most popular.
        var boilerplates: [(template: Int, practice: Int, text: String)] = []
        for (template, entry) in templates.enumerated() {
            for (slot, a) in entry.a.enumerated() {
                for b in entry.b {
                    boilerplates.append((template, template * 100 + slot,
                                         entry.frame.replacingOccurrences(of: "{a}", with: a).replacingOccurrences(of: "{b}", with: b)))
                }
            }
        }
        // Popularity falls off like 1/(rank+1) over a random order of the boilerplates.
        let popularity = boilerplates.indices.shuffled(using: &random)
        let weights = popularity.indices.map { 1.0 / Double($0 + 1) }
        let totalWeight = weights.reduce(0, +)
        func pickBoilerplate() -> Int {
            var draw = Double.random(in: 0..<totalWeight, using: &random)
            for (rank, weight) in weights.enumerated() {
                draw -= weight
                if draw < 0 { return popularity[rank] }
            }
            return popularity[popularity.count - 1]
        }
        var nextOwn = boilerplates.count
        var names = Set<String>()
        let ownTemplateBase = templates.count
        for number in 0..<units {
            let unit = unitName(number)
            var used = Set<Int>()
            for _ in 0..<perUnit {
                if Int.random(in: 0..<4, using: &random) == 0 {
                    // A practice of the unit's own.
                    // A programme's name is its own: two units' different programmes never share one.
                    var name = ""
                    repeat {
                        name = String((0..<4).map { _ in ownNameCharacters.randomElement(using: &random) ?? "红" })
                    } while !names.insert(name).inserted
                    let text = (ownActions.randomElement(using: &random) ?? "") + "“\(name)”" + (ownKinds.randomElement(using: &random) ?? "")
                        + "，" + (ownWays.randomElement(using: &random) ?? "") + "，"
                        + (ownResults.randomElement(using: &random) ?? "").replacingOccurrences(of: "{n}", with: String(Int.random(in: 3...900, using: &random))) + "。"
                    corpus.append(unit, text: text, truth: Truth(copy: nextOwn, template: ownTemplateBase + nextOwn, practice: 100_000 + nextOwn))
                    nextOwn += 1
                    continue
                }
                let pick = pickBoilerplate()
                guard used.insert(pick).inserted else { continue }
                let text = edit(boilerplates[pick].text, unit: unit, using: &random)
                corpus.append(unit, text: text, truth: Truth(copy: pick, template: boilerplates[pick].template, practice: boilerplates[pick].practice))
            }
            for _ in 0..<Int.random(in: 2...3, using: &random) {
                let entry = problemPhrases.randomElement(using: &random) ?? problemPhrases[0]
                let text = (problemSubjects.randomElement(using: &random) ?? "") + (entry.findings.randomElement(using: &random) ?? "") + "。"
                corpus.problems.append((text, entry.category))
            }
        }
        return corpus
    }

    static func unitName(_ number: Int) -> String {
        let kinds = ["街道党工委", "镇党委", "局机关党委", "中学党支部", "卫生院党支部", "社区党委"]
        return "第\(number + 1)\(kinds[number % kinds.count])"
    }

    /// A unit's copy of a boilerplate: its figure, one or two synonyms, maybe its own name or an
    /// opening phrase, maybe full-width punctuation made half-width.
    static func edit(_ text: String, unit: String, using random: inout GroupingEvaluationTests.Seeded) -> String {
        var result = text
        while let range = result.range(of: "{n}") {
            result.replaceSubrange(range, with: String(Int.random(in: 2...99, using: &random)))
        }
        for _ in 0..<Int.random(in: 0...2, using: &random) {
            let (from, to) = synonyms.randomElement(using: &random) ?? synonyms[0]
            if let range = result.range(of: from) { result.replaceSubrange(range, with: to) }
        }
        switch Int.random(in: 0..<6, using: &random) {
        case 0: result = unit + result
        case 1: result = (openings.randomElement(using: &random) ?? "") + result
        case 2: result = result.replacingOccurrences(of: "，", with: ",").replacingOccurrences(of: "。", with: ".")
        case 3: result = result.replacingOccurrences(of: "“", with: "\"").replacingOccurrences(of: "”", with: "\"")
        default: break
        }
        return result
    }

    mutating func append(_ unit: String, text: String, truth: Truth) {
        statements.append(Statement(kind: .achievement, unit: unit, text: text, source: unit + ".txt",
                                    location: SourceLocation(paragraph: statements.count + 1)))
        self.truth.append(truth)
    }

    /// Pairwise precision, recall and F1 of `groups` against the copy truth, counted from the
    /// contingency of (truth, group) without listing pairs; with the largest group's size and
    /// how many groups hold statements of two templates that are not copies of one text.
    func score(_ groups: [[Int]], by level: KeyPath<Truth, Int> = \.copy) -> (precision: Double, recall: Double, f1: Double, largest: Int, mixed: Int) {
        func pairs(_ n: Int) -> Double { Double(n) * Double(n - 1) / 2 }
        var byTruth: [Int: Int] = [:]
        for entry in truth { byTruth[entry[keyPath: level], default: 0] += 1 }
        var together = 0.0, predicted = 0.0, mixed = 0
        for group in groups {
            predicted += pairs(group.count)
            var cells: [Int: Int] = [:]
            for index in group { cells[truth[index][keyPath: level], default: 0] += 1 }
            together += cells.values.reduce(0) { $0 + pairs($1) }
            if Set(group.map { truth[$0].template }).count > 1 { mixed += 1 }
        }
        let actual = byTruth.values.reduce(0) { $0 + pairs($1) }
        let precision = predicted == 0 ? 1 : together / predicted
        let recall = actual == 0 ? 1 : together / actual
        let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        return (precision, recall, f1, groups.map(\.count).max() ?? 0, mixed)
    }
}
