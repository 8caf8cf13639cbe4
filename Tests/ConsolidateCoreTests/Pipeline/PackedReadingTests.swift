import Foundation
import Synchronization
import Testing
@testable import ConsolidateCore

/// A run holds each report as its account and a packed reading (`PackedReport`) until the merge:
/// the packing gives back every statement and figure as the whole report gives them.
struct PackedReadingTests {
    static let configuration = RenderFixtures.configuration

    @Test func aPackedReadingGivesTheWholeReportsStatementsAndFigures() {
        let report = ThinReportTests.nested
        let packed = PackedReport(report)
        #expect(packed.reading.statements(unit: report.unit, source: report.source.path) == Statement.statements(of: report))
        #expect(packed.reading.figures == report.metrics)
        #expect(packed.reading.leafCount == report.sections.reduce(0) { $0 + $1.leafCount })
        #expect(packed.reading.metricCount == report.metrics.count)
        #expect(packed.reading.residue == 1 && packed.reading.placeholders == 1)
        // The account keeps what run.json and the account of units read, and nothing of the reading.
        #expect((packed.account.unit, packed.account.source, packed.account.status, packed.account.period, packed.account.warnings)
                == (report.unit, report.source, report.status, report.period, report.warnings))
        #expect(packed.account.sections.isEmpty && packed.account.metrics.isEmpty && packed.account.title.isEmpty)
        #expect(packed.account.residue.isEmpty && packed.account.placeholders.isEmpty)
    }

    @Test func readingsSettledInAnArenaShareBlocksAndGiveEachBackWithItsLastReading() {
        let arena = ReadingArena(blockSize: 512)
        let metric = Metric(text: "集中学习12次", activity: "集中学习", value: 12, unit: "次", approx: false,
                            location: SourceLocation(paragraph: 4))
        let reports = (0..<12).map {
            MergerTests.report("单位\($0)", achievements: ["第\($0)条：组织党员集中学习", "开展主题党日活动"], plans: ["抓好发展党员"],
                               metrics: $0 % 3 == 0 ? [metric] : [])
        }
        let packed = reports.map(PackedReading.init)
        var settled = packed.map { $0.settled(in: arena) }
        #expect(settled == packed)
        for (reading, report) in zip(settled, reports) {
            #expect(reading.statements(unit: report.unit, source: report.source.path) == Statement.statements(of: report))
            #expect(reading.figures == report.metrics)
        }
        // Readings fill a block one after another, then the next.
        let serials = settled.map(\.blockSerial)
        #expect(serials == serials.sorted() && serials.first == 1)
        #expect(Set(serials).count > 1 && Set(serials).count < settled.count)
        // A reading larger than a block has a block of its own size.
        let large = MergerTests.report("大单位", achievements: (0..<40).map { "第\($0)条较长的做法：组织党员开展学习教育活动" })
        let alone = PackedReading(large).settled(in: arena)
        #expect(alone == PackedReading(large) && alone.blockSerial == serials.last! + 1)
        // A block goes when the last reading in it goes, not before.
        weak let first = settled[0].owner
        let sharing = settled.indices.filter { settled[$0].blockSerial == 1 }
        for index in sharing.dropLast() { settled[index] = PackedReading() }
        #expect(first != nil)
        settled[sharing.last!] = PackedReading()
        #expect(first == nil)
        #expect(settled[sharing.last! + 1] == packed[sharing.last! + 1], "the next block's readings are untouched")
    }

    @Test func wordsOfEveryWidthEmptyOnesAndLeavesWithoutAPlaceComeBackAsWritten() {
        let texts = ["", "A", "组织党员𠀋学习", "emoji 👩‍👩‍👧 和组合字符 é", "", "最后一条"]
        let items = texts.enumerated().map { index, text in
            Item(label: index == 4 ? "（五）" : "", text: text, location: index == 2 ? nil : SourceLocation(paragraph: index + 1, origin: index == 3 ? .table : .body))
        }
        let report = UnitReport(source: SourceInfo(path: "乙.txt", format: .txt, sha256: ""), unit: "乙", title: "",
                                period: Period(year: nil, part: nil),
                                sections: [Section(kind: .plans, label: "", heading: "", items: items)],
                                metrics: [Metric(text: "", activity: "党课", value: nil, unit: "次", approx: false),
                                          Metric(text: "讲党课𠀋3次", activity: "党课", value: 3, unit: "次", approx: true, beyondPeriod: true,
                                                 location: SourceLocation(paragraph: 9, origin: .footnote))])
        let reading = PackedReading(report)
        let statements = reading.statements(unit: "乙", source: nil)
        #expect(statements == Statement.statements(of: report).map {
            Statement(kind: $0.kind, unit: $0.unit, text: $0.text, source: nil, location: $0.location)
        })
        #expect(statements.map(\.text) == ["", "A", "组织党员𠀋学习", "emoji 👩‍👩‍👧 和组合字符 é", "（五）", "最后一条"])
        #expect(statements[2].location == nil && statements[3].location?.origin == .table)
        #expect(reading.figures == report.metrics)
        #expect(PackedReading(UnitReport.quarantined(source: report.source, unit: "乙", reason: "无法读取")).leafCount == 0)
    }

    @Test func aReadingReadsAsTheDocumentOfItsStatementsForCopyDetection() throws {
        // Two units that copied a third's report, one with a line of its own.
        let reports = try CarriedSignatureTests.reportsWithCopies()
        let fromLines = reports.map { CopyDetector.Document(unit: $0.unit, lines: Statement.statements(of: $0).map(\.text)) }
        let fromReadings = reports.map { CopyDetector.Document(unit: $0.unit, reading: PackedReading($0)) }
        #expect(fromReadings.map(\.text) == fromLines.map(\.text))
        #expect(fromReadings.map(\.bigrams) == fromLines.map(\.bigrams))
        let detector = CopyDetector(threshold: Self.configuration.merge.copySimilarity)
        let found = CarriedSignatureTests.described(detector.suspectedCopies(fromReadings))
        #expect(found == CarriedSignatureTests.described(detector.suspectedCopies(fromLines)))
        #expect(found.contains { $0.hasPrefix("抄录乙单位|抄录甲单位|") })
    }

    @Test func aRunFromTheStorePacksTheStoredReportsAsTheFirstRunPackedItsReadings() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let runner = PipelineRunner(configuration: Self.configuration, roster: nil)
        let submissions = try ThinReportTests.samples()
        let store = try ReportStore(folder: folder, configuration: Self.configuration)
        var timings: [String: Int] = [:]
        let arena = ReadingArena()
        var settled = 0
        let first = runner.readAll(submissions, store: store, storedAs: .packed, events: { _ in }, timings: &timings,
                                   keeping: { PackedReport($0, signing: true) }, settling: { settled += 1; return $0.settled(in: arena) })
        #expect(first.parsed == submissions.count)
        #expect(settled == submissions.count, "each kept report is settled on the calling thread")
        let readable = first.reports.filter { $0.account.status == .ok }
        #expect(!readable.isEmpty)
        for report in readable { #expect(report.signature?.minima.count == 64 && report.signature?.unit == report.account.unit) }
        #expect(first.reports.contains { $0.account.status == .quarantined })
        for report in first.reports where report.account.status == .quarantined { #expect(report.signature == nil) }
        // Read back from their packed form, signatures too: no whole report is decoded and kept again.
        var settledFromStore = 0
        let kept = Mutex(0)
        let second = runner.readAll(submissions, store: store, storedAs: .packed, events: { _ in }, timings: &timings,
                                    keeping: { report in
                                        kept.withLock { $0 += 1 }
                                        return PackedReport(report, signing: true)
                                    }, settling: { settledFromStore += 1; return $0.settled(in: arena) })
        #expect(second.parsed == 0)
        #expect(kept.withLock { $0 } == 0)
        #expect(settledFromStore == submissions.count, "reports from the store are settled too, a batch at a time")
        #expect(second.reports.map(\.reading) == first.reports.map(\.reading))
        #expect(second.reports.map(\.account) == first.reports.map(\.account))
        #expect(second.reports.map(\.signature) == first.reports.map(\.signature))
        // The same contents at a new time and path: found by their hash, in their packed form; only a
        // quarantined one is read again, as its reason names the path it lies under.
        let moved = submissions.map { submission in
            var moved = submission
            moved.modified = submission.modified.addingTimeInterval(60)
            moved.path = "补报/" + submission.path
            return moved
        }
        kept.withLock { $0 = 0 }
        let third = runner.readAll(moved, store: store, storedAs: .packed, events: { _ in }, timings: &timings,
                                   keeping: { report in
                                       kept.withLock { $0 += 1 }
                                       return PackedReport(report, signing: true)
                                   })
        let quarantined = first.reports.indices.filter { first.reports[$0].account.status == .quarantined }
        #expect(third.parsed == quarantined.count)
        #expect(kept.withLock { $0 } == quarantined.count)
        #expect(third.reports.map(\.reading) == first.reports.map(\.reading))
        #expect(third.reports.map(\.signature) == first.reports.map(\.signature))
        #expect(third.reports.map(\.account.source.path) == moved.map(\.path))
        for index in quarantined {
            #expect(third.reports[index].account.error?.contains(moved[index].path) == true, "\(third.reports[index].account.error ?? "")")
        }
        #expect(third.reports.indices.filter { !quarantined.contains($0) }.map { index in
            var account = third.reports[index].account
            account.source.path = String(account.source.path.dropFirst("补报/".count))
            return account
        } == first.reports.indices.filter { !quarantined.contains($0) }.map { first.reports[$0].account })
        // The store keeps no whole report beside the packed one: a caller that keeps other than packed
        // reports reads the files again, and reads them alike.
        #expect(store.report(sha256: first.reports[0].account.source.sha256, unit: submissions[0].unitHint ?? "") == nil)
        let whole = runner.readAll(submissions, store: store, events: { _ in }, timings: &timings) { PackedReport($0) }
        #expect(whole.parsed == submissions.count)
        #expect(whole.reports.map(\.reading) == first.reports.map(\.reading))
        #expect(whole.reports.map(\.account) == first.reports.map(\.account))
    }

    @Test func theMergeOfPackedReportsIsTheMergeOfWholeOnes() throws {
        let runner = PipelineRunner(configuration: Self.configuration, roster: nil)
        let submissions = try ThinReportTests.samples()
        var timings: [String: Int] = [:]
        let whole = runner.readAll(submissions, timings: &timings).reports
        let packed = runner.readAll(submissions, store: nil, events: { _ in }, timings: &timings, keeping: PackedReport.init).reports
        #expect(packed.map(\.reading) == whole.map(PackedReading.init))
        var held = runner.account(submissions, packed.map(\.account))
        for index in held.indices { held[index].reading = packed[index].reading }
        let configuration = Self.configuration
        let fromWhole = MergeInput.from(runner.account(submissions, whole), roster: nil, copySimilarity: configuration.merge.copySimilarity)
        var taken = held
        let fromPacked = MergeInput.from(taking: &taken, roster: nil, copySimilarity: configuration.merge.copySimilarity)
        #expect(fromPacked.allStatements == fromWhole.allStatements)
        #expect(fromPacked.statements.isEmpty && fromPacked.packed.count == fromWhole.units.filter { $0.status == .received }.count,
                "a packed report's statements stay packed until the merge")
        #expect(fromPacked.figures.isEmpty && fromPacked.allFigures == fromWhole.figures,
                "a packed report's figures stay packed until the merge")
        #expect(fromPacked.units == fromWhole.units)
        #expect(taken.allSatisfy { $0.reading == nil }, "each reading is let go once its statements are taken")
        // The merge's rows made straight from the readings are the rows of the statements as a list.
        var readings = fromPacked.packed
        let rows = StatementRows(sorting: [], taking: &readings)
        #expect(readings.isEmpty)
        #expect(rows.statements == StatementRows(sorting: fromWhole.allStatements).statements)
        #expect(rows.statements == Merger.sortedByStatementOrder(fromWhole.allStatements.reversed()))
        // Made by the merge, rows and figures together, each reading let go as they are made.
        var taking = fromPacked
        let madeRows = taking.takeRows()
        #expect(madeRows.statements == rows.statements)
        #expect(taking.figures == fromWhole.figures && taking.packed.isEmpty && taking.statements.isEmpty)
        #expect(Merger(configuration: configuration).merge(fromPacked) == Merger(configuration: configuration).merge(fromWhole))
    }

    @Test func figuresOfPackedAndWholeReportsTogetherStayInTheirReportsOrder() throws {
        let runner = PipelineRunner(configuration: Self.configuration, roster: nil)
        let submissions = try ThinReportTests.samples()
        var timings: [String: Int] = [:]
        let whole = runner.account(submissions, runner.readAll(submissions, timings: &timings).reports)
        let packed = runner.readAll(submissions, store: nil, events: { _ in }, timings: &timings, keeping: PackedReport.init).reports
        // Every other report packed, the others whole: list figures and packed ones interleave.
        var mixed = runner.account(submissions, packed.map(\.account))
        for index in mixed.indices {
            if index % 2 == 0 { mixed[index].reading = packed[index].reading } else { mixed[index] = whole[index] }
        }
        let similarity = Self.configuration.merge.copySimilarity
        let expected = MergeInput.from(whole, roster: nil, copySimilarity: similarity).figures
        var input = MergeInput.from(taking: &mixed, roster: nil, copySimilarity: similarity)
        #expect(!input.figures.isEmpty && input.figures.count < expected.count, "some figures held as a list, some packed")
        #expect(Set(input.packed.map(\.figuresBefore)).count > 1)
        #expect(input.allFigures == expected)
        let rows = input.takeRows()
        #expect(input.figures == expected)
        #expect(rows.statements == StatementRows(sorting: MergeInput.from(whole, roster: nil, copySimilarity: similarity).allStatements).statements)
    }
}
