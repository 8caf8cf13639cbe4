/// Memory that packed readings are copied into and that lives as long as any reading in it.
///
/// Records and words are plain values (`PackedReading.Leaf`, `PackedReading.Figure`, UTF-8 bytes):
/// copied in bit for bit and never written again, so a block is shared between threads safely.
final class ReadingBlock: @unchecked Sendable {
    /// The arena's count of blocks when this one was made (1 for its first); 0 for a reading's own block.
    let serial: Int
    private let base: UnsafeMutableRawPointer
    private let capacity: Int
    private var used = 0

    init(capacity: Int, serial: Int) {
        self.capacity = capacity
        self.serial = serial
        base = UnsafeMutableRawPointer.allocate(byteCount: max(capacity, 1), alignment: 16)
    }

    deinit { base.deallocate() }

    /// How much room `items` take, aligned as their type needs at any offset.
    static func room<T>(for items: UnsafeBufferPointer<T>) -> Int {
        items.isEmpty ? 0 : items.count * MemoryLayout<T>.stride + MemoryLayout<T>.alignment - 1
    }

    /// Whether `size` more bytes (`room(for:)` of what is placed) fit.
    func fits(_ size: Int) -> Bool { used + size <= capacity }

    /// `items` copied in after what was placed before, aligned for their type.
    func place<T>(_ items: UnsafeBufferPointer<T>) -> UnsafeBufferPointer<T> {
        precondition(_isPOD(T.self), "only plain values are copied into a reading block")
        guard let source = items.baseAddress, !items.isEmpty else { return UnsafeBufferPointer(start: nil, count: 0) }
        let alignment = MemoryLayout<T>.alignment
        let start = (used + alignment - 1) / alignment * alignment
        precondition(start + items.count * MemoryLayout<T>.stride <= capacity, "a reading block was given more than it has room for")
        let typed = (base + start).bindMemory(to: T.self, capacity: items.count)
        typed.initialize(from: source, count: items.count)
        used = start + items.count * MemoryLayout<T>.stride
        return UnsafeBufferPointer(start: typed, count: items.count)
    }
}

/// Large blocks that a run's packed readings are copied into one after another as they are
/// settled, on the one thread that settles them.
///
/// A province's 100,000 readings each held their own three buffers: when the merge took their
/// statements, the room they left lay in small holes among the accounts and the statements made
/// since, and the process kept it. Readings packed into shared blocks and taken in the blocks'
/// order (`PackedReading.blockSerial`) let each block go whole, back to the system, as soon as
/// its last reading is taken.
final class ReadingArena {
    /// The size of a block: large enough for the allocator to map it on its own (and give it back whole).
    let blockSize: Int
    private var current: ReadingBlock?
    private var made = 0

    init(blockSize: Int = 4 << 20) {
        self.blockSize = blockSize
    }

    /// A block with `size` bytes free: the current one, or a new one (larger for a reading that
    /// would not fit in one of `blockSize`).
    func block(for size: Int) -> ReadingBlock {
        if let current, current.fits(size) { return current }
        made += 1
        let block = ReadingBlock(capacity: max(blockSize, size), serial: made)
        current = block
        return block
    }
}
