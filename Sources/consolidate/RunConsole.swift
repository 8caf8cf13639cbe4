import ArgumentParser
import ConsolidateCore
import Foundation
import Logging

/// How `run` writes what it does to standard error.
enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    /// Lines for a person; with a progress bar on a terminal, with a time stamp on each line otherwise.
    case text
    /// One JSON object per line, for log collectors.
    case json
}

/// What a run says while it works: stage lines, progress, warnings, the final count.
///
/// On a terminal (text format) per-file stages draw a bar with counts and rate on one
/// line; elsewhere (cron, CI, a log file) every line carries a time stamp and progress
/// comes as a line every `interval` seconds. Events arrive from many threads at once.
final class RunConsole: @unchecked Sendable {
    private let logger: Logger
    private let bar: Bool
    private let interval: TimeInterval
    private let lock = NSLock()
    private var stage: StageName?
    private var total = 0
    private var done = 0
    private var stageStarted = Date()
    private var lastShown = Date.distantPast
    private var barShown = false
    /// True while the per-file stages run together (after `.reading`, until another stage starts).
    private var reading = false
    private let json: Bool

    init(format: LogFormat, progress: Bool, interval: TimeInterval = 10) {
        let terminal = isatty(STDERR_FILENO) == 1
        bar = format == .text && progress && terminal
        json = format == .json
        self.interval = interval
        let timestamps = !terminal
        logger = Logger(label: "consolidate") { _ in
            StandardErrorLogHandler(style: format == .json ? .json : .plain(timestamps: timestamps))
        }
    }

    // MARK: Lines

    func info(_ message: String, _ metadata: Logger.Metadata = [:]) { emit(.info, message, metadata) }

    /// A compiler-style line (`path: warning: [stage] words`); its parts become fields in JSON.
    func diagnostic(_ line: String) {
        let parsed = Self.parse(line)
        emit(parsed.level, line, parsed.metadata)
    }

    func error(_ message: String) { emit(.error, message.hasPrefix("error: ") ? message : "error: " + message, [:]) }

    private func emit(_ level: Logger.Level, _ message: String, _ metadata: Logger.Metadata) {
        lock.lock()
        defer { lock.unlock() }
        clearBar()
        logger.log(level: level, "\(message)", metadata: metadata)
    }

    // MARK: Progress

    /// How the per-file stages, which run together, are named on progress lines.
    static let readingLabel = "[1-3/5] ingest·normalize·extract"

    func handle(_ event: RunEvent) {
        switch event {
        case let .started(stage, total, reused):
            begin(stage, total: total ?? 0)
            var message = "[\(stage.position)/5] \(stage.rawValue)"
            if let total {
                message += ": \(total) 个文件" + reusedText(reused)
            }
            var fields: Logger.Metadata = ["event": "stage-started", "stage": "\(stage.rawValue)", "reused": .stringConvertible(reused)]
            if let total { fields["total"] = .stringConvertible(total) }
            info(message, fields)
        case let .reading(total, reused):
            // Progress counts files through all three stages: a file is done when it is extracted.
            begin(.extract, total: total)
            lock.withLock { reading = true }
            if json {
                for stage in [StageName.ingest, .normalize, .extract] {
                    info("[\(stage.position)/5] \(stage.rawValue): \(total) 个文件" + reusedText(reused),
                         ["event": "stage-started", "stage": "\(stage.rawValue)", "reused": .stringConvertible(reused),
                          "total": .stringConvertible(total)])
                }
            } else {
                info("\(Self.readingLabel): \(total) 个文件，每个文件依次读取、整理、提取" + reusedText(reused))
            }
        case let .unchanged(files):
            info("\(files) 个文件、设置、名单和审核决定都与上次运行相同，上次的输出仍完好：沿用上次的输出，未重新汇总和生成（需要重做时用 --full）",
                 ["event": "unchanged", "files": .stringConvertible(files)])
        case let .fileDone(stage):
            lock.withLock {
                guard stage == self.stage else { return }
                done += 1
                let now = Date()
                if bar {
                    if now.timeIntervalSince(lastShown) >= 0.1 || done == total { drawBar(now: now) }
                } else if now.timeIntervalSince(lastShown) >= interval && done < total {
                    lastShown = now
                    let rate = rateText(now: now)
                    logger.info("\(label(stage)): \(done)/\(total) 个文件，\(rate)",
                                metadata: ["event": "progress", "stage": "\(stage.rawValue)", "done": .stringConvertible(done),
                                           "total": .stringConvertible(total)])
                }
            }
        case let .finished(stage, milliseconds):
            let seconds = String(format: "%.1f", Double(milliseconds) / 1000)
            let shared = lock.withLock { reading && stage < .merge }
            let files: Int? = lock.withLock { (self.stage == stage || shared) && total > 0 ? done : nil }
            // A stage run together with the others over each file has a share of their time, not a rate of its own.
            let rate = shared ? "（三步逐个文件交替进行，按各步所用时间分摊）" : files.map { count in
                milliseconds > 0 ? "，每秒\(Int((Double(count) / (Double(milliseconds) / 1000)).rounded()))个" : ""
            } ?? ""
            info("[\(stage.position)/5] \(stage.rawValue) 完成" + (files.map { "：\($0) 个文件" } ?? "") + "，用时\(seconds)秒\(rate)",
                 ["event": "stage-finished", "stage": "\(stage.rawValue)", "ms": .stringConvertible(milliseconds)]
                    .merging(files.map { ["files": .stringConvertible($0)] } ?? [:]) { a, _ in a })
        }
    }

