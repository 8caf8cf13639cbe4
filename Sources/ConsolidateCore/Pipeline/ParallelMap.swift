import Dispatch

/// Runs a pure per-file function over many inputs on every core, keeping the input order.
enum ParallelMap {
    /// `done` is called once per input as soon as its output is ready, from the thread that made it.
    static func map<Input: Sendable, Output: Sendable>(
        _ inputs: [Input], done: @Sendable () -> Void = {}, _ transform: @Sendable (Input) -> Output
    ) -> [Output] {
        guard inputs.count > 1 else {
            return inputs.map { input in
                defer { done() }
                return transform(input)
            }
        }
        let slots = Slots<Output>(count: inputs.count)
        inputs.withUnsafeBufferPointer { buffer in
            let shared = UnsafeSendable(buffer)
            DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
                slots.set(index, transform(shared.value[index]))
                done()
            }
        }
        return slots.values()
    }
}

/// Result slots written by distinct iterations: each index is written once, by one thread.
private final class Slots<Value>: @unchecked Sendable {
    private var storage: [Value?]
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: Value) {
        storage.withUnsafeMutableBufferPointer { $0[index] = value }
    }
    func values() -> [Value] { storage.map { $0! } }
}

private struct UnsafeSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
