import ArgumentParser
import ConsolidateCore
import Foundation

/// Taking an output folder for one run of `run` or `merge`: its lock, then what an interrupted
/// earlier run left behind. A folder another run holds exits with code 4 after `report` names
/// the holder.
enum OutputFolder {
    /// The lock, held until released, and the warnings (compiler style) about an earlier run:
    /// one killed while holding the lock (also recorded in the ledger), and its staging folder
    /// finished or removed.
    static func take(_ url: URL, wait: Double, report: (String) -> Void) throws -> (lock: RunLock, notices: [String]) {
        let lock: RunLock
        do {
            // Created and probed first, so an unwritable folder is named as such, not as a lock held.
            try OutputWriter.prepare(url)
            lock = try RunLock.acquire(in: url, timeout: wait)
        } catch let error as RunError {
            report("\(error)")
            throw ExitCode(error.exitCode)
        } catch let RunLockError.unwritable(_, reason) {
            let error = RunError.outputUnwritable(path: url.path, reason: reason)
            report("\(error)")
            throw ExitCode(error.exitCode)
        } catch let RunLockError.held(path, holder) {
            var who = ""
            if let holder {
                who = "（pid \(holder.pid)，主机 \(holder.host)，开始于 \(ISO8601DateFormatter().string(from: holder.started))）"
            }
            report("\(url.path): error: 另一次运行\(who)正在使用这个输出文件夹（锁文件 \(path)）：请等它结束后再运行，或用 --wait 秒数 等待更久。")
            throw ExitCode(4)
        } catch {
            let failure = RunError.outputUnwritable(path: url.path, reason: "\(error)")
            report("\(failure)")
            throw ExitCode(failure.exitCode)
        }
        var notices: [String] = []
        if let killed = lock.replaced {
            let when = ISO8601DateFormatter().string(from: killed.started)
            notices.append("\(url.path): warning: [render] 上次运行（进程\(killed.pid)，开始于\(when)）未正常结束，可能被强行终止；本次接管。")
            try? Ledger.append(Ledger.Entry(started: killed.started, ended: killed.started, exitCode: -1,
                                            error: "运行中断（进程\(killed.pid)未正常结束）"), in: url)
        }
        notices += OutputWriter.recover(url).map { "\(url.path): warning: [render] \($0)" }
        return (lock, notices)
    }
}
