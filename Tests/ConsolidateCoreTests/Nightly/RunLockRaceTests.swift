import Foundation
import Testing
@testable import ConsolidateCore

/// Taking over the lock of a killed run is atomic: of several runs that find it at once,
/// exactly one takes it and the others see it held.
@Suite struct RunLockRaceTests {
    static func input(_ folder: URL) throws -> URL {
        let input = folder.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try """
            青川区测试局2024年第二季度党建工作汇报
            一、主要工作
            （一）加强理论学习。本季度组织党员开展集中学习6次。
            二、存在的问题
            学习形式还比较单一。
            三、下一步工作打算
            继续抓好理论学习。
            """.write(to: input.appendingPathComponent("测试局.txt"), atomically: true, encoding: .utf8)
        return input
    }

    static func arguments(_ folder: URL, wait: Int) -> [String] {
        ["run", "--input", folder.appendingPathComponent("in").path, "--out", folder.appendingPathComponent("out").path,
         "--pipeline", Repository.defaultPipeline.path, "--wait", String(wait)]
    }

    /// Starts a run with its standard error kept (small enough for the pipe's buffer).
    static func start(_ arguments: [String], fault: String) throws -> (process: Process, stderr: Pipe) {
        let process = Process()
        process.executableURL = ConsolidateBinary.url
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging([FaultInjection.variable: fault]) { _, new in new }
        let stderr = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr
        try process.run()
        return (process, stderr)
    }

    @Test func severalRunsRacingForAStaleLockLetExactlyOneIn() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Self.input(folder)
        let lockFile = folder.appendingPathComponent("out").appendingPathComponent(RunLock.fileName)
        let rounds = 5, racers = 4
        for round in 1...rounds {
            // A run killed with SIGKILL right after taking the lock leaves it stale.
            let killed = try ConsolidateBinary.run(Self.arguments(folder, wait: 60), environment: [FaultInjection.variable: "locked"])
            #expect(killed.signaled && killed.status == SIGKILL, "round \(round): \(killed.stderr)")
            #expect(FileManager.default.fileExists(atPath: lockFile.path))

            // The winner holds the lock for seconds, far longer than the racers take to start;
            // a racer that finds it held gives up at once (exit code 4).
            let started = try (0..<racers).map { _ in try Self.start(Self.arguments(folder, wait: 0), fault: "locked=sleep:4") }
            var winners: [String] = []
            var losers: [String] = []
            for (process, pipe) in started {
                process.waitUntilExit()
                let stderr = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                if process.terminationStatus == 4 {
                    losers.append(stderr)
                } else {
                    #expect(process.terminationStatus == 0, "round \(round): \(stderr)")
                    winners.append(stderr)
                }
            }
            #expect(winners.count == 1, "round \(round): \(winners.count) runs took the lock")
            #expect(losers.count == racers - 1)
            #expect(losers.allSatisfy { $0.contains("另一次运行") }, "round \(round): \(losers)")
            // The one that took over says so: the killed run did not end normally.
            #expect(winners.first?.contains("未正常结束") == true, "round \(round): \(winners)")
            #expect(!FileManager.default.fileExists(atPath: lockFile.path))
        }
    }

    @Test func lockIsHeldByTheKernelNotTheFileSoAStaleFileIsFreeAtOnce() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try RunLock.acquire(in: folder, timeout: 0)
        // A second taker in this process is refused too (flock is per open file).
        #expect(throws: RunLockError.self) { try RunLock.acquire(in: folder, timeout: 0) }
        #expect(first.holder()?.pid == getpid())
        first.release()
        let second = try RunLock.acquire(in: folder, timeout: 0)
        #expect(second.replaced == nil)
        second.release()
    }

    @Test func lockTakenByManyThreadsAtOnceHasOneHolderAtATime() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let state = HolderCount()
        let group = DispatchGroup()
        for _ in 0..<8 {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                for _ in 0..<10 {
                    guard let lock = try? RunLock.acquire(in: folder, timeout: 30) else { state.failed(); continue }
                    state.enter()
                    Thread.sleep(forTimeInterval: 0.002)
                    state.leave()
                    lock.release()
                }
            }
        }
        group.wait()
        #expect(state.maximum == 1)
        #expect(state.failures == 0)
    }
}

/// How many threads hold the lock at once, at most.
private final class HolderCount: @unchecked Sendable {
    private let mutex = NSLock()
    private var current = 0
    private(set) var maximum = 0
    private(set) var failures = 0

    func enter() { mutex.withLock { current += 1; maximum = max(maximum, current) } }
    func leave() { mutex.withLock { current -= 1 } }
    func failed() { mutex.withLock { failures += 1 } }
}