    private func begin(_ stage: StageName, total: Int) {
        lock.withLock {
            self.stage = stage
            self.total = total
            done = 0
            reading = false
            stageStarted = Date()
            lastShown = Date()
        }
    }

    private func reusedText(_ reused: Int) -> String {
        reused == 0 ? "" : "（另有\(reused)个未变，沿用上次读取结果）"
    }

    /// `[i/5] stage`, or the per-file stages' joint label while they run together. Called with the lock held.
    private func label(_ stage: StageName) -> String {
        reading ? Self.readingLabel : "[\(stage.position)/5] \(stage.rawValue)"
    }

    /// The bar: `[1/5] ingest [#######.......] 350/700  每秒120个`. Called with the lock held.
    private func drawBar(now: Date) {
        guard let stage, total > 0 else { return }
        lastShown = now
        let width = 30
        let filled = min(width, done * width / total)
        let line = label(stage) + " [" + String(repeating: "#", count: filled)
            + String(repeating: ".", count: width - filled) + "] \(done)/\(total)  \(rateText(now: now))"
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        barShown = true
    }

    private func clearBar() {
        guard barShown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        barShown = false
    }

    private func rateText(now: Date) -> String {
        let elapsed = now.timeIntervalSince(stageStarted)
        return elapsed > 0 ? "每秒\(Int((Double(done) / elapsed).rounded()))个" : ""
    }

    // MARK: Parsing our own diagnostics

    /// `path: warning: [stage] words` → level and fields; any other line is an info line.
    static func parse(_ line: String) -> (level: Logger.Level, metadata: Logger.Metadata) {
        for (marker, level) in [(": warning: ", Logger.Level.warning), (": error: ", .error)] {
            guard let range = line.range(of: marker) else { continue }
            var metadata: Logger.Metadata = ["file": "\(line[..<range.lowerBound])"]
            let rest = line[range.upperBound...]
            if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
                metadata["stage"] = "\(rest[rest.index(after: rest.startIndex)..<close])"
            }
            return (level, metadata)
        }
        if line.hasPrefix("error: ") { return (.error, [:]) }
        return (.info, [:])
    }
}

/// What `run` writes to standard error, one line per event: the message (with a local time
/// stamp in front where asked: not on a terminal), or a JSON object of `time`, `level`,
/// `message` and the event's fields, keys sorted, counts as JSON numbers.
struct StandardErrorLogHandler: LogHandler {
    enum Style { case plain(timestamps: Bool), json }

    var style: Style
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var line: Data
        switch style {
        case let .plain(timestamps):
            line = Data(((timestamps ? Self.stamp(Date()) + " " : "") + "\(event.message)").utf8)
        case .json:
            var object: [String: Any] = [:]
            for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { _, new in new }) {
                if case let .stringConvertible(number as Int) = value { object[key] = number } else { object[key] = "\(value)" }
            }
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            object["time"] = formatter.string(from: Date())
            object["level"] = event.level.rawValue
            object["message"] = "\(event.message)"
            guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            else { return }
            line = data
        }
        line.append(0x0A)
        FileHandle.standardError.write(line)
    }

    static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }
}
