import Foundation

/// Named points in a run where the tests can stop the process the hard way.
///
/// `CONSOLIDATE_FAULT=point[,point…]` makes the process kill itself with SIGKILL
/// on reaching `point`, as `kill -9` or a power cut would: no handler runs, no
/// file is closed. `point=sleep:S` pauses there for S seconds instead (to hold
/// the lock while a second run starts). Without the variable nothing happens;
/// it is read once per process.
public enum FaultInjection {
    public static let variable = "CONSOLIDATE_FAULT"

    enum Action: Equatable {
        case kill
        case sleep(Double)
    }

    static let plan: [String: Action] = parse(ProcessInfo.processInfo.environment[variable] ?? "")

    static func parse(_ text: String) -> [String: Action] {
        var plan: [String: Action] = [:]
        for entry in text.split(separator: ",") {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            guard let point = parts.first, !point.isEmpty else { continue }
            if parts.count == 2, parts[1].hasPrefix("sleep:"), let seconds = Double(parts[1].dropFirst(6)) {
                plan[point] = .sleep(seconds)
            } else {
                plan[point] = .kill
            }
        }
        return plan
    }

    /// Called at each named point; does nothing unless the variable names it.
    public static func reach(_ point: String) {
        switch plan[point] {
        case nil: return
        case .kill: kill(getpid(), SIGKILL)
        case let .sleep(seconds): Thread.sleep(forTimeInterval: seconds)
        }
    }
}
