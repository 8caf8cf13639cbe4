import Foundation
import GRDB
import Testing
@testable import ConsolidateCore

/// Each report's copy-detection signature is made where the report is read and kept in the state
/// store with it: a nightly rerun makes only the signatures of the files it reads anew, and the
/// copies found are those found from the words.
struct CarriedSignatureTests {
    static let configuration = RenderFixtures.configuration

    /// The sample reports, with two units that copied the first (one adding a line), as a run reads them.
    static func reportsWithCopies() throws -> [UnitReport] {
        let runner = PipelineRunner(configuration: configuration, roster: nil)
        var timings: [String: Int] = [:]
        var reports = runner.readAll(try ThinReportTests.samples(), timings: &timings).reports.filter { $0.status == .ok }
        for (index, name) in ["抄录甲单位", "抄录乙单位"].enumerated() {
            var copy = reports[0]
            copy.unit = name
            copy.source.path = name + ".txt"
            if index == 1, !copy.sections.isEmpty { copy.sections[0].items.append(Item(label: "", text: "本单位另行组织了一次交流。")) }
            reports.append(copy)
        }
        return reports
    }

    static func described(_ copies: [(String, String, Double)]) -> [String] { copies.map { "\($0.0)|\($0.1)|\($0.2)" } }

    @Test func aSignatureIsTheOneTheDetectorMakesOfTheReportsLines() throws {
        let detector = CopyDetector(threshold: Self.configuration.merge.copySimilarity)
        for report in try Self.reportsWithCopies() {
            let signature = CopyDetector.Signature(of: report)
            let set = CopyDetector.Document(unit: report.unit, lines: Statement.statements(of: report).map(\.text)).bigrams
            #expect(signature.unit == report.unit)
            #expect(signature.minima == detector.signature(set))
            #expect(!signature.minima.isEmpty)
        }
        let blank = UnitReport(source: SourceInfo(path: "空.txt", format: .txt, sha256: ""), unit: "空白单位", title: "",
                               period: Period(year: nil, part: nil), sections: [], metrics: [])
        #expect(CopyDetector.Signature(of: blank).minima.isEmpty, "a report without bigrams has an empty signature")
    }

    @Test func carriedSignaturesFindTheCopiesTheWordsFind() throws {
        let reports = try Self.reportsWithCopies()
        let detector = CopyDetector(threshold: Self.configuration.merge.copySimilarity)
        let fromLines = reports.map { CopyDetector.Document(unit: $0.unit, lines: Statement.statements(of: $0).map(\.text)) }
        let table = SignatureTable(capacity: reports.count * 2)
        let carried = reports.map {
            CopyDetector.Document(unit: $0.unit, reading: PackedReading($0), signature: table.add(CopyDetector.Signature(of: $0)))
        }
        #expect(carried.allSatisfy { $0.carried(width: 64) != nil })
        let expected = Self.described(detector.suspectedCopies(fromLines))
        #expect(expected.contains { $0.hasPrefix("抄录乙单位|抄录甲单位|") })
        #expect(Self.described(detector.suspectedCopies(carried)) == expected)
        // Counted under another name than the one masked (a roster's): the signature is made anew.
        var renamed = reports
        renamed[0].unit = "更名后的单位"
        let signedBefore = renamed.indices.map { index in
            CopyDetector.Document(unit: renamed[index].unit, reading: PackedReading(renamed[index]),
                                  signature: table.add(CopyDetector.Signature(of: reports[index])))
        }
        #expect(signedBefore[0].carried(width: 64) == nil)
        #expect(signedBefore[1].carried(width: 64) != nil)
        let renamedLines = renamed.map { CopyDetector.Document(unit: $0.unit, lines: Statement.statements(of: $0).map(\.text)) }
        #expect(Self.described(detector.suspectedCopies(signedBefore)) == Self.described(detector.suspectedCopies(renamedLines)))
        // A detector of another width makes its own.
        #expect(carried[0].carried(width: 32) == nil)
    }

