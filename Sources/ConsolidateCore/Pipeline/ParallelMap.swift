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
///
/// A fixed buffer, written through its pointer: an `Array` property mutated from several
/// threads at once may see itself shared and copy its storage, losing other threads' writes.
private final class Slots<Value>: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<Value?>
    private let count: Int

    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil, count: count)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    func set(_ index: Int, _ value: Value) { storage[index] = value }

    func values() -> [Value] { (0..<count).map { storage[$0]! } }
}

private struct UnsafeSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