    @Test func aPackedReportReadsBackAsStoredAndCutOrAlteredBytesNeverCrash() throws {
        var reports = try Self.reportsWithCopies()
        reports.append(ThinReportTests.nested)
        reports.append(UnitReport.quarantined(source: SourceInfo(path: "坏.docx", format: .docx, sha256: "ab"), unit: "坏", reason: "无法读取"))
        for report in reports {
            for signature in [nil, CopyDetector.Signature(of: report)] {
                let packed = PackedReport(report, signature: signature)
                let stored = try #require(packed.storedBytes)
                let back = try #require(PackedReport(storedBytes: stored))
                #expect(back.account == packed.account)
                #expect(back.reading == packed.reading)
                #expect(back.signature == packed.signature)
                #expect(back.reading.statements(unit: report.unit, source: nil) == packed.reading.statements(unit: report.unit, source: nil))
                #expect(back.reading.figures == packed.reading.figures)
            }
        }
        let stored = try #require(PackedReport(reports[0], signature: CopyDetector.Signature(of: reports[0])).storedBytes)
        for length in stride(from: 0, to: stored.count, by: max(1, stored.count / 300)) {
            #expect(PackedReport(storedBytes: stored.prefix(length)) == nil, "cut at \(length)")
        }
        #expect(PackedReport(storedBytes: stored + Data([0])) == nil, "a byte beyond the end")
        // Counts of any size, as a damaged store might hold them, are refused rather than trusted: the
        // signature's count of minima (eight bytes before the unit's name's length, at the end of a
        // report stored without one) and the reading's count of leaves (after the account, the residue
        // and the placeholders).
        let unsigned = try #require(PackedReport(reports[0]).storedBytes)
        let accountLength = unsigned.withUnsafeBytes { Int(Int64(littleEndian: $0.loadUnaligned(as: Int64.self))) }
        for count in [Int.max, Int.max / 8 + 1, 1 << 40, -1] {
            for (offset, flag) in [(unsigned.count - 16, unsigned.count - 17), (8 + accountLength + 16, -1)] {
                var damaged = [UInt8](unsigned)
                withUnsafeBytes(of: Int64(count).littleEndian) { damaged.replaceSubrange(offset..<(offset + 8), with: $0) }
                if flag >= 0 { damaged[flag] = 1 }
                #expect(PackedReport(storedBytes: Data(damaged)) == nil, "count \(count) at \(offset)")
            }
        }
        // Any byte altered reads as some reading or as nothing, never as a crash.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            var altered = stored
            let index = Int.random(in: 0..<altered.count, using: &generator)
            altered[altered.startIndex + index] = UInt8.random(in: 0...255, using: &generator)
            if let back = PackedReport(storedBytes: altered) {
                _ = back.reading.statements(unit: "甲", source: nil)
                _ = back.reading.figures
            }
        }
    }

    @Test func aStoreAnEarlierBuildLeftGainsTheColumnWithoutAWarning() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = ReportStore.url(in: folder)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        // The table as builds before the packed form made it, with a report of theirs.
        try DatabaseQueue(path: url.path).write { db in
            try db.execute(sql: """
                CREATE TABLE report (
                    path TEXT NOT NULL, unit TEXT NOT NULL, key TEXT NOT NULL,
                    size INTEGER NOT NULL, modified REAL NOT NULL, sha256 TEXT NOT NULL, json BLOB NOT NULL,
                    PRIMARY KEY (path, unit, key))
                """)
            try db.execute(sql: "INSERT INTO report VALUES ('旧.txt', '旧', 'an earlier key', 1, 1.0, 'aa', x'7b7d')")
        }
        let store = try ReportStore(folder: folder, configuration: Self.configuration)
        #expect(store.warning == nil)
        #expect(store.count() == 1)
        let reports = ThinReportTests.numberedReports(2)
        let packed = reports.map { PackedReport($0, signature: CopyDetector.Signature(of: $0)) }
        // The second's packed form is not one the store wrote: it is read from its whole report.
        try store.insert(encoded: try reports.map(ReportStore.encode), kept: [packed[0].storedBytes, Data([1, 2, 3])],
                         of: reports.map { ($0.source.path, $0.unit, 5, 2.5, "bb") })
        let back = store.reports(unchanged: reports.map { ($0.source.path, $0.unit, 5, 2.5) }, restoring: { PackedReport(storedBytes: $0) }) {
            PackedReport($0)
        }
        #expect(back.map { $0?.reading } == [packed[0].reading, PackedReport(reports[1]).reading])
        #expect(back.map { $0?.signature } == [packed[0].signature, nil])
        #expect(back.map { $0?.account } == packed.map(\.account))
        // Opened again: the column is there, nothing is set aside.
        #expect(try ReportStore(folder: folder, configuration: Self.configuration).warning == nil)
    }

    @Test func storedReportsReadBatchByBatchAreTheSameInAnyBatchSize() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try ReportStore(folder: folder, configuration: Self.configuration)
        let reports = ThinReportTests.numberedReports(7)
        let packed = reports.map { PackedReport($0, signature: CopyDetector.Signature(of: $0)) }
        // Every third kept in a form no build wrote (read from its whole report), the others as a run keeps them.
        try store.insert(encoded: try reports.map(ReportStore.encode),
                         kept: packed.indices.map { $0 % 3 == 1 ? Data([9, 9]) : packed[$0].storedBytes },
                         of: reports.map { ($0.source.path, $0.unit, 5, 2.5, "cc") })
        // The fifth file changed since (another size): not found.
        let files = reports.enumerated().map { ($1.source.path, $1.unit, $0 == 4 ? 6 : 5, 2.5) }
        let expected = reports.indices.map { index -> PackedReading? in
            index == 4 ? nil : index % 3 == 1 ? PackedReport(reports[index]).reading : packed[index].reading
        }
        for batch in [1, 2, 3, 512] {
            var settled: [String] = []
            let back = store.reports(unchanged: files, batch: batch, restoring: { PackedReport(storedBytes: $0) },
                                     settling: { settled.append($0.account.unit); return $0 }) { PackedReport($0) }
            #expect(back.map { $0?.reading } == expected, "batch \(batch)")
            // Each found report settled once, in the files' order, whatever batch restored it.
            #expect(settled == reports.indices.filter { $0 != 4 }.map { reports[$0].unit }, "batch \(batch)")
        }
    }

    @Test func theTableTakesSignaturesOfItsWidthWhileItHasRoomAndGoesOnceCopyDetectionIsDone() throws {
        let table = SignatureTable(capacity: 2)
        #expect(table.add(CopyDetector.Signature(unit: "甲", minima: [1, 2, 3])) == nil, "not the detector's width")
        let first = try #require(table.add(CopyDetector.Signature(unit: "甲", minima: (0..<64).map(UInt64.init))))
        let blank = try #require(table.add(CopyDetector.Signature(unit: "乙", minima: [])))
        #expect(table.add(CopyDetector.Signature(unit: "丙", minima: [])) == nil, "full")
        #expect(first.minima(masking: "甲").map(Array.init) == (0..<64).map(UInt64.init))
        #expect(first.minima(masking: "乙") == nil)
        #expect(blank.minima(masking: "乙")?.isEmpty == true)

        // A run's reports hold the table until copy detection, and not beyond it.
        weak var gone: SignatureTable?
        var input: MergeInput?
        do {
            let reports = try Self.reportsWithCopies()
            let signatures = SignatureTable(capacity: reports.count)
            gone = signatures
            var submitted = reports.map { report in
                var submission = SubmittedReport(report: report, submitted: Date(timeIntervalSince1970: 0), reading: PackedReading(report))
                submission.signature = signatures.add(CopyDetector.Signature(of: report))
                return submission
            }
            input = MergeInput.from(taking: &submitted, roster: nil, copySimilarity: Self.configuration.merge.copySimilarity)
            #expect(submitted.allSatisfy { $0.signature == nil })
        }
        #expect(gone == nil)
        let warned = try #require(input).units.filter { $0.warnings.contains { $0.contains("高度雷同") } }.map(\.unit).sorted()
        #expect(warned.contains("抄录甲单位") && warned.contains("抄录乙单位"))
    }

    @Test func rowsAgreeingCountAsOneByOne() {
        var generator = SystemRandomNumberGenerator()
        for width in [0, 1, 7, 8, 9, 16, 63, 64, 65] {
            for _ in 0..<20 {
                let x = (0..<width).map { _ in UInt64.random(in: 0...3, using: &generator) }
                let y = (0..<width).map { _ in UInt64.random(in: 0...3, using: &generator) }
                let naive = zip(x, y).filter { $0 == $1 }.count
                let counted = x.withUnsafeBufferPointer { a in
                    y.withUnsafeBufferPointer { b in
                        CopyDetector.agreeing(a.baseAddress ?? UnsafePointer(bitPattern: 8)!, b.baseAddress ?? UnsafePointer(bitPattern: 8)!, width: width)
                    }
                }
                #expect(counted == naive, "width \(width)")
            }
        }
    }
}

extension CopyDetector.Signature {
    /// The signature a run makes of `report` (`PackedReport(_:signing:)`).
    init(of report: UnitReport) {
        self.init(unit: report.unit, reading: PackedReading(report))
    }
}
